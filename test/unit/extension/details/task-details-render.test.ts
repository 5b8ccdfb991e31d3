import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderTaskDetails } from '../../../../src/extension/details/task-details-render';
import { result, task } from '../fake-client';
import type { TaskSummary } from '../../../../src/armonik/model';

const T = '11111111-1111-4111-8111-111111111111';
const ROOT = '99999999-9999-4999-8999-999999999999';
const IN1 = '22222222-2222-4222-8222-222222222222';
const OUT = '33333333-3333-4333-8333-333333333333';
const PAY = '44444444-4444-4444-8444-444444444444';
const SESSION = '55555555-5555-4555-8555-555555555555';

const error = [
  `Task ${ROOT} failed:`,
  'System.InvalidOperationException: matrix is singular',
  '   at Acme.Worker.Solver.Invert(Matrix m) in /src/Acme.Worker/Solver.cs:line 42',
].join('\n');

function render() {
  const t = task(`${T}###1`, {
    sessionId: SESSION,
    status: 'ERROR',
    dataDependencies: [IN1],
    expectedOutputIds: [OUT],
    payloadId: PAY,
    retryOfIds: [T],
    createdBy: T,
    podHostname: 'worker-7',
    createdAt: new Date('2024-05-01T10:00:00Z'),
    endedAt: new Date('2024-05-01T10:00:02Z'),
    output: { success: false, error },
  });
  const results = new Map([
    [IN1, result(IN1, { status: 'COMPLETED', name: 'matrix' })],
    [OUT, result(OUT, { status: 'ABORTED', name: 'inverse' })],
  ]);
  const attempts = [
    { id: T, status: 'RETRIED', countRetryOfIds: 0, error: 'pod lost' },
    { id: `${T}###1`, status: 'ERROR', countRetryOfIds: 1, error: 'matrix is singular' },
  ] as unknown as TaskSummary[];
  return renderTaskDetails({ task: t, results, attempts, endpoint: 'http://sim:5001', why: { explanation: 'its output aborted the target', nextStep: 'fix the solver' } });
}

test('task details show status, relations, attempts and the full error', () => {
  const { text, errorLine } = render();
  assert.match(text, /^Task 1{8}-.*###1  ERROR/);
  assert.match(text, /Why it matters\n  its output aborted the target\n  Next step: fix the solver/);
  assert.match(text, /Retry of     11111111-1111-4111-8111-111111111111\n/);
  assert.match(text, /Attempt      2\n/);
  assert.match(text, /Inputs \(1\)\n  2{8}-.* COMPLETED  "matrix"/);
  assert.match(text, /Payload \(1\)\n  4{8}-.*  unknown to the control plane/);
  assert.match(text, /Outputs \(1\)\n  3{8}-.* ABORTED  "inverse"/);
  assert.match(text, /Attempts \(2\)\n    1{8}-[^\n]*RETRIED  pod lost\n  > 1{8}-[^\n]*###1  ERROR/);
  assert.ok(text.includes(`Error\n-----\n${error}\n`), 'the whole error text, unchanged');
  assert.equal(text.split('\n')[errorLine!], 'Error');
});

test('every ID and stack frame in the details is a link at the right place', () => {
  const { text, links } = render();
  for (const link of links) {
    const shown = text.slice(link.start, link.end);
    if (link.kind === 'frame') assert.equal(shown, '/src/Acme.Worker/Solver.cs:line 42');
    else assert.equal(shown, link.id);
  }
  const kinds = (kind: string) => links.filter((l) => l.kind === kind).map((l) => ('id' in l ? l.id : l.frame.line));
  assert.deepEqual(kinds('session'), [SESSION]);
  assert.deepEqual(kinds('result').sort(), [IN1, OUT, PAY].sort());
  assert.ok(kinds('task').includes(ROOT), 'the task named by a cascaded error is a link');
  assert.deepEqual(kinds('frame'), [42]);
});

test('a failed task without error text says so instead of showing nothing', () => {
  const { text } = renderTaskDetails({ task: task(T, { status: 'TIMEOUT' }), results: new Map(), attempts: [], endpoint: 'x' });
  assert.match(text, /Error\n-----\n\(the control plane reported no error text\)/);
  assert.match(text, /Created by   the client/);
});
