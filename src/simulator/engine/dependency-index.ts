// Core's "remaining data dependencies" (reference §11.1): for every task still waiting, how many
// of its inputs (payload included) are not COMPLETED yet, and for every awaited result, the
// tasks waiting on it. Completing a result touches only its dependents, never the whole table.

import type { TaskRecord } from './types';

export class DependencyIndex {
  private readonly waitingOn = new Map<string, TaskRecord[]>();
  private readonly remaining = new Map<TaskRecord, number>();

  /** `missing` must hold distinct result IDs. */
  register(task: TaskRecord, missing: readonly string[]): void {
    if (missing.length === 0) return;
    this.remaining.set(task, missing.length);
    for (const id of missing) {
      const list = this.waitingOn.get(id);
      if (list) list.push(task);
      else this.waitingOn.set(id, [task]);
    }
  }

  remainingCount(task: TaskRecord): number {
    return this.remaining.get(task) ?? 0;
  }

  /** A result completed: returns the tasks for which it was the last missing input. */
  resolve(resultId: string): TaskRecord[] {
    const list = this.waitingOn.get(resultId);
    if (!list) return [];
    this.waitingOn.delete(resultId);
    const ready: TaskRecord[] = [];
    for (const task of list) {
      const left = this.remaining.get(task);
      if (left === undefined) continue;
      if (left <= 1) {
        this.remaining.delete(task);
        ready.push(task);
      } else this.remaining.set(task, left - 1);
    }
    return ready;
  }

  /** Tasks that registered this result as missing (whatever their status is now). */
  dependentsOf(resultId: string): readonly TaskRecord[] {
    return this.waitingOn.get(resultId) ?? [];
  }

  forgetTask(task: TaskRecord): void {
    this.remaining.delete(task);
  }

  forgetResult(resultId: string): void {
    this.waitingOn.delete(resultId);
  }

  get waitingTasks(): number {
    return this.remaining.size;
  }
}
