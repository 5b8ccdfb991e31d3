import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adminGuiUrl } from '../../../src/extension/admin/admin-gui-url';

test('admin GUI links append the object kind and ID to the base URL', () => {
  assert.equal(adminGuiUrl('http://10.0.0.1:5000/admin', 'task', 'abc'), 'http://10.0.0.1:5000/admin/tasks/abc');
  assert.equal(adminGuiUrl('http://host:5000/admin/en/', 'result', 'r'), 'http://host:5000/admin/en/results/r');
  assert.equal(adminGuiUrl('https://h/admin?x=1#y', 'session', 'a b'), 'https://h/admin/sessions/a%20b');
  assert.equal(adminGuiUrl('t###1', 'task', 'x'), undefined);
  assert.equal(adminGuiUrl('file:///etc/passwd', 'task', 'x'), undefined);
});
