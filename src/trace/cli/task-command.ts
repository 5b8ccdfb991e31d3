// `armonik-trace task <taskId>`: one task in full, including its complete error text.

import type { Task } from '../../armonik/model';
import { formatDuration } from '../format-duration';
import { onePositional, parseArgs } from './args';
import type { CliDeps, CliIo } from './cli-io';
import { CONNECTION_OPTIONS, connect } from './connection';
import { EXIT_COMPLETED } from './exit-codes';
import { TASK_HELP } from './help';

const OPTIONS = { ...CONNECTION_OPTIONS, format: { kind: 'value', choices: ['text', 'json'] }, help: { kind: 'switch' } } as const;

export async function taskCommand(argv: readonly string[], io: CliIo, deps: CliDeps): Promise<number> {
  const args = parseArgs(argv, OPTIONS, 'task');
  if (args.switches.has('help')) {
    io.stdout.write(TASK_HELP);
    return EXIT_COMPLETED;
  }
  const taskId = onePositional(args, 'task', 'task ID');
  const json = args.values.get('format') === 'json';
  const { client, endpoint } = connect(args, io, deps, !json);
  try {
    const task = await client.tasks.get(taskId, io.signal ? { signal: io.signal } : {});
    io.stdout.write(json ? `${JSON.stringify({ endpoint: { url: endpoint.url, source: endpoint.source }, task }, null, 2)}\n` : renderTask(task));
    return EXIT_COMPLETED;
  } finally {
    client.close();
  }
}

const when = (date: Date | undefined): string => (date === undefined ? '-' : date.toISOString());

export function renderTask(task: Task): string {
  const o = task.options;
  const lines = [
    `task ${task.id}  ${task.status}`,
    `  session      ${task.sessionId}`,
    `  partition    ${o?.partitionId || '-'}   priority ${o?.priority ?? '-'}   max retries ${o?.maxRetries ?? '-'}   max duration ${formatDuration(o?.maxDurationMs)}`,
    `  attempt      ${task.retryOfIds.length + 1}${task.retryOfIds.length > 0 ? ` (retries ${task.retryOfIds.join(', ')})` : ''}`,
    `  created by   ${task.createdBy || 'the client'}   initial task ${task.initialTaskId}`,
    `  pod          ${task.podHostname || '-'}${task.ownerPodId ? ` (${task.ownerPodId})` : ''}`,
    `  created      ${when(task.createdAt)}`,
    `  submitted    ${when(task.submittedAt)}`,
    `  started      ${when(task.startedAt)}`,
    `  ended        ${when(task.endedAt)}`,
    `  durations    creation→end ${formatDuration(task.creationToEndMs)}, processing→end ${formatDuration(task.processingToEndMs)}`,
    `  payload      ${task.payloadId || '-'}`,
    `  inputs       ${task.dataDependencies.length === 0 ? '-' : task.dataDependencies.join(', ')}`,
    `  outputs      ${task.expectedOutputIds.length === 0 ? '-' : task.expectedOutputIds.join(', ')}`,
  ];
  const error = task.output?.error ?? '';
  if (error !== '') lines.push('  error:', ...error.split('\n').map((line) => `    ${line}`));
  return `${lines.join('\n')}\n`;
}
