// The simulator's command line, run as a user would: src/simulator/main.ts bundled by esbuild
// (as dist/simulator.js is) into a temporary folder and started with node. Covers the `--json`
// ready line the VS Code extension parses, the human output, --list-scenarios, and the exit
// codes and messages for bad scenarios, bad options and a port already in use.

import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as grpc from '@grpc/grpc-js';
import { build } from 'esbuild';
import { BUILTIN_SCENARIOS } from '../../../src/simulator/scenarios';
import { rawClients, rpc } from './grpc-test-client';

const ROOT = resolve(__dirname, '../../..');
const MAIN = join(ROOT, 'src/simulator/main.ts');
let bundle = '';

interface Run {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  exit: Promise<number | null>;
  /** Resolves with the first stdout line. */
  firstLine(timeoutMs?: number): Promise<string>;
}

function run(args: string[]): Run {
  // The bundle lives outside the repository, so it is told where the protos are.
  const env = { ...process.env, ARMONIK_PROTOS_DIR: join(ROOT, 'protos') };
  const child = spawn(process.execPath, [bundle, ...args], { cwd: ROOT, stdio: 'pipe', env });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exit,
    firstLine: (timeoutMs = 20_000) =>
      new Promise((res, rej) => {
        const timer = setTimeout(() => rej(new Error(`no output line within ${timeoutMs} ms; stderr: ${err}`)), timeoutMs);
        const check = (): void => {
          const nl = out.indexOf('\n');
          if (nl >= 0) {
            clearTimeout(timer);
            res(out.slice(0, nl));
          }
        };
        child.stdout.on('data', check);
        void exit.then(() => {
          clearTimeout(timer);
          rej(new Error(`exited before printing a line; stderr: ${err}`));
        });
        check();
      }),
  };
}

describe('simulator CLI', () => {
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'armonik-sim-cli-'));
    bundle = join(dir, 'simulator.js');
    await build({ entryPoints: [MAIN], outfile: bundle, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error' });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('--json prints exactly one "listening" line with the endpoint and targets, then stops cleanly on SIGTERM', async () => {
    const r = run(['--scenario', 'failing', '--port', '0', '--json']);
    const line = await r.firstLine();
    const ready = JSON.parse(line) as { event: string; endpoint: string; targets: Array<Record<string, string>> };
    assert.equal(ready.event, 'listening');
    assert.match(ready.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.ok(ready.targets.length > 0);
    for (const target of ready.targets) assert.deepEqual(Object.keys(target).sort(), ['description', 'name', 'resultId', 'sessionId']);
    const c = rawClients(ready.endpoint);
    const result = (await rpc(c.results, 'GetResult', { resultId: ready.targets[0].resultId })).result!;
    assert.equal(result.sessionId, ready.targets[0].sessionId);
    c.close();
    r.child.kill('SIGTERM');
    assert.equal(await r.exit, 0);
    assert.deepEqual(r.stdout().trim().split('\n'), [line], 'nothing else on stdout');
  });

  it('prints the endpoint, each target with what is wrong, and how to trace it', async () => {
    const r = run(['--scenario', 'stuck', '--port', '0']);
    await r.firstLine();
    await new Promise((res) => setTimeout(res, 300));
    const text = r.stdout();
    r.child.kill('SIGINT');
    assert.equal(await r.exit, 0);
    const endpoint = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(text)?.[1];
    assert.ok(endpoint, text);
    const ids = [...text.matchAll(/^ {2}([0-9a-f-]{36}) {2}\S+: .+$/gm)].map((m) => m[1]);
    assert.ok(ids.length >= 3, `the stuck scenario has three targets:\n${text}`);
    assert.ok(text.includes(`npm run trace -- trace ${ids[0]} --endpoint ${endpoint}`), text);
  });

  it('--list-scenarios names every built-in, in text and in JSON', async () => {
    const text = run(['--list-scenarios']);
    assert.equal(await text.exit, 0);
    for (const s of BUILTIN_SCENARIOS) assert.ok(text.stdout().includes(`  ${s.name}\n`), `missing ${s.name}`);
    const json = run(['--list-scenarios', '--json']);
    assert.equal(await json.exit, 0);
    const parsed = JSON.parse(json.stdout()) as { scenarios: Array<{ name: string; description: string }> };
    assert.deepEqual(
      parsed.scenarios.map((s) => s.name),
      BUILTIN_SCENARIOS.map((s) => s.name),
    );
  });

  it('an invalid scenario file exits with 2 and the validation error (file, line, field)', async () => {
    const file = join(dir, 'broken.yaml');
    writeFileSync(
      file,
      ['name: broken', 'description: x', 'partitions: [{ id: default, workers: 1 }]', 'sessions:', '  - name: main', '    tasks:', '      - name: B', '        inputs: [nowhere]', '        outputs: [b]', 'targets: []', ''].join('\n'),
    );
    const r = run(['--scenario', file, '--port', '0', '--json']);
    assert.equal(await r.exit, 2);
    assert.match(r.stderr(), /broken\.yaml:8: sessions\[0\]\.tasks\[0\]\.inputs\[0\]: unknown result "nowhere"/);
    assert.equal(r.stdout(), '', 'no ready line');
  });

  it('an unknown scenario or a bad option exits with 2 and says why', async () => {
    const unknown = run(['--scenario', 'no-such-scenario', '--port', '0']);
    assert.equal(await unknown.exit, 2);
    assert.match(unknown.stderr(), /"no-such-scenario" is neither a built-in scenario/);
    const badPort = run(['--port', 'abc']);
    assert.equal(await badPort.exit, 2);
    assert.match(badPort.stderr(), /--port needs a port number/);
    assert.match(badPort.stderr(), /Usage: npm run simulator/);
  });

  it('--without-events serves everything but Events, which answers UNIMPLEMENTED', async () => {
    const r = run(['--scenario', 'diamond', '--port', '0', '--json', '--without-events']);
    const ready = JSON.parse(await r.firstLine()) as { endpoint: string; targets: Array<Record<string, string>> };
    const c = rawClients(ready.endpoint);
    try {
      const result = (await rpc(c.results, 'GetResult', { resultId: ready.targets[0]!.resultId! })).result!;
      assert.equal(result.sessionId, ready.targets[0]!.sessionId);
      const code = await new Promise<number | undefined>((res) => {
        const stream = c.events.GetEvents({ sessionId: result.sessionId });
        stream.on('data', () => {});
        stream.on('error', (error: { code?: number }) => res(error.code));
        stream.on('end', () => res(undefined));
      });
      assert.equal(code, grpc.status.UNIMPLEMENTED);
    } finally {
      c.close();
      r.child.kill('SIGTERM');
    }
    assert.equal(await r.exit, 0);
  });

  it('a port in use exits with 1 and suggests --port', async () => {
    const blocker = createServer();
    await new Promise<void>((res) => blocker.listen(0, '127.0.0.1', res));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const r = run(['--port', String(port)]);
      assert.equal(await r.exit, 1);
      assert.match(r.stderr(), new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use.*--port`));
    } finally {
      blocker.close();
    }
  });
});
