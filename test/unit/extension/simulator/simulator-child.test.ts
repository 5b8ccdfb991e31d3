import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseListeningLine, startSimulatorChild } from '../../../../src/extension/simulator/simulator-child';

const dir = mkdtempSync(join(tmpdir(), 'sim-child-'));
function script(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, body);
  return path;
}

test('parses the ready line and ignores other output', () => {
  const line = JSON.stringify({
    event: 'listening',
    endpoint: 'http://127.0.0.1:4321',
    targets: [{ name: 'blocked', resultId: 'r1', sessionId: 's1', description: 'waits on a failed task' }, { bogus: true }],
  });
  assert.deepEqual(parseListeningLine(line), {
    endpoint: 'http://127.0.0.1:4321',
    targets: [{ name: 'blocked', resultId: 'r1', sessionId: 's1', description: 'waits on a failed task' }],
  });
  assert.equal(parseListeningLine('Simulator listening on 127.0.0.1:5001'), undefined);
  assert.equal(parseListeningLine('{"event":"stopped"}'), undefined);
  assert.equal(parseListeningLine('{broken'), undefined);
});

test('starts a simulator process, reads its endpoint and stops it', async () => {
  const path = script(
    'ok.js',
    `console.log('starting');
     setTimeout(() => console.log(JSON.stringify({ event: 'listening', endpoint: 'http://127.0.0.1:9', targets: [], args: process.argv.slice(2), electron: process.env.ELECTRON_RUN_AS_NODE })), 50);
     setInterval(() => {}, 1000);`,
  );
  const seen: string[] = [];
  let exitSignal: string | null = null;
  const child = await startSimulatorChild({
    execPath: process.execPath,
    script: path,
    args: ['--scenario', 'demo', '--json'],
    startTimeoutMs: 5000,
    onOutput: (_s, line) => seen.push(line),
    onExit: (_c, signal) => {
      exitSignal = signal;
    },
  });
  assert.equal(child.ready.endpoint, 'http://127.0.0.1:9');
  assert.ok(seen.includes('starting'));
  assert.match(seen.find((l) => l.includes('listening'))!, /"args":\["--scenario","demo","--json"\],"electron":"1"/);
  assert.equal(child.exited, false);
  await child.stop();
  assert.equal(child.exited, true);
  assert.equal(exitSignal, 'SIGTERM');
});

test('reports the error output when the simulator exits before listening', async () => {
  const path = script('bad.js', `console.error('unknown scenario "nope" (try --list-scenarios)'); process.exit(2);`);
  await assert.rejects(
    startSimulatorChild({ execPath: process.execPath, script: path, args: [], startTimeoutMs: 5000 }),
    /exited \(code 2\) before it was ready:\nunknown scenario "nope"/,
  );
});

test('gives up when the simulator never gets ready', async () => {
  const path = script('silent.js', `setInterval(() => {}, 1000);`);
  await assert.rejects(
    startSimulatorChild({ execPath: process.execPath, script: path, args: [], startTimeoutMs: 300 }),
    /did not start within 0.3 s/,
  );
});

import { parseScenarioList } from '../../../../src/extension/simulator/scenario-list';

test('reads the scenario list as JSON, JSON lines or text', () => {
  const expected = [
    { name: 'demo', description: 'a blocked result' },
    { name: 'failing', description: 'cascade' },
  ];
  assert.deepEqual(parseScenarioList(JSON.stringify(expected)), expected);
  assert.deepEqual(parseScenarioList(JSON.stringify({ scenarios: expected })), expected);
  assert.deepEqual(parseScenarioList(expected.map((e) => JSON.stringify(e)).join('\n')), expected);
  assert.deepEqual(parseScenarioList('demo      a blocked result\nfailing — cascade\n'), expected);
  assert.deepEqual(parseScenarioList(''), []);
});
