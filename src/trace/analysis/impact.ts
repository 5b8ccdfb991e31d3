// Impact of a blocker: how much of the target's remaining work waits on it, i.e. the unfinished
// tasks that (transitively) need it, plus one for the blocker itself (a result blocker, such as
// the target orphaned, then still weighs 1). Exact by reverse search while that stays
// cheap; beyond a work budget (huge cones with thousands of blockers) it is estimated by summing
// along the needed-by relation in topological order, which counts shared downstream work more than
// once and is capped at the total.

import type { ConeView } from '../cone-view';
import type { NeededWalk } from './needed-walk';

export interface ImpactResult {
  impact: Map<string, number>;
  approximate: boolean;
}

/** Nodes visited by the exact searches before falling back to the estimate (~50 ms). */
const DEFAULT_BUDGET = 250_000;

export function computeImpact(view: ConeView, walk: NeededWalk, ids: readonly string[], budget = DEFAULT_BUDGET): ImpactResult {
  const weight = (id: string): number => (walk.unfinishedTasks.has(id) ? 1 : 0);

  const impact = new Map<string, number>();
  let spent = 0;
  const seen = new Set<string>();
  for (const id of ids) {
    seen.clear();
    seen.add(id);
    const stack = [id];
    let total = 0;
    while (stack.length > 0) {
      const current = stack.pop()!;
      spent += 1;
      if (current !== id) total += weight(current);
      for (const parent of walk.neededBy.get(current) ?? []) {
        if (!seen.has(parent)) {
          seen.add(parent);
          stack.push(parent);
        }
      }
      if (spent > budget) return { impact: approximateImpact(view, walk, ids, weight), approximate: true };
    }
    impact.set(id, total + 1);
  }
  return { impact, approximate: false };
}

function approximateImpact(
  view: ConeView,
  walk: NeededWalk,
  ids: readonly string[],
  weight: (id: string) => number,
): Map<string, number> {
  // Kahn's order from the target outwards along "is needed by" → "needs".
  const needs = new Map<string, string[]>();
  const indegree = new Map<string, number>();
  for (const [to, froms] of walk.neededBy) {
    indegree.set(to, froms.length);
    for (const from of froms) {
      let list = needs.get(from);
      if (!list) needs.set(from, (list = []));
      list.push(to);
    }
  }
  const downstream = new Map<string, number>();
  const queue = [view.targetId];
  downstream.set(view.targetId, 0);
  let total = 0;
  for (const id of walk.order) total += weight(id);
  for (let i = 0; i < queue.length; i++) {
    const current = queue[i]!;
    const carried = (downstream.get(current) ?? 0) + weight(current);
    for (const next of needs.get(current) ?? []) {
      downstream.set(next, Math.min(total, (downstream.get(next) ?? 0) + carried));
      const left = (indegree.get(next) ?? 1) - 1;
      indegree.set(next, left);
      if (left === 0) queue.push(next);
    }
  }
  const impact = new Map<string, number>();
  for (const id of ids) impact.set(id, Math.min(total + 1, (downstream.get(id) ?? 0) + 1));
  return impact;
}
