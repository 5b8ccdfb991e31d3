import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCliConfig, parseDeploymentOutput } from '../../../../src/extension/connection/deployment-output';

test('reads the control plane and admin URLs of a local deployment', () => {
  const text = JSON.stringify({
    armonik: { control_plane_url: 'http://192.168.1.20:5001', grafana_url: null, admin_app_url: 'http://192.168.1.20:5000/admin', chaos_mesh_url: null },
  });
  assert.deepEqual(parseDeploymentOutput(text), { controlPlaneUrl: 'http://192.168.1.20:5001', adminUrl: 'http://192.168.1.20:5000/admin' });
  assert.deepEqual(parseDeploymentOutput(JSON.stringify({ armonik: { control_plane_url: 'http://h:5001', admin_app_url: null } })), {
    controlPlaneUrl: 'http://h:5001',
    adminUrl: undefined,
  });
});

test('explains why an output file cannot be used', () => {
  assert.match((parseDeploymentOutput('{oops') as { problem: string }).problem, /not valid JSON/);
  assert.match((parseDeploymentOutput('{}') as { problem: string }).problem, /no "armonik" object/);
  assert.match((parseDeploymentOutput('{"armonik":{}}') as { problem: string }).problem, /control_plane_url/);
});

test('reads TLS files from armonik-cli.yaml and ignores empty ones', () => {
  const yaml = 'endpoint: https://h:5001\ncertificate_authority: /d/ca.crt\nclient_certificate: /d/client.crt\nclient_key: /d/client.key\n';
  assert.deepEqual(parseCliConfig(yaml), { caFile: '/d/ca.crt', certFile: '/d/client.crt', keyFile: '/d/client.key' });
  assert.deepEqual(parseCliConfig('endpoint: http://h:5001\ncertificate_authority: ""\n'), { caFile: undefined, certFile: undefined, keyFile: undefined });
  assert.deepEqual(parseCliConfig(': : :'), {});
});
