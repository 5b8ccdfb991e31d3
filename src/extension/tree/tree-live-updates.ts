// Keeps the expanded sessions of the tree live: one GetEvents stream per expanded session (a
// handful at most), folded into one refresh per session every half second. Only status updates
// are requested: asking for NEW_TASK/NEW_RESULT would make Core replay every task of the
// session first (reference §11.10), and new tasks show up anyway through their first status
// update. Without an Events service the expanded sessions are polled instead.

import * as vscode from 'vscode';
import type { EventSubscription } from '../../armonik/api';
import { isArmoniKError } from '../../armonik/errors';
import type { ConnectionManager } from '../connection/connection-manager';
import { describeError, type Log } from '../log';
import { EventCoalescer } from './event-coalescer';
import type { SessionsTreeProvider } from './sessions-tree-provider';
import { SessionNode, type ArmoniKTreeNode } from './tree-nodes';

const MAX_LIVE_SESSIONS = 8;
const COALESCE_MS = 500;
const POLL_MS = 10_000;

export class TreeLiveUpdates implements vscode.Disposable {
  private readonly expanded: string[] = [];
  private readonly streams = new Map<string, EventSubscription>();
  private readonly coalescer: EventCoalescer;
  private pollTimer: ReturnType<typeof setInterval> | undefined;
  private polling = false;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly provider: SessionsTreeProvider,
    view: vscode.TreeView<ArmoniKTreeNode>,
    private readonly connection: ConnectionManager,
    private readonly log: Log,
    private readonly enabled: () => boolean,
  ) {
    this.coalescer = new EventCoalescer(COALESCE_MS, (changes) => {
      void this.provider.applyChanges(changes).catch((error: unknown) => this.log.warn(`[tree] live refresh: ${describeError(error)}`));
    });
    this.disposables.push(
      view.onDidExpandElement((e) => {
        if (e.element instanceof SessionNode) this.watch(e.element.session.sessionId);
      }),
      view.onDidCollapseElement((e) => {
        if (e.element instanceof SessionNode) this.unwatch(e.element.session.sessionId);
      }),
      connection.onDidChangeClient(() => this.restart()),
      connection.onDidChange((snap) => {
        if (snap.state === 'connected') this.resubscribeAll();
      }),
    );
  }

  /** Sessions whose streams are open (for tests and the log). */
  get liveSessions(): string[] {
    return [...this.streams.keys()];
  }

  /** Re-reads the settings (events on/off). */
  restart(): void {
    for (const stream of this.streams.values()) stream.close();
    this.streams.clear();
    this.stopPolling();
    this.resubscribeAll();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    for (const stream of this.streams.values()) stream.close();
    this.streams.clear();
    this.stopPolling();
    this.coalescer.dispose();
  }

  private watch(sessionId: string): void {
    const at = this.expanded.indexOf(sessionId);
    if (at >= 0) this.expanded.splice(at, 1);
    this.expanded.push(sessionId);
    while (this.expanded.length > MAX_LIVE_SESSIONS) this.unwatch(this.expanded[0]!);
    this.subscribe(sessionId);
  }

  private unwatch(sessionId: string): void {
    const at = this.expanded.indexOf(sessionId);
    if (at >= 0) this.expanded.splice(at, 1);
    this.streams.get(sessionId)?.close();
    this.streams.delete(sessionId);
  }

  private resubscribeAll(): void {
    for (const id of this.expanded) this.subscribe(id);
  }

  private subscribe(sessionId: string): void {
    if (!this.enabled() || this.polling || this.streams.has(sessionId)) return;
    const client = this.connection.currentClient;
    if (!client || this.connection.state !== 'connected') return;
    let stream: EventSubscription;
    try {
      stream = client.events.subscribe(sessionId, {
        kinds: ['taskStatusUpdate', 'resultStatusUpdate'],
        // After a lost stream, events may have been missed: re-read what is shown.
        onResync: () => {
          const node = this.provider.sessionNode(sessionId);
          if (node) void this.provider.refresh(node);
        },
      });
    } catch (error) {
      this.log.warn(`[tree] cannot follow session ${sessionId}: ${describeError(error)}`);
      return;
    }
    this.streams.set(sessionId, stream);
    this.log.debug(`[tree] following session ${sessionId}`);
    void (async () => {
      try {
        for await (const event of stream) this.coalescer.push(event);
      } catch (error) {
        if (this.streams.get(sessionId) !== stream) return;
        this.streams.delete(sessionId);
        if (isArmoniKError(error, 'unimplemented')) {
          this.log.info('[tree] the control plane has no Events service: polling expanded sessions instead');
          this.startPolling();
        } else if (!isArmoniKError(error, 'cancelled')) {
          this.log.warn(`[tree] live updates of session ${sessionId} stopped: ${describeError(error)}`);
        }
      }
    })();
  }

  private startPolling(): void {
    if (this.polling) return;
    this.polling = true;
    for (const stream of this.streams.values()) stream.close();
    this.streams.clear();
    this.pollTimer = setInterval(() => {
      for (const id of this.expanded) {
        const node = this.provider.sessionNode(id);
        if (node) void this.provider.refresh(node);
      }
    }, POLL_MS);
  }

  private stopPolling(): void {
    if (this.pollTimer !== undefined) clearInterval(this.pollTimer);
    this.pollTimer = undefined;
    this.polling = false;
  }
}
