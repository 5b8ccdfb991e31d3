// Size, depth and progress of a cone.

import type { ConeView } from '../cone-view';
import { ownerTaskIdOf, taskInputIds } from '../task-relations';
import type { TraceNode } from '../types';

export interface ConeMetrics {
  tasks: number;
  results: number;
  /** Task levels from the target, breadth-first along output → input/payload edges: the number
   * of result→task hops the reconstruction had to make. */
  depth: number;
  /** Tasks done / tasks counted (every task except attempts that were retried). */
  progress: { done: number; total: number };
}

export function coneMetrics(view: ConeView): ConeMetrics {
  let tasks = 0;
  let results = 0;
  let done = 0;
  let total = 0;
  for (const node of view.nodes()) {
    if (node.kind === 'result') {
      results += 1;
      continue;
    }
    tasks += 1;
    if (node.status === 'RETRIED') continue;
    total += 1;
    if (node.status === 'COMPLETED') done += 1;
  }

  // Breadth-first from the target along the relations themselves (result → owner, task →
  // inputs), read from node data: no edge arrays to allocate on 100,000-task cones. The queue
  // holds the nodes and their levels, so each ID is looked up once.
  const seen = new Set<string>();
  const queue: TraceNode[] = [];
  const levels: number[] = [];
  let depth = 0;
  const reach = (node: TraceNode, next: number): void => {
    seen.add(node.id);
    if (next > depth) depth = next;
    queue.push(node);
    levels.push(next);
  };
  const target = view.node(view.targetId);
  if (target !== undefined) reach(target, 0);
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i]!;
    const current = levels[i]!;
    if (node.kind === 'result') {
      const owner = ownerTaskIdOf(node);
      if (owner === undefined || seen.has(owner)) continue;
      const ownerNode = view.node(owner);
      if (ownerNode?.kind === 'task') reach(ownerNode, current + 1);
    } else {
      for (const input of taskInputIds(node)) {
        if (seen.has(input)) continue;
        const inputNode = view.node(input);
        if (inputNode !== undefined) reach(inputNode, current);
      }
    }
  }
  return { tasks, results, depth, progress: { done, total } };
}
