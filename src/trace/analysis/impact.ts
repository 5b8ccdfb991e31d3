// Impact of a blocker: how much of the target's remaining work waits on it, i.e. the unfinished
// tasks that (transitively) need it, plus one for the blocker itself (a result blocker, such as
// the target orphaned, then still weighs 1). Exact by reverse search while that stays
// cheap; beyond a work budget (huge cones with thousands of blockers) it is estimated by summing
// along the needed-by relation in topological order, which counts shared downstream work more than
// once and is capped at the total.

import { needsOf, type NeededWalk } from './needed-walk';

export interface ImpactResult {
  /** Node index → impact, for the nodes asked about. */
  impact: Map<number, number>;
  approximate: boolean;
}

/** Nodes visited by the exact searches before falling back to the estimate (~50 ms). */
const DEFAULT_BUDGET = 250_000;

export function computeImpact(walk: NeededWalk, nodes: readonly number[], budget = DEFAULT_BUDGET): ImpactResult {
  const { neededBy, unfinished } = walk;
  const impact = new Map<number, number>();
  let spent = 0;
  // Stamped rather than cleared: search k marks what it saw with k.
  const seen = new Int32Array(walk.cone.size);
  const stack: number[] = [];
  for (let k = 0; k < nodes.length; k++) {
    const start = nodes[k]!;
    const stamp = k + 1;
    seen[start] = stamp;
    stack.length = 0;
    stack.push(start);
    let total = 0;
    while (stack.length > 0) {
      const current = stack.pop()!;
      spent += 1;
      if (current !== start) total += unfinished[current]!;
      const parents = neededBy[current];
      if (parents) {
        for (const parent of parents) {
          if (seen[parent] !== stamp) {
            seen[parent] = stamp;
            stack.push(parent);
          }
        }
      }
      if (spent > budget) return { impact: approximateImpact(walk, nodes), approximate: true };
    }
    impact.set(start, total + 1);
  }
  return { impact, approximate: false };
}

function approximateImpact(walk: NeededWalk, nodes: readonly number[]): Map<number, number> {
  const { neededBy, unfinished, cone } = walk;
  // Kahn's order from the target outwards along "is needed by" → "needs".
  const needs = needsOf(walk);
  const indegree = new Int32Array(cone.size);
  for (const to of walk.order) indegree[to] = neededBy[to]?.length ?? 0;
  const downstream = new Float64Array(cone.size);
  let total = 0;
  for (const i of walk.order) total += unfinished[i]!;
  const queue = [cone.target];
  for (let q = 0; q < queue.length; q++) {
    const current = queue[q]!;
    const carried = downstream[current]! + unfinished[current]!;
    for (const next of needs[current] ?? []) {
      downstream[next] = Math.min(total, downstream[next]! + carried);
      const left = indegree[next]! - 1;
      indegree[next] = left;
      if (left === 0) queue.push(next);
    }
  }
  const impact = new Map<number, number>();
  for (const i of nodes) impact.set(i, Math.min(total + 1, downstream[i]! + 1));
  return impact;
}
