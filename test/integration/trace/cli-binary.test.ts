// The built `armonik-trace` binary (dist/cli.js, what `npx armonik-trace` runs) as a separate
// process against the simulator over loopback: the text report a user reads in a terminal,
// the JSON a script parses, the exit codes a CI pipeline branches on.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { TraceReportV1 } from '../../../src/trace/cli/report-json';
import { startHarness, type Harness } from './simulator-harness';

const CLI = join(__dirname, '..', '..', '..', 'dist', 'cli.js');
const MINUTE = 60_000;

interface Exit {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the binary asynchronously: the simulator serving it lives in this process's event loop. */
function cli(args: string[], env: Record<string, string> = {}): Promise<Exit> {
  assert.ok(existsSync(CLI), `${CLI} is missing: run \`npm run build\` first (npm test builds before this phase)`);
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 30_000, cwd: __dirname }, (error, stdout, stderr) => {
      const code = error && typeof error.code === 'number' ? error.code : error ? -1 : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

describe('armonik-trace binary × simulator', () => {
  let diamond: Harness;
  let failing: Harness;
  before(async () => {
    diamond = await startHarness('diamond');
    failing = await startHarness('failing');
    failing.sim.engine.runUntilIdle(30 * MINUTE);
  });
  after(async () => {
    await diamond.stop();
    await failing.stop();
  });

  it('in progress: text report with blockers, critical path and ETA; exit 1', async () => {
    // Past A, with the two branches running: there is a path behind and an estimate ahead.
    diamond.sim.engine.advance(1500);
    const r = await cli(['trace', diamond.target('d'), '--endpoint', diamond.sim.endpoint]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^IN PROGRESS {2}result /);
    assert.match(r.stdout, /^Blockers \(\d+ of \d+/m);
    assert.match(r.stdout, /^ {2}1\. \[(running|queued|waiting-dependencies)\] .+\n {5}→ .+/m);
    assert.match(r.stdout, /^Critical path \((at least )?[\d.]+m?s, 3 tasks\): \S+ [~?\d]/m);
    assert.match(r.stdout, /^ETA (~[\d.]+m?s \(\d\d:\d\d:\d\d\)|unknown)$/m);
    assert.match(r.stdout, /^Cone: 4 tasks, \d+ results, depth 3 · \d+ RPCs, \d+ round trips/m);
    assert.equal(r.stderr, `armonik-trace: endpoint ${diamond.sim.endpoint} (from --endpoint)\n`);
  });

  it('completed: exit 0, and the JSON a script reads agrees with the server', async () => {
    diamond.sim.engine.runUntilIdle(10 * MINUTE);
    const r = await cli(['trace', diamond.target('d'), '--endpoint', diamond.sim.endpoint, '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as TraceReportV1;
    assert.equal(report.verdict, 'completed');
    assert.equal(report.result.id, diamond.target('d'));
    const fromServer = await diamond.client.results.get(diamond.target('d'));
    assert.equal(report.result.status, fromServer.status);
    assert.equal(report.result.ownerTaskId, fromServer.ownerTaskId);
    assert.deepEqual(report.cone, { tasks: 4, results: report.cone.results, depth: 3 });
    assert.ok(report.stats.roundTrips <= 2 * report.cone.depth + 2, `round trips ${report.stats.roundTrips}`);
  });

  it('failed: the root cause and its worker error; `task` prints the full stack trace', async () => {
    const r = await cli(['trace', failing.target('risk-report'), '--format', 'json'], { ARMONIK_ENDPOINT: failing.sim.endpoint });
    assert.equal(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout) as TraceReportV1;
    assert.equal(report.verdict, 'failed');
    assert.equal(report.rootCauses.length, 1);
    const root = report.rootCauses[0]!;
    assert.match(root.error ?? '', /Curve fit did not converge/);

    const task = await cli(['task', root.id, '--endpoint', failing.sim.endpoint]);
    assert.equal(task.code, 0, task.stderr);
    assert.match(task.stdout, /System\.ArithmeticException: Curve fit did not converge/);
    // The whole multi-line trace, not its first line.
    assert.ok(task.stdout.split('\n').filter((l) => /^\s+at .+:line \d+/.test(l)).length >= 2, task.stdout);
  });

  it('sessions lists the scenario session; unknown IDs and dead endpoints exit 2 with a clear message', async () => {
    const sessions = await cli(['sessions', '--endpoint', failing.sim.endpoint]);
    assert.equal(sessions.code, 0, sessions.stderr);
    const sessionId = failing.sim.scenario!.sessions.values().next().value as string;
    assert.ok(sessions.stdout.includes(sessionId), sessions.stdout);

    const unknown = await cli(['trace', 'no-such-result', '--endpoint', failing.sim.endpoint]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /no-such-result/);
    assert.match(unknown.stderr, /not found/i);

    const dead = await cli(['trace', 'x', '--endpoint', 'http://127.0.0.1:1']);
    assert.equal(dead.code, 2);
    assert.match(dead.stderr, /cannot reach ArmoniK at http:\/\/127\.0\.0\.1:1/);
  });
});
