// What the extension does at start-up once activation returned: connect to the configured
// endpoint, and when nothing is configured, offer one way to get a control plane, once, in a
// non-modal notification:
//   - a local deployment found in the workspace (generated/armonik-output.json), or else
//   - the bundled simulator ("ArmoniK: Start Local Simulator").
// Each offer has a "never again" answer: per workspace for the deployment (it is about this
// workspace's files), for the user for the simulator (it is about the user's habits).
//
// No vscode import: main.ts adapts the window and the mementos, so the decisions are unit-tested.

import type { ConnectionState } from './connection-manager';

/** workspaceState / globalState, as far as the offers use them. */
export interface OfferMemory {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
}

export interface FoundDeployment {
  controlPlaneUrl: string;
  /** Where its output file is, relative to the workspace, for the message. */
  where: string;
}

/** `D`: what the extension knows of a deployment, handed back to `useDeployment`. */
export interface StartupOfferDeps<D extends FoundDeployment = FoundDeployment> {
  /** The first connection attempt; resolves with the state it ended in. */
  connect(): Promise<ConnectionState>;
  /** The state now (the user may have connected while we were looking). */
  state(): ConnectionState;
  findDeployment(): Promise<D | undefined>;
  useDeployment(found: D): Promise<unknown>;
  startSimulator(): PromiseLike<unknown>;
  /** A non-modal information message; resolves with the chosen button (undefined: dismissed). */
  offer(message: string, ...buttons: string[]): PromiseLike<string | undefined>;
  workspaceState: OfferMemory;
  globalState: OfferMemory;
  /** vscode.l10n.t */
  localize(message: string, ...args: string[]): string;
  warn(message: string): void;
}

export const DEPLOYMENT_OFFER_DECLINED_KEY = 'armonik.deploymentOfferDeclined';
/** In globalState, synced across machines (main.ts calls setKeysForSync). */
export const SIMULATOR_OFFER_DECLINED_KEY = 'armonik.simulatorOfferDeclined';

export type StartupOutcome =
  /** An endpoint is configured (connected or not: connection problems are the ProblemNotifier's). */
  | 'configured'
  | 'deployment-offered'
  | 'simulator-offered'
  /** Nothing configured, and the user said not to offer what there is to offer. */
  | 'declined-before'
  /** Connected some other way meanwhile, or the workspace could not be searched. */
  | 'nothing';

export async function runStartup<D extends FoundDeployment>(deps: StartupOfferDeps<D>): Promise<StartupOutcome> {
  if ((await deps.connect()) !== 'disconnected') return 'configured';
  let found: D | undefined;
  try {
    found = await deps.findDeployment();
  } catch (error) {
    deps.warn(`[discovery] ${error instanceof Error ? error.message : String(error)}`);
    return 'nothing';
  }
  if (deps.state() !== 'disconnected') return 'nothing';
  return found ? offerDeployment(deps, found) : offerSimulator(deps);
}

async function offerDeployment<D extends FoundDeployment>(deps: StartupOfferDeps<D>, found: D): Promise<StartupOutcome> {
  // A deployment the user declined for this workspace is not replaced by the simulator offer:
  // they have a control plane, and the welcome view still offers the simulator.
  if (deps.workspaceState.get(DEPLOYMENT_OFFER_DECLINED_KEY) === true) return 'declined-before';
  const use = deps.localize('Use It');
  const never = deps.localize('Not for This Workspace');
  const choice = await deps.offer(
    deps.localize('ArmoniK Trace found a local deployment at {0} ({1}). Connect to it?', found.controlPlaneUrl, found.where),
    use,
    never,
  );
  if (choice === use) await deps.useDeployment(found);
  else if (choice === never) await deps.workspaceState.update(DEPLOYMENT_OFFER_DECLINED_KEY, true);
  return 'deployment-offered';
}

async function offerSimulator<D extends FoundDeployment>(deps: StartupOfferDeps<D>): Promise<StartupOutcome> {
  if (deps.globalState.get(SIMULATOR_OFFER_DECLINED_KEY) === true) return 'declined-before';
  const start = deps.localize('Start Local Simulator');
  const never = deps.localize("Don't Show Again");
  const choice = await deps.offer(
    deps.localize('No ArmoniK control plane is configured. Start the bundled simulator to explore ArmoniK Trace on a simulated cluster?'),
    start,
    never,
  );
  // Dismissing the notification is not an answer: the offer comes back at the next start-up.
  if (choice === start) await deps.startSimulator();
  else if (choice === never) await deps.globalState.update(SIMULATOR_OFFER_DECLINED_KEY, true);
  return 'simulator-offered';
}
