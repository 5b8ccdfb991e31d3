// Real `--format json` outputs of every verdict validate against docs/trace-report.schema.json,
// and the schema does catch a broken report.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { runCli } from '../../../src/trace/cli/run-cli';
import { FakeArmoniK } from '../../support/fake-armonik';

const schema = JSON.parse(readFileSync(join(__dirname, '../../../docs/trace-report.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

async function jsonReport(fake: FakeArmoniK, resultId: string): Promise<unknown> {
  let out = '';
  await runCli(['trace', resultId, '--format', 'json'], { stdout: { write: (t: string) => (out += t) }, stderr: { write: () => true }, env: {}, cwd: '/' }, { createClient: () => fake });
  return JSON.parse(out);
}

function assertValid(report: unknown): void {
  assert.ok(validate(report), JSON.stringify(validate.errors, null, 2));
}

describe('JSON report schema', () => {
  it('validates completed, in-progress, blocked, failed and retrying reports', async () => {
    const fake = new FakeArmoniK();
    fake.addPartition('gpu', 0, 0);
    fake.addPartition('default', 4, 1);
    const now = Date.now();
    // completed
    fake.addResult({ resultId: 'done', ownerTaskId: 'td', status: 'COMPLETED', completedAt: new Date(now - 1000) }, false);
    fake.addTask({ id: 'td', status: 'COMPLETED', expectedOutputIds: ['done'], startedAt: new Date(now - 3000), endedAt: new Date(now - 1000), processingToEndMs: 2000 }, false);
    // in progress with an ETA: agg waits on `done` and on a running task
    fake.addResult({ resultId: 'part', ownerTaskId: 'tp' }, false);
    fake.addTask({ id: 'tp', status: 'PROCESSING', expectedOutputIds: ['part'], startedAt: new Date(now - 500), podHostname: 'pod-1' }, false);
    fake.addResult({ resultId: 'progress', ownerTaskId: 'agg' }, false);
    fake.addTask({ id: 'agg', status: 'PENDING', dataDependencies: ['done', 'part'], expectedOutputIds: ['progress'] }, false);
    // blocked on a partition without workers
    fake.addResult({ resultId: 'stuck', ownerTaskId: 'tg' }, false);
    fake.addTask({ id: 'tg', status: 'SUBMITTED', options: { partitionId: 'gpu' }, expectedOutputIds: ['stuck'], submittedAt: new Date(now - 60_000) }, false);
    // failed through a cascade
    fake.addResult({ resultId: 'in', ownerTaskId: 'w', status: 'ABORTED' }, false);
    fake.addTask({ id: 'w', status: 'ERROR', expectedOutputIds: ['in'], error: 'boom', endedAt: new Date(now - 100) }, false);
    fake.addResult({ resultId: 'failed', ownerTaskId: 'c', status: 'ABORTED' }, false);
    fake.addTask({ id: 'c', status: 'ERROR', dataDependencies: ['in'], expectedOutputIds: ['failed'], error: 'Task w failed:\nboom', endedAt: new Date(now - 90) }, false);
    // retrying
    fake.addResult({ resultId: 'retry', ownerTaskId: 'x###1' }, false);
    fake.addTask({ id: 'x', status: 'RETRIED', expectedOutputIds: ['retry'], error: 'pod lost', endedAt: new Date(now - 100) }, false);
    fake.addTask({ id: 'x###1', initialTaskId: 'x', status: 'SUBMITTED', retryOfIds: ['x'], createdBy: 'x', expectedOutputIds: ['retry'], submittedAt: new Date(now - 50) }, false);

    const verdicts: Record<string, string> = { done: 'completed', progress: 'in-progress', stuck: 'blocked', failed: 'failed', retry: 'in-progress' };
    for (const [id, verdict] of Object.entries(verdicts)) {
      const report = (await jsonReport(fake, id)) as { verdict: string; eta: { remainingMs: number | null } };
      assertValid(report);
      assert.equal(report.verdict, verdict, id);
    }
    const progress = (await jsonReport(fake, 'progress')) as { eta: { remainingMs: number | null; at: string | null } };
    assert.equal(typeof progress.eta.remainingMs, 'number');
    assert.match(progress.eta.at!, /Z$/);
  });

  it('rejects a report that breaks the contract', async () => {
    const fake = new FakeArmoniK();
    fake.addResult({ resultId: 'r', ownerTaskId: '' }, false);
    const report = (await jsonReport(fake, 'r')) as Record<string, unknown>;
    assertValid(report);
    const { verdict: _dropped, ...withoutVerdict } = report;
    assert.equal(validate(withoutVerdict), false);
    assert.equal(validate({ ...report, verdict: 'maybe' }), false);
    assert.equal(validate({ ...report, extra: 1 }), false);
  });
});
