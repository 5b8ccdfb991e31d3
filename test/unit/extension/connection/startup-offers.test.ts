import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ConnectionState } from '../../../../src/extension/connection/connection-manager';
import {
  DEPLOYMENT_OFFER_DECLINED_KEY,
  runStartup,
  SIMULATOR_OFFER_DECLINED_KEY,
  type FoundDeployment,
  type OfferMemory,
} from '../../../../src/extension/connection/startup-offers';

function memory(initial: Record<string, unknown> = {}): OfferMemory & { values: Record<string, unknown> } {
  const values = { ...initial };
  return {
    values,
    get: (key) => values[key],
    update: async (key, value) => {
      values[key] = value;
    },
  };
}

interface Setup {
  /** The state the start-up connection ends in. */
  connects?: ConnectionState;
  deployment?: FoundDeployment;
  discoveryFails?: Error;
  /** Which button the user clicks on the offer (undefined: dismisses it). */
  click?: (buttons: string[]) => string | undefined;
  workspaceState?: Record<string, unknown>;
  globalState?: Record<string, unknown>;
}

function start(setup: Setup = {}) {
  const offers: Array<{ message: string; buttons: string[] }> = [];
  const actions: string[] = [];
  const workspaceState = memory(setup.workspaceState);
  const globalState = memory(setup.globalState);
  const outcome = runStartup({
    connect: async () => setup.connects ?? 'disconnected',
    state: () => 'disconnected',
    findDeployment: async () => {
      actions.push('findDeployment');
      if (setup.discoveryFails) throw setup.discoveryFails;
      return setup.deployment;
    },
    useDeployment: async (found) => actions.push(`useDeployment(${found.controlPlaneUrl})`),
    startSimulator: async () => actions.push('startSimulator'),
    offer: async (message, ...buttons) => {
      offers.push({ message, buttons });
      return setup.click?.(buttons);
    },
    workspaceState,
    globalState,
    localize: (message, ...args) => message.replace(/\{(\d+)\}/g, (_, i: string) => args[Number(i)] ?? ''),
    warn: (message) => actions.push(`warn(${message})`),
  });
  return { outcome, offers, actions, workspaceState, globalState };
}

const DEPLOYMENT = { controlPlaneUrl: 'http://192.168.1.20:5001', where: 'infrastructure/quick-deploy/localhost/generated/armonik-output.json' };

test('with no endpoint and no local deployment, one notification offers to start the bundled simulator', async () => {
  const run = start();
  assert.equal(await run.outcome, 'simulator-offered');
  assert.equal(run.offers.length, 1);
  assert.match(run.offers[0]!.message, /No ArmoniK control plane is configured.*simulator/);
  assert.deepEqual(run.offers[0]!.buttons, ['Start Local Simulator', "Don't Show Again"]);
  assert.deepEqual(run.actions, ['findDeployment'], 'nothing starts before the user answers');
});

test('"Start Local Simulator" runs the command', async () => {
  const run = start({ click: (b) => b[0] });
  await run.outcome;
  assert.deepEqual(run.actions, ['findDeployment', 'startSimulator']);
});

test('"Don\'t Show Again" is remembered for the user and the offer is not made again', async () => {
  const first = start({ click: (b) => b[1] });
  await first.outcome;
  assert.equal(first.globalState.values[SIMULATOR_OFFER_DECLINED_KEY], true);
  assert.deepEqual(first.workspaceState.values, {}, 'a user-wide answer, not a workspace one');
  assert.ok(!first.actions.includes('startSimulator'));

  const next = start({ globalState: first.globalState.values });
  assert.equal(await next.outcome, 'declined-before');
  assert.equal(next.offers.length, 0);
});

test('dismissing the offer is not an answer: it comes back next time', async () => {
  const first = start({ click: () => undefined });
  await first.outcome;
  assert.deepEqual(first.globalState.values, {});
  const next = start({ globalState: first.globalState.values });
  assert.equal(await next.outcome, 'simulator-offered');
});

test('with an endpoint configured there is no offer, even when it cannot be reached', async () => {
  for (const connects of ['connected', 'error'] as const) {
    const run = start({ connects });
    assert.equal(await run.outcome, 'configured');
    assert.equal(run.offers.length, 0);
    assert.deepEqual(run.actions, [], 'the workspace is not even searched');
  }
});

test('a local deployment is offered instead of the simulator, and "Use It" connects to it', async () => {
  const run = start({ deployment: DEPLOYMENT, click: (b) => b[0] });
  assert.equal(await run.outcome, 'deployment-offered');
  assert.equal(run.offers.length, 1);
  assert.equal(run.offers[0]!.message, `ArmoniK Trace found a local deployment at ${DEPLOYMENT.controlPlaneUrl} (${DEPLOYMENT.where}). Connect to it?`);
  assert.deepEqual(run.offers[0]!.buttons, ['Use It', 'Not for This Workspace']);
  assert.deepEqual(run.actions, ['findDeployment', `useDeployment(${DEPLOYMENT.controlPlaneUrl})`]);
});

test('a deployment declined for this workspace is not offered again, nor replaced by the simulator offer', async () => {
  const first = start({ deployment: DEPLOYMENT, click: (b) => b[1] });
  await first.outcome;
  assert.equal(first.workspaceState.values[DEPLOYMENT_OFFER_DECLINED_KEY], true);
  const next = start({ deployment: DEPLOYMENT, workspaceState: first.workspaceState.values });
  assert.equal(await next.outcome, 'declined-before');
  assert.equal(next.offers.length, 0);
});

test('declining the simulator does not hide a deployment found later', async () => {
  const run = start({ deployment: DEPLOYMENT, globalState: { [SIMULATOR_OFFER_DECLINED_KEY]: true } });
  assert.equal(await run.outcome, 'deployment-offered');
});

test('a workspace that cannot be searched gives a warning in the log, not a popup', async () => {
  const run = start({ discoveryFails: new Error('file search unavailable') });
  assert.equal(await run.outcome, 'nothing');
  assert.equal(run.offers.length, 0);
  assert.deepEqual(run.actions, ['findDeployment', 'warn([discovery] file search unavailable)']);
});

test('no offer when the user connected some other way while the workspace was searched', async () => {
  let state: ConnectionState = 'disconnected';
  const offers: string[] = [];
  const outcome = await runStartup({
    connect: async () => 'disconnected',
    state: () => state,
    findDeployment: async () => {
      state = 'connected'; // e.g. "Connect…" from the welcome view
      return undefined;
    },
    useDeployment: async () => undefined,
    startSimulator: async () => undefined,
    offer: async (message) => {
      offers.push(message);
      return undefined;
    },
    workspaceState: memory(),
    globalState: memory(),
    localize: (m) => m,
    warn: () => undefined,
  });
  assert.equal(outcome, 'nothing');
  assert.deepEqual(offers, []);
});
