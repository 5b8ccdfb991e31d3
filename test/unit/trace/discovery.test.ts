// Endpoint discovery: flag, setting, environment, a local deployment's output file found by
// walking up, then the simulator's default — and which one was used.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { DEFAULT_ENDPOINT, discoverEndpoint, findDeploymentOutput } from '../../../src/armonik/discovery';

const root = mkdtempSync(join(tmpdir(), 'armonik-discovery-'));
after(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, content: string): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
  return path;
}

const output = (url: string) => JSON.stringify({ armonik: { control_plane_url: url, grafana_url: null, admin_app_url: 'http://x:5000/admin' } });

describe('endpoint discovery', () => {
  it('prefers the flag, then the setting, then ARMONIK_ENDPOINT', () => {
    const env = { ARMONIK_ENDPOINT: 'http://env:5001' };
    assert.deepEqual(discoverEndpoint({ flag: 'http://flag:5001', setting: 'http://set:5001', env }), { url: 'http://flag:5001', source: 'flag', origin: '--endpoint', warnings: [] });
    assert.equal(discoverEndpoint({ setting: 'http://set:5001', env }).source, 'setting');
    const fromEnv = discoverEndpoint({ setting: '  ', env });
    assert.deepEqual([fromEnv.url, fromEnv.source, fromEnv.origin], ['http://env:5001', 'env', '$ARMONIK_ENDPOINT']);
  });

  it('finds generated/armonik-output.json in an ancestor folder', () => {
    const project = join(root, 'project');
    const file = write(join(project, 'generated', 'armonik-output.json'), output('http://192.168.1.10:5001'));
    const deep = join(project, 'src', 'worker');
    mkdirSync(deep, { recursive: true });
    const found = discoverEndpoint({ env: {}, cwd: deep });
    assert.deepEqual(found, { url: 'http://192.168.1.10:5001', source: 'deployment', origin: file, warnings: [] });
  });

  it('finds the quick-deploy output below an ancestor (a checkout of the ArmoniK repository)', () => {
    const checkout = join(root, 'ArmoniK');
    const file = write(join(checkout, 'infrastructure', 'quick-deploy', 'localhost', 'generated', 'armonik-output.json'), output('https://10.0.0.2:5001'));
    const found = findDeploymentOutput(join(checkout));
    assert.deepEqual(found, { path: file, url: 'https://10.0.0.2:5001' });
  });

  it('skips a malformed output file with a warning and falls back to the default', () => {
    const broken = join(root, 'broken');
    write(join(broken, 'generated', 'armonik-output.json'), '{ not json');
    const other = join(root, 'nourl');
    write(join(other, 'generated', 'armonik-output.json'), JSON.stringify({ armonik: { control_plane_url: null } }));
    const a = discoverEndpoint({ env: {}, cwd: broken });
    assert.equal(a.url, DEFAULT_ENDPOINT);
    assert.equal(a.source, 'default');
    assert.match(a.warnings[0]!, /not valid JSON/);
    const b = discoverEndpoint({ env: {}, cwd: other });
    assert.match(b.warnings[0]!, /no armonik.control_plane_url/);
  });

  it('defaults to the local simulator', () => {
    assert.deepEqual(discoverEndpoint({ env: {} }), { url: 'http://localhost:5001', source: 'default', origin: 'default (local simulator)', warnings: [] });
  });
});
