// The `armonik-trace` CLI run in-process against the fake control plane: reports, exit codes,
// clear errors, help, endpoint announcement, TLS flags and --watch.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EndpointConfig } from '../../../src/armonik/endpoint';
import { ArmoniKError } from '../../../src/armonik/errors';
import type { CliIo } from '../../../src/trace/cli/cli-io';
import { runCli } from '../../../src/trace/cli/run-cli';
import { FakeArmoniK } from '../../support/fake-armonik';

class Capture {
  text = '';
  constructor(readonly isTTY = false) {}
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  config: EndpointConfig | undefined;
}

async function run(argv: string[], fake: FakeArmoniK, options: { env?: Record<string, string>; tty?: boolean; during?: (io: CliIo) => void } = {}): Promise<Run> {
  const stdout = new Capture(options.tty);
  const stderr = new Capture(false);
  let config: EndpointConfig | undefined;
  const io: CliIo = { stdout, stderr, env: options.env ?? {}, cwd: '/' };
  const done = runCli(argv, io, {
    createClient: (endpoint) => {
      config = endpoint;
      return fake;
    },
  });
  options.during?.(io);
  const code = await done;
  return { code, stdout: stdout.text, stderr: stderr.text, config };
}

function failedCone(fake: FakeArmoniK): void {
  fake.addResult({ resultId: 'in', ownerTaskId: 'w', status: 'ABORTED' }, false);
  fake.addResult({ resultId: 'out', name: 'final-report', ownerTaskId: 'agg', status: 'ABORTED' }, false);
  fake.addTask({ id: 'w', status: 'ERROR', expectedOutputIds: ['in'], error: 'KeyError: missing column "price"\n  at pricing.py:42', endedAt: new Date() }, false);
  fake.addTask({ id: 'agg', status: 'ERROR', dataDependencies: ['in'], expectedOutputIds: ['out'], error: 'Task w failed:\nKeyError: missing column "price"', endedAt: new Date() }, false);
}

describe('armonik-trace CLI', () => {
  it('trace: a text report with verdict, chain, root cause and next step; exit 1 when not completed', async () => {
    const fake = new FakeArmoniK();
    failedCone(fake);
    const r = await run(['trace', 'out'], fake);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^FAILED {2}result final-report out/);
    assert.match(r.stdout, /out ← agg ← in ← w/);
    assert.match(r.stdout, /KeyError: missing column "price"/);
    assert.match(r.stdout, /→ re-run task w locally/);
    assert.match(r.stdout, /Cone: 2 tasks, 2 results, depth 2/);
    assert.equal(r.stderr, 'armonik-trace: endpoint http://localhost:5001 (from default (local simulator))\n');
    assert.equal(r.config?.url, 'http://localhost:5001');
  });

  it('trace: exit 0 and a completed report when the result is there', async () => {
    const fake = new FakeArmoniK();
    fake.addResult({ resultId: 'r', ownerTaskId: 't', status: 'COMPLETED', completedAt: new Date() }, false);
    fake.addTask({ id: 't', status: 'COMPLETED', expectedOutputIds: ['r'], startedAt: new Date(Date.now() - 2000), endedAt: new Date() }, false);
    const r = await run(['trace', 'r'], fake);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^COMPLETED/);
  });

  it('trace: a critical path whose durations nothing can estimate says so, in the singular for one task', async () => {
    const fake = new FakeArmoniK();
    fake.addResult({ resultId: 'r', ownerTaskId: 't' }, false);
    fake.addTask({ id: 't', status: 'SUBMITTED', expectedOutputIds: ['r'], submittedAt: new Date() }, false);
    const r = await run(['trace', 'r'], fake);
    assert.match(r.stdout, /^Critical path \(durations unknown, 1 task\): t \?$/m);
  });

  it('trace --format json: the documented report, endpoint source included, nothing on stderr', async () => {
    const fake = new FakeArmoniK();
    failedCone(fake);
    const r = await run(['trace', 'out', '--format', 'json', '--endpoint', 'http://cp:5001'], fake);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, '');
    const report = JSON.parse(r.stdout);
    assert.equal(report.schemaVersion, 1);
    assert.deepEqual(report.endpoint, { url: 'http://cp:5001', source: 'flag' });
    assert.deepEqual(report.result, { id: 'out', name: 'final-report', status: 'ABORTED', ownerTaskId: 'agg', sessionId: 'session' });
    assert.equal(report.verdict, 'failed');
    assert.deepEqual(report.rootCauses.map((c: { id: string }) => c.id), ['w']);
    assert.equal(report.eta.remainingMs, null);
    assert.equal(report.stats.liveMode, 'snapshot');
  });

  it('trace: TLS flags reach the client configuration', async () => {
    const fake = new FakeArmoniK();
    failedCone(fake);
    const r = await run(['trace', 'out', '--endpoint=https://cp:5001', '--ca', 'ca.pem', '--cert', 'c.pem', '--key', 'k.pem', '--server-name', 'armonik.local'], fake);
    assert.deepEqual(r.config, { url: 'https://cp:5001', caFile: 'ca.pem', certFile: 'c.pem', keyFile: 'k.pem', serverName: 'armonik.local' });
  });

  it('trace: the endpoint comes from ARMONIK_ENDPOINT when no flag is given, and says so', async () => {
    const fake = new FakeArmoniK();
    failedCone(fake);
    const r = await run(['trace', 'out'], fake, { env: { ARMONIK_ENDPOINT: 'http://from-env:5001' } });
    assert.equal(r.config?.url, 'http://from-env:5001');
    assert.match(r.stderr, /endpoint http:\/\/from-env:5001 \(from \$ARMONIK_ENDPOINT\)/);
  });

  it('unknown result: one clear line, exit 2, no stack trace', async () => {
    const fake = new FakeArmoniK({ endpoint: 'http://localhost:5001' });
    const r = await run(['trace', 'nope'], fake);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /armonik-trace: result nope not found on http:\/\/localhost:5001\n$/);
    assert.doesNotMatch(r.stderr, /\s+at /);
  });

  it('connection errors are reported in one line with exit 2', async () => {
    const fake = new FakeArmoniK();
    fake.results.byIds = () => Promise.reject(new ArmoniKError('unavailable', 'cannot reach the control plane at http://localhost:5001: connection refused. Is it running?'));
    const r = await run(['trace', 'x'], fake);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot reach the control plane at http:\/\/localhost:5001: connection refused/);
  });

  it('usage errors exit 2 with what was wrong', async () => {
    const fake = new FakeArmoniK();
    const cases: Array<[string[], RegExp]> = [
      [[], /Usage:/],
      [['frobnicate'], /unknown command "frobnicate"/],
      [['trace'], /expected exactly one result ID, got 0/],
      [['trace', 'a', 'b'], /expected exactly one result ID, got 2/],
      [['trace', 'a', '--format', 'xml'], /--format must be one of text, json \(got "xml"\)/],
      [['trace', 'a', '--wtach'], /unknown option --wtach/],
      [['trace', 'a', '--endpoint'], /--endpoint needs a value/],
      [['sessions', '--limit', '0'], /--limit must be a whole number/],
    ];
    for (const [argv, message] of cases) {
      const r = await run(argv, fake);
      assert.equal(r.code, 2, argv.join(' '));
      assert.match(r.stderr, message, argv.join(' '));
    }
  });

  it('--help for the tool and each command', async () => {
    const fake = new FakeArmoniK();
    for (const [argv, heading] of [
      [['--help'], /^armonik-trace: why is my ArmoniK result not there yet\?/],
      [['trace', '--help'], /^Usage: armonik-trace trace <resultId>/],
      [['task', '-h'], /^Usage: armonik-trace task <taskId>/],
      [['sessions', '--help'], /^Usage: armonik-trace sessions/],
    ] as const) {
      const r = await run([...argv], fake);
      assert.equal(r.code, 0);
      assert.match(r.stdout, heading);
      assert.match(r.stdout, /--endpoint URL/);
    }
  });

  it('task: shows the full, multi-line error', async () => {
    const fake = new FakeArmoniK();
    failedCone(fake);
    const r = await run(['task', 'w'], fake);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^task w {2}ERROR/);
    assert.match(r.stdout, / {4}KeyError: missing column "price"\n {6}at pricing.py:42\n/);
    const missing = await run(['task', 'ghost'], fake);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /task ghost not found/);
  });

  it('sessions: newest first, as text or JSON', async () => {
    const fake = new FakeArmoniK();
    fake.addSession('s-old', { createdAt: new Date('2025-01-01T00:00:00Z') });
    fake.addSession('s-new', { createdAt: new Date('2025-02-01T00:00:00Z'), status: 'PAUSED' });
    const r = await run(['sessions'], fake);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /s-old {2}RUNNING/);
    assert.match(r.stdout, /s-new {2}PAUSED/);
    const json = JSON.parse((await run(['sessions', '--format', 'json'], fake)).stdout);
    assert.equal(json.total, 2);
  });

  it('trace --watch on a pipe appends reports until the result completes, then exits 0', async () => {
    const fake = new FakeArmoniK();
    fake.addResult({ resultId: 'r', ownerTaskId: 't' }, false);
    fake.addTask({ id: 't', status: 'PROCESSING', expectedOutputIds: ['r'], startedAt: new Date() }, false);
    const r = await run(['trace', 'r', '--watch'], fake, {
      during: () => {
        setTimeout(() => {
          fake.updateTask('t', { status: 'COMPLETED', endedAt: new Date() });
          fake.updateResult('r', { status: 'COMPLETED', completedAt: new Date() });
        }, 100);
      },
    });
    assert.equal(r.code, 0);
    const reports = r.stdout.split(/^--- /m).filter((s) => s !== '');
    assert.ok(reports.length >= 2);
    assert.match(reports[0]!, /IN PROGRESS/);
    assert.match(reports.at(-1)!, /COMPLETED/);
    assert.equal(fake.openSubscriptions().length, 0, 'streams are closed on exit');
  });

  it('trace --watch on a terminal redraws in place; --format json streams one report per line', async () => {
    const fake = new FakeArmoniK();
    fake.addResult({ resultId: 'r', ownerTaskId: 't' }, false);
    fake.addTask({ id: 't', status: 'PROCESSING', expectedOutputIds: ['r'], startedAt: new Date() }, false);
    const finish = () =>
      setTimeout(() => {
        fake.updateTask('t', { status: 'ERROR', error: 'boom', endedAt: new Date() });
        fake.updateResult('r', { status: 'ABORTED' });
      }, 100);
    const tty = await run(['trace', 'r', '--watch'], fake, { tty: true, during: finish });
    assert.equal(tty.code, 1);
    assert.match(tty.stdout, /\x1b\[\d+F\x1b\[0J/);

    fake.updateTask('t', { status: 'PROCESSING', error: '' }, false);
    fake.updateResult('r', { status: 'CREATED' }, false);
    const json = await run(['trace', 'r', '--watch', '--format', 'json'], fake, { during: finish });
    const lines = json.stdout.trim().split('\n').map((line) => JSON.parse(line));
    assert.ok(lines.length >= 2);
    assert.equal(lines[0].verdict, 'in-progress');
    assert.equal(lines.at(-1).verdict, 'failed');
    assert.equal(json.code, 1);
  });

  it('trace --watch stops on Ctrl-C with the last report', async () => {
    const fake = new FakeArmoniK();
    fake.addResult({ resultId: 'r', ownerTaskId: 't' }, false);
    fake.addTask({ id: 't', status: 'PROCESSING', expectedOutputIds: ['r'], startedAt: new Date() }, false);
    const controller = new AbortController();
    const stdout = new Capture();
    const done = runCli(['trace', 'r', '--watch'], { stdout, stderr: new Capture(), env: {}, cwd: '/', signal: controller.signal }, { createClient: () => fake });
    setTimeout(() => controller.abort(), 80);
    assert.equal(await done, 1);
    assert.match(stdout.text, /IN PROGRESS/);
  });
});
