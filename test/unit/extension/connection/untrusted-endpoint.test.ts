import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  endpointNeedingConsent,
  settingsEndpoint,
  UntrustedEndpointConsent,
  type EndpointSettingsView,
  type TrustAnswer,
} from '../../../../src/extension/connection/untrusted-endpoint';

const REPO_SERVER = 'http://evil.example:5001';
const USER_SERVER = 'http://127.0.0.1:5001';

/** A consent whose question is answered by `answers` in order, recording each question. */
function consent(...answers: TrustAnswer[]) {
  const asked: string[] = [];
  const events: string[] = [];
  const c = new UntrustedEndpointConsent(
    async (url) => {
      asked.push(url);
      return answers.shift();
    },
    () => events.push('manage-trust'),
    (message) => events.push(message),
  );
  return { consent: c, asked, events };
}

const untrusted = (over: Partial<EndpointSettingsView>): EndpointSettingsView => ({ trusted: false, effective: '', workspaceValue: undefined, ...over });

test('an untrusted workspace naming its own endpoint is not connected to without asking', async () => {
  const refused = consent(undefined);
  // VS Code ignores the workspace's value: nothing is effective, the workspace asks for its server.
  assert.equal(await settingsEndpoint(untrusted({ workspaceValue: REPO_SERVER }), refused.consent), undefined);
  assert.deepEqual(refused.asked, [REPO_SERVER], 'the user was asked about that exact URL');

  const allowed = consent('connect');
  assert.deepEqual(await settingsEndpoint(untrusted({ workspaceValue: REPO_SERVER }), allowed.consent), { url: REPO_SERVER, from: 'untrusted-workspace' });
});

test('refusing falls back to the user\'s own endpoint setting', async () => {
  const c = consent(undefined);
  const chosen = await settingsEndpoint(untrusted({ effective: USER_SERVER, workspaceValue: REPO_SERVER }), c.consent);
  assert.deepEqual(chosen, { url: USER_SERVER, from: 'settings' });
  assert.deepEqual(c.asked, [REPO_SERVER]);
});

test('no question when the workspace is trusted, sets nothing, or names the user\'s own server', async () => {
  const c = consent();
  assert.deepEqual(await settingsEndpoint({ trusted: true, effective: REPO_SERVER, workspaceValue: REPO_SERVER }, c.consent), { url: REPO_SERVER, from: 'settings' });
  assert.deepEqual(await settingsEndpoint(untrusted({ effective: USER_SERVER }), c.consent), { url: USER_SERVER, from: 'settings' });
  assert.deepEqual(await settingsEndpoint(untrusted({ effective: USER_SERVER, workspaceValue: ` ${USER_SERVER} ` }), c.consent), { url: USER_SERVER, from: 'settings' });
  assert.equal(await settingsEndpoint(untrusted({ workspaceValue: '   ' }), c.consent), undefined, 'a blank workspace value asks for nothing');
  assert.deepEqual(c.asked, []);
  assert.equal(endpointNeedingConsent(untrusted({ effective: USER_SERVER, workspaceValue: REPO_SERVER })), REPO_SERVER);
});

test('the answer is remembered per URL for the window: one question, not one per connection attempt', async () => {
  const c = consent('connect', undefined);
  const view = untrusted({ workspaceValue: REPO_SERVER });
  // The tree, hovers and the start-up check all want a client at once.
  const chosen = await Promise.all([settingsEndpoint(view, c.consent), settingsEndpoint(view, c.consent), settingsEndpoint(view, c.consent)]);
  assert.deepEqual(c.asked, [REPO_SERVER], 'concurrent attempts share one question');
  assert.ok(chosen.every((t) => t?.url === REPO_SERVER));
  await settingsEndpoint(view, c.consent);
  assert.deepEqual(c.asked, [REPO_SERVER], 'a later attempt reuses the answer');

  // The workspace now names another server: that is a new question.
  const other = 'http://other.example:5001';
  assert.equal(await settingsEndpoint(untrusted({ workspaceValue: other }), c.consent), undefined);
  assert.deepEqual(c.asked, [REPO_SERVER, other]);
});

test('questions about two URLs asked at once get their own answers', async () => {
  const answers = new Map<string, TrustAnswer>([[REPO_SERVER, 'connect'], ['http://other.example:5001', undefined]]);
  const c = new UntrustedEndpointConsent(async (url) => answers.get(url), () => undefined, () => undefined);
  assert.deepEqual(await Promise.all([c.allowed(REPO_SERVER), c.allowed('http://other.example:5001')]), [true, false]);
});

test('"Manage Workspace Trust" opens the trust editor and does not connect', async () => {
  const c = consent('manage-trust');
  assert.equal(await settingsEndpoint(untrusted({ workspaceValue: REPO_SERVER }), c.consent), undefined);
  assert.deepEqual(c.events, ['manage-trust', `[trust] untrusted workspace endpoint ${REPO_SERVER}: refused`]);
});
