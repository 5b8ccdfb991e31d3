// The cone numbered for analysis: every node gets an index, and the relations the analyses
// follow (a result's owner, a task's inputs and creator) are resolved to indices once. The walks
// then run on typed arrays instead of looking IDs up in maps at every step, which made a
// 100,000-task diagnosis several times slower than the reconstruction it diagnoses.

import type { ConeView } from '../cone-view';
import { ownerTaskIdOf } from '../task-relations';
import type { TraceNode } from '../types';

/** No node: the relation is absent, or names an ID the cone does not hold (ConeView.indexOf). */
export const NONE = -1;

export class ConeIndex {
  readonly size: number;
  readonly nodes: readonly TraceNode[];
  readonly target: number;
  /** Result → its owner task as ownerTaskIdOf says (not the client, not nobody), any kind of
   * node; NONE for tasks. */
  readonly owner: Int32Array;
  /** Task → its inputs in taskInputIds order (data dependencies, then the payload when it is not
   * one of them): `inputs[inputStart[i] .. inputStart[i + 1])`, NONE where the cone lacks one. */
  readonly inputStart: Int32Array;
  readonly inputs: Int32Array;
  /** Task → the node its `createdBy` names (parent or previous attempt); NONE otherwise. */
  readonly creator: Int32Array;
  private readonly view: ConeView;

  private constructor(view: ConeView) {
    const size = view.nodeCount;
    const nodes: TraceNode[] = new Array<TraceNode>(size);
    let inputCount = 0;
    for (let i = 0; i < size; i++) {
      const node = view.nodeAt(i);
      nodes[i] = node;
      if (node.kind === 'task') inputCount += node.dataDependencies.length + 1;
    }
    this.view = view;
    this.nodes = nodes;
    this.size = size;
    this.target = view.indexOf(view.targetId);
    const owner = new Int32Array(size).fill(NONE);
    const creator = new Int32Array(size).fill(NONE);
    const inputStart = new Int32Array(size + 1);
    const inputs = new Int32Array(inputCount);
    let at = 0;
    for (let i = 0; i < size; i++) {
      inputStart[i] = at;
      const node = nodes[i]!;
      if (node.kind === 'result') {
        const ownerId = ownerTaskIdOf(node);
        if (ownerId !== undefined) owner[i] = view.indexOf(ownerId);
        continue;
      }
      const dependencies = node.dataDependencies;
      for (let k = 0; k < dependencies.length; k++) inputs[at++] = view.indexOf(dependencies[k]!);
      if (node.payloadId !== '' && !dependencies.includes(node.payloadId)) inputs[at++] = view.indexOf(node.payloadId);
      if (node.createdBy !== '') creator[i] = view.indexOf(node.createdBy);
    }
    inputStart[size] = at;
    this.owner = owner;
    this.creator = creator;
    this.inputStart = inputStart;
    this.inputs = inputs;
  }

  static of(view: ConeView): ConeIndex {
    return new ConeIndex(view);
  }

  indexOf(id: string): number {
    return this.view.indexOf(id);
  }

  /** The node at `index`, or undefined for NONE. */
  at(index: number): TraceNode | undefined {
    return index === NONE ? undefined : this.nodes[index];
  }
}
