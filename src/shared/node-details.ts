// What the side panel shows for the selected node. The host answers a `nodeDetails` request
// with this, so the view graph itself stays small (error texts can be megabytes).

import type { Blocker, TraceNode } from '../trace/types';

/** A link to another node of the cone. */
export interface NodeLink {
  id: string;
  kind: 'task' | 'result';
  status: string;
  /** Result name or shortened ID. */
  label: string;
  /** View node that currently shows it (itself or a group), when it is in the view. */
  viewId: string | undefined;
}

export interface TraceNodeDetails {
  kind: 'node';
  node: TraceNode;
  /** Error text, cut to `errorLimit` characters. */
  error: string | undefined;
  /** Length of the whole error text (more than `error.length` when it was cut). */
  errorLength: number;
  inputs: NodeLink[];
  outputs: NodeLink[];
  payload: NodeLink | undefined;
  /** Results: the task that currently owns (must produce) it. */
  owner: NodeLink | undefined;
  /** Tasks: the task that created it (subtasks) or the attempt it retries. */
  createdBy: NodeLink | undefined;
  retries: NodeLink[];
  /** Number of links of each list that were left out to keep the answer small. */
  omitted: { inputs: number; outputs: number };
  blocker: Blocker | undefined;
  rootCause: boolean;
  /** The group it was expanded from, if any. */
  fromGroup: string | undefined;
}

export interface GroupDetails {
  kind: 'group';
  id: string;
  label: string;
  role: string;
  status: string;
  memberKind: 'task' | 'result';
  count: number;
  expanded: boolean;
  /** A first page of members. */
  members: NodeLink[];
  blockerCount: number;
}

export type NodeDetails = TraceNodeDetails | GroupDetails;

/** Largest error excerpt sent with node details; the full text is one "Show Error" away. */
export const ERROR_DETAILS_LIMIT = 256 * 1024;
