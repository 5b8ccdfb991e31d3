// Renders a task as the plain text of its read-only details document, and remembers where the
// IDs and stack frames are so that the link provider can make them clickable. No vscode here.

import type { Result, Task, TaskSummary } from '../../armonik/model';
import { parseStackFrames, type StackFrame } from '../../shared/stack-frames';
import { formatDuration } from '../tree/format';

export type DetailLink =
  | { kind: 'task' | 'result' | 'session'; id: string; start: number; end: number }
  | { kind: 'frame'; frame: StackFrame; start: number; end: number };

export interface TaskDetailsInput {
  task: Task;
  /** Results the task reads or writes, by ID (missing ones are shown as unknown). */
  results: ReadonlyMap<string, Result>;
  /** Every attempt of the task (same initial task), in any order. */
  attempts: readonly TaskSummary[];
  /** Why the user was sent here (blocker explanation and next step), if from a trace. */
  why?: { explanation: string; nextStep?: string; target?: string };
  endpoint: string;
  /** When the data was read (default: now). */
  readAt?: Date;
}

export interface RenderedTaskDetails {
  text: string;
  links: DetailLink[];
  /** Line (0-based) of the "Error" heading, when the task has an error. */
  errorLine: number | undefined;
}

/** Wide enough for the longest label ("  Processing") plus a space. */
const LABEL_WIDTH = 13;

class Writer {
  text = '';
  links: DetailLink[] = [];
  line = 0;

  write(s: string): void {
    this.text += s;
    this.line += s.split('\n').length - 1;
  }

  link(kind: 'task' | 'result' | 'session', id: string): void {
    if (!id) {
      this.write('—');
      return;
    }
    this.links.push({ kind, id, start: this.text.length, end: this.text.length + id.length });
    this.write(id);
  }

  row(label: string, value: string | (() => void)): void {
    this.write(label.padEnd(LABEL_WIDTH));
    if (typeof value === 'string') this.write(value);
    else value();
    this.write('\n');
  }
}

function ts(date: Date | undefined): string {
  if (!date) return '—';
  return date.toISOString().replace('T', ' ').replace('Z', ' UTC');
}

function ms(value: number | undefined): string {
  if (value === undefined) return '—';
  return value < 1000 ? `${Math.round(value)} ms` : `${(value / 1000).toFixed(value < 10_000 ? 2 : 1)} s`;
}

/** The attempt number of a task: 1 for the first, n+1 for `<initial>###n`. */
export function attemptNumber(task: Pick<Task, 'retryOfIds'>): number {
  return task.retryOfIds.length + 1;
}

export function renderTaskDetails(input: TaskDetailsInput): RenderedTaskDetails {
  const { task } = input;
  const w = new Writer();
  w.write('Task ');
  w.link('task', task.id);
  w.write(`  ${task.status}\n`);
  w.write(`${'='.repeat(Math.min(80, 7 + task.id.length + task.status.length))}\n\n`);

  if (input.why) {
    w.write(`Why it matters${input.why.target ? ` for result ${input.why.target}` : ''}\n`);
    w.write(`  ${input.why.explanation}\n`);
    if (input.why.nextStep) w.write(`  Next step: ${input.why.nextStep}\n`);
    w.write('\n');
  }

  w.row('Status', task.status);
  w.row('Session', () => w.link('session', task.sessionId));
  w.row('Partition', task.options?.partitionId || '(default)');
  w.row('Pod', task.podHostname ? `${task.podHostname}${task.ownerPodId ? ` (pod ${task.ownerPodId})` : ''}` : task.ownerPodId || '—');
  const maxRetries = task.options?.maxRetries;
  w.row('Attempt', `${attemptNumber(task)}${maxRetries !== undefined ? ` of at most ${maxRetries + 1}` : ''}`);
  if (task.createdBy) {
    const isRetry = task.retryOfIds.includes(task.createdBy);
    w.row(isRetry ? 'Retry of' : 'Created by', () => w.link('task', task.createdBy));
  } else {
    w.row('Created by', 'the client (submitted directly)');
  }
  if (task.options?.maxDurationMs !== undefined) w.row('Max time', formatDuration(task.options.maxDurationMs));
  if (task.options?.applicationName) {
    w.row('Application', `${task.options.applicationName}${task.options.applicationVersion ? ` ${task.options.applicationVersion}` : ''}`);
  }
  w.write('\n');

  w.write('Timeline\n');
  const times: Array<[string, Date | undefined]> = [
    ['Created', task.createdAt],
    ['Submitted', task.submittedAt],
    ['Received', task.receivedAt],
    ['Started', task.startedAt],
    ['Processed', task.processedAt],
    ['Ended', task.endedAt],
  ];
  for (const [label, date] of times) if (date) w.row(`  ${label}`, ts(date));
  if (task.processingToEndMs !== undefined) w.row('  Processing', ms(task.processingToEndMs));
  if (task.creationToEndMs !== undefined) w.row('  Overall', ms(task.creationToEndMs));
  w.write('\n');

  const resultList = (title: string, ids: readonly string[]): void => {
    w.write(`${title} (${ids.length})\n`);
    if (ids.length === 0) w.write('  none\n');
    for (const id of ids) {
      const r = input.results.get(id);
      w.write('  ');
      w.link('result', id);
      if (!r) {
        w.write('  unknown to the control plane\n');
        continue;
      }
      w.write(`  ${r.status}`);
      if (r.name && r.name !== id) w.write(`  "${r.name}"`);
      if (r.ownerTaskId && r.ownerTaskId !== task.id && r.status === 'CREATED') {
        w.write('  owned by ');
        w.link('task', r.ownerTaskId);
      }
      w.write('\n');
    }
    w.write('\n');
  };
  resultList('Inputs', task.dataDependencies);
  resultList('Payload', task.payloadId ? [task.payloadId] : []);
  resultList('Outputs', task.expectedOutputIds);

  if (input.attempts.length > 1) {
    const sorted = [...input.attempts].sort((a, b) => a.countRetryOfIds - b.countRetryOfIds);
    w.write(`Attempts (${sorted.length})\n`);
    for (const a of sorted) {
      w.write(`  ${a.id === task.id ? '>' : ' '} `);
      w.link('task', a.id);
      w.write(`  ${a.status}`);
      if (a.error) w.write(`  ${a.error.split('\n')[0]!.slice(0, 120)}`);
      w.write('\n');
    }
    w.write('\n');
  }

  let errorLine: number | undefined;
  const error = task.output?.error ?? '';
  if (error) {
    errorLine = w.line;
    w.write('Error\n-----\n');
    const errorStart = w.text.length;
    w.write(error.endsWith('\n') ? error : `${error}\n`);
    // Cascaded errors name the task that failed first: make that ID a link too.
    const cascade = /^Task ([^\s:]+) (?:failed|timed-out)/.exec(error);
    if (cascade) {
      const at = errorStart + cascade[0].indexOf(cascade[1]!);
      w.links.push({ kind: 'task', id: cascade[1]!, start: at, end: at + cascade[1]!.length });
    }
    for (const frame of parseStackFrames(error)) {
      w.links.push({ kind: 'frame', frame, start: errorStart + frame.start, end: errorStart + frame.end });
    }
  } else if (task.status === 'ERROR' || task.status === 'TIMEOUT' || task.status === 'RETRIED') {
    errorLine = w.line;
    w.write('Error\n-----\n(the control plane reported no error text)\n');
  }
  w.write(`\n-- read from ${input.endpoint} at ${(input.readAt ?? new Date()).toISOString().slice(11, 19)} UTC (Refresh in the editor title re-reads it)\n`);
  return { text: w.text, links: w.links, errorLine };
}
