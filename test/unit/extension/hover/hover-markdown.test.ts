import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hoverMarkdown } from '../../../../src/extension/hover/hover-markdown';
import { result, session, task } from '../fake-client';

const T = '11111111-1111-4111-8111-111111111111';
const R = '22222222-2222-4222-8222-222222222222';
const ctx = { inGraph: (id: string) => id === T, endpoint: 'http://127.0.0.1:5001' };

function commandArgs(markdown: string, command: string): unknown {
  const m = new RegExp(`command:${command.replace('.', '\\.')}\\?([^ )]+)`).exec(markdown);
  return m ? JSON.parse(decodeURIComponent(m[1]!)) : undefined;
}

test('a task hover shows status, placement, timing, error excerpt and its commands', () => {
  const t = task(T, {
    status: 'ERROR',
    podHostname: 'worker-1',
    expectedOutputIds: [R],
    startedAt: new Date('2024-05-01T10:00:00Z'),
    endedAt: new Date('2024-05-01T10:00:02.500Z'),
    options: { partitionId: 'gpu' } as never,
    output: { success: false, error: 'boom ``` injected\n' + Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n') },
  });
  const { markdown, commands } = hoverMarkdown({ kind: 'task', id: T, task: t }, ctx);
  assert.match(markdown, /\*\*ArmoniK task\*\* `1{8}-[^`]+` — \*\*ERROR\*\*/);
  assert.match(markdown, /partition `gpu` · pod `worker-1`/);
  assert.match(markdown, /ran 2\.5 s/);
  assert.match(markdown, /````text\nboom ``` injected\nline 0/, 'the fence is longer than any backtick run in the error');
  assert.ok(!markdown.includes('line 10'), 'only the first lines of a long error');
  assert.deepEqual(commands, ['armonik.showTaskDetails', 'armonik.showTaskError', 'armonik.traceResult', 'armonik.showInGraph']);
  assert.deepEqual(commandArgs(markdown, 'armonik.traceResult'), [R]);
});

test('a result hover offers tracing and the owner task, not the graph when not in one', () => {
  const { markdown, commands } = hoverMarkdown({ kind: 'result', id: R, result: result(R, { ownerTaskId: T, status: 'CREATED', name: 'out' }) }, ctx);
  assert.match(markdown, /\*\*ArmoniK result\*\* .* — \*\*CREATED\*\*/);
  assert.match(markdown, /owner task `1{8}/);
  assert.deepEqual(commands, ['armonik.traceResult', 'armonik.showTaskDetails']);
  assert.deepEqual(commandArgs(markdown, 'armonik.showTaskDetails'), [T]);
});

test('session and unknown IDs say what they are', () => {
  assert.match(hoverMarkdown({ kind: 'session', id: 's', session: session('s') }, ctx).markdown, /ArmoniK session.*RUNNING/);
  const unknown = hoverMarkdown({ kind: 'unknown', id: T }, ctx);
  assert.match(unknown.markdown, /not a task, result or session known to http:\/\/127\\\.0\\\.0\\\.1:5001/);
  assert.deepEqual(unknown.commands, []);
});
