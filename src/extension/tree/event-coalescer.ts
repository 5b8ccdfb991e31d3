// Folds a burst of ArmoniK events into one change set per session, delivered at most once per
// window, so that a session finishing thousands of tasks per second refreshes the tree twice a
// second instead of thousands of times. Later events for the same object win (events are hints;
// the tree re-reads what it shows). No vscode here.

import type { ArmoniKEvent, ResultStatus, TaskStatus } from '../../armonik/model';

export interface SessionChanges {
  sessionId: string;
  /** Latest known status per task touched in the window. */
  tasks: Map<string, TaskStatus>;
  results: Map<string, ResultStatus>;
  /** Tasks and results that appeared in the window. */
  newTasks: Set<string>;
  newResults: Set<string>;
  /** Events folded into this change set. */
  events: number;
}

export class EventCoalescer {
  private pending = new Map<string, SessionChanges>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly windowMs: number,
    private readonly onFlush: (changes: SessionChanges[]) => void,
  ) {}

  push(event: ArmoniKEvent): void {
    let changes = this.pending.get(event.sessionId);
    if (!changes) {
      changes = { sessionId: event.sessionId, tasks: new Map(), results: new Map(), newTasks: new Set(), newResults: new Set(), events: 0 };
      this.pending.set(event.sessionId, changes);
    }
    changes.events++;
    switch (event.kind) {
      case 'newTask':
        changes.newTasks.add(event.taskId);
        changes.tasks.set(event.taskId, event.status);
        break;
      case 'taskStatusUpdate':
        changes.tasks.set(event.taskId, event.status);
        break;
      case 'newResult':
        changes.newResults.add(event.resultId);
        changes.results.set(event.resultId, event.status);
        break;
      case 'resultStatusUpdate':
        changes.results.set(event.resultId, event.status);
        break;
      case 'resultOwnerUpdate':
        // The owner is not shown in the tree row; nothing to refresh.
        break;
    }
    this.timer ??= setTimeout(() => this.flush(), this.windowMs);
  }

  /** Delivers what is pending now. */
  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.size === 0) return;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    this.onFlush(batch);
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }
}
