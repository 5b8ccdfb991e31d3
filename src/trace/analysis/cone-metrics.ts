// Size, depth and progress of a cone.

import { NONE, type ConeIndex } from './cone-index';

export interface ConeMetrics {
  tasks: number;
  results: number;
  /** Task levels from the target, breadth-first along output → input/payload edges: the number
   * of result→task hops the reconstruction had to make. */
  depth: number;
  /** Tasks done / tasks counted (every task except attempts that were retried). */
  progress: { done: number; total: number };
}

export function coneMetrics(cone: ConeIndex): ConeMetrics {
  let tasks = 0;
  let results = 0;
  let done = 0;
  let total = 0;
  const { nodes, size } = cone;
  for (let i = 0; i < size; i++) {
    const node = nodes[i]!;
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
  // inputs), read from node data: no edges needed.
  const seen = new Uint8Array(size);
  const queue = new Int32Array(size);
  const levels = new Int32Array(size);
  let length = 0;
  let depth = 0;
  const reach = (index: number, level: number): void => {
    seen[index] = 1;
    if (level > depth) depth = level;
    queue[length] = index;
    levels[length++] = level;
  };
  if (cone.target !== NONE) reach(cone.target, 0);
  for (let q = 0; q < length; q++) {
    const i = queue[q]!;
    const level = levels[q]!;
    if (nodes[i]!.kind === 'result') {
      const owner = cone.owner[i]!;
      if (owner !== NONE && seen[owner] === 0 && nodes[owner]!.kind === 'task') reach(owner, level + 1);
      continue;
    }
    for (let k = cone.inputStart[i]!, end = cone.inputStart[i + 1]!; k < end; k++) {
      const input = cone.inputs[k]!;
      if (input !== NONE && seen[input] === 0) reach(input, level);
    }
  }
  return { tasks, results, depth, progress: { done, total } };
}
