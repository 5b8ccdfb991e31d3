// Owns the one ArmoniK client of the window: creates it lazily for the current endpoint target,
// checks health, keeps a connection state (the `armonik.connectionState` context key, the status
// bar and the tree's welcome content follow it) and re-checks in the background. Nothing here
// talks to the user: notifications are the ProblemNotifier's job.

import * as vscode from 'vscode';
import type { ArmoniKClient } from '../../armonik/api';
import { ArmoniKError, isArmoniKError } from '../../armonik/errors';
import type { ServiceHealth, Versions } from '../../armonik/model';
import { describeError, type Log } from '../log';
import { sameTarget, shortEndpoint, type EndpointTarget } from './endpoint-target';

export type ConnectionState = 'disconnected' | 'connecting' | 'connected' | 'error';

export interface ConnectionSnapshot {
  state: ConnectionState;
  target: EndpointTarget | undefined;
  /** Why the last check failed (state `error`). */
  error: Error | undefined;
  health: ServiceHealth[] | undefined;
  versions: Versions | undefined;
  /** Epoch ms of the last completed check. */
  checkedAt: number | undefined;
}

export type ClientFactory = (target: EndpointTarget) => Promise<ArmoniKClient>;

export interface ConnectionManagerDeps {
  log: Log;
  /** The target to use now, or undefined when nothing is configured (may ask the user, e.g. in
   * an untrusted workspace). */
  resolveTarget(): Promise<EndpointTarget | undefined>;
  createClient: ClientFactory;
  /** Deadline of the health check (ms). */
  healthTimeoutMs(): number;
  /** Background re-check period while connected (ms); 0 disables. */
  monitorIntervalMs?: number;
}

const RETRY_DELAYS_MS = [5_000, 10_000, 20_000, 40_000, 60_000];
/** How long a failed check answers for the connection before another one is made on demand. */
const ERROR_REUSE_MS = 3_000;

export class ConnectionManager implements vscode.Disposable {
  private snapshotValue: ConnectionSnapshot = {
    state: 'disconnected',
    target: undefined,
    error: undefined,
    health: undefined,
    versions: undefined,
    checkedAt: undefined,
  };
  private client: ArmoniKClient | undefined;
  private clientTarget: EndpointTarget | undefined;
  private attempt: Promise<ConnectionSnapshot> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;
  private disposed = false;
  private readonly changed = new vscode.EventEmitter<ConnectionSnapshot>();
  /** Fires after every state or target change (not after unchanged periodic checks). */
  readonly onDidChange = this.changed.event;
  /** Fires when a new client replaced the previous one (endpoint switch, reconnect). */
  private readonly clientChanged = new vscode.EventEmitter<ArmoniKClient | undefined>();
  readonly onDidChangeClient = this.clientChanged.event;

  constructor(private readonly deps: ConnectionManagerDeps) {}

  get snapshot(): ConnectionSnapshot {
    return this.snapshotValue;
  }

  get state(): ConnectionState {
    return this.snapshotValue.state;
  }

  /** The client if one exists, without connecting. */
  get currentClient(): ArmoniKClient | undefined {
    return this.client;
  }

  /**
   * A client for the current target, connecting first if needed. Throws an ArmoniKError with an
   * actionable message when there is no endpoint or it cannot be reached.
   */
  async getClient(): Promise<ArmoniKClient> {
    if (this.client && this.state === 'connected') return this.client;
    // Right after a failed check, answer with its error instead of checking again: hovers and
    // tree rows asking one after the other must not turn into a storm of connection attempts.
    const recent = this.snapshotValue;
    const snap =
      recent.state === 'error' && recent.checkedAt !== undefined && Date.now() - recent.checkedAt < ERROR_REUSE_MS && !this.attempt
        ? recent
        : await this.connect('client requested');
    if (this.client && snap.state === 'connected') return this.client;
    if (snap.state === 'disconnected') {
      throw new ArmoniKError(
        'configuration',
        'No ArmoniK endpoint is selected: set `armonik.endpoint`, use a local deployment, or start the local simulator (command "ArmoniK: Connect…").',
      );
    }
    if (snap.error && isArmoniKError(snap.error)) throw snap.error;
    throw new ArmoniKError('unavailable', snap.error ? describeError(snap.error) : `cannot reach ArmoniK at ${snap.target?.url ?? '?'}`, {
      cause: snap.error,
    });
  }

  /** Resolves the target and checks its health. Concurrent callers share one attempt. */
  connect(reason: string): Promise<ConnectionSnapshot> {
    this.attempt ??= this.runAttempt(reason).finally(() => {
      this.attempt = undefined;
    });
    return this.attempt;
  }

  /** Drops the client and connects again (the target may have changed). */
  async reconnect(reason: string): Promise<ConnectionSnapshot> {
    if (this.attempt) await this.attempt.catch(() => undefined);
    this.dropClient();
    this.failures = 0;
    return this.connect(reason);
  }

  /** Forgets the client and goes back to `disconnected` (e.g. the simulator was stopped and no
   * other endpoint is configured). */
  disconnect(): void {
    this.dropClient();
    this.clearTimer();
    this.update({ state: 'disconnected', target: undefined, error: undefined, health: undefined, versions: undefined });
  }

  dispose(): void {
    this.disposed = true;
    this.clearTimer();
    this.dropClient();
    this.changed.dispose();
    this.clientChanged.dispose();
  }

  private async runAttempt(reason: string): Promise<ConnectionSnapshot> {
    if (this.disposed) return this.snapshotValue;
    this.clearTimer();
    let target: EndpointTarget | undefined;
    try {
      target = await this.deps.resolveTarget();
    } catch (error) {
      this.deps.log.error(`[connection] cannot resolve the endpoint: ${describeError(error)}`);
      target = undefined;
    }
    if (!target) {
      this.dropClient();
      this.update({ state: 'disconnected', target: undefined, error: undefined, health: undefined, versions: undefined });
      return this.snapshotValue;
    }
    if (!sameTarget(target, this.clientTarget)) this.dropClient();
    const showConnecting = this.state !== 'connected' || !sameTarget(target, this.snapshotValue.target);
    if (showConnecting) this.update({ state: 'connecting', target, error: undefined });
    this.deps.log.info(`[connection] checking ${target.url} (${reason})`);
    try {
      if (!this.client) {
        this.client = await this.deps.createClient(target);
        this.clientTarget = target;
        this.clientChanged.fire(this.client);
      }
      const timeoutMs = this.deps.healthTimeoutMs();
      const [health, versions] = await Promise.all([
        this.client.health({ timeoutMs }),
        // Versions are informative only: an old control plane without the service still works.
        this.client.versions({ timeoutMs }).catch((error: unknown) => {
          this.deps.log.warn(`[connection] versions unavailable: ${describeError(error)}`);
          return undefined;
        }),
      ]);
      if (this.disposed) return this.snapshotValue;
      this.failures = 0;
      const unhealthy = health.filter((s) => s.healthy !== 'HEALTHY');
      if (unhealthy.length > 0) {
        this.deps.log.warn(`[connection] ${shortEndpoint(target.url)}: ${unhealthy.map((s) => `${s.name} ${s.healthy}${s.message ? ` (${s.message})` : ''}`).join(', ')}`);
      }
      const wasConnected = this.state === 'connected' && sameTarget(this.snapshotValue.target, target);
      this.update({ state: 'connected', target, error: undefined, health, versions, checkedAt: Date.now() }, !wasConnected);
      if (!wasConnected) this.deps.log.info(`[connection] connected to ${target.url}${versions ? ` (core ${versions.core}, api ${versions.api})` : ''}`);
      this.schedule(this.deps.monitorIntervalMs ?? 30_000);
    } catch (error) {
      if (this.disposed) return this.snapshotValue;
      this.failures++;
      const err = error instanceof Error ? error : new Error(String(error));
      this.deps.log.error(`[connection] ${target.url}: ${err.message}`);
      // A configuration error (bad URL, unreadable certificate) will not fix itself: no retry loop.
      if (isArmoniKError(err, 'configuration')) this.dropClient();
      this.update({ state: 'error', target, error: err, health: undefined, checkedAt: Date.now() });
      if (!isArmoniKError(err, 'configuration')) {
        this.schedule(RETRY_DELAYS_MS[Math.min(this.failures - 1, RETRY_DELAYS_MS.length - 1)]!);
      }
    }
    return this.snapshotValue;
  }

  private schedule(ms: number): void {
    this.clearTimer();
    if (ms <= 0 || this.disposed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.connect('background check');
    }, ms);
    // Never keep a test process or a shutting-down host alive for a health check.
    (this.timer as { unref?: () => void }).unref?.();
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private dropClient(): void {
    if (!this.client) return;
    try {
      this.client.close();
    } catch (error) {
      this.deps.log.warn(`[connection] closing the client: ${describeError(error)}`);
    }
    this.client = undefined;
    this.clientTarget = undefined;
    this.clientChanged.fire(undefined);
  }

  private update(patch: Partial<ConnectionSnapshot>, notify = true): void {
    const before = this.snapshotValue;
    this.snapshotValue = { ...before, ...patch };
    const changed =
      before.state !== this.snapshotValue.state ||
      !sameTarget(before.target, this.snapshotValue.target) ||
      before.error?.message !== this.snapshotValue.error?.message ||
      healthKey(before.health) !== healthKey(this.snapshotValue.health);
    if (notify || changed) this.changed.fire(this.snapshotValue);
  }
}

function healthKey(health: ServiceHealth[] | undefined): string {
  return health ? health.map((s) => `${s.name}=${s.healthy}`).join(',') : '';
}
