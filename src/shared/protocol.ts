// The one message protocol between the graph panel's host (src/extension/graph) and its webview
// (webview/). Both sides import these types; the host validates everything the webview sends
// (parseWebviewMessage) because a webview is untrusted input like any other.
//
// Conventions: every message carries `v` (PROTOCOL_VERSION) so a stale webview bundle after an
// extension update is detected instead of misread. Webview → host requests carry a numeric
// `requestId`; the host answers each with exactly one `response` carrying the same id.

import type { NodeDetails } from './node-details';
import type { ViewDiff, ViewGraph, ViewOptions } from './view-graph';

export const PROTOCOL_VERSION = 1;

export type ExportFormat = 'json' | 'markdown' | 'png' | 'svg';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['json', 'markdown', 'png', 'svg'];
export type ExportDestination = 'file' | 'clipboard';

/** Extension commands the webview's buttons run, each with the node ID as single argument. */
export const NODE_COMMANDS = [
  'armonik.showTaskDetails',
  'armonik.showTaskError',
  'armonik.traceResult',
  'armonik.copyId',
  'armonik.openInAdminGui',
] as const;
export type NodeCommand = (typeof NODE_COMMANDS)[number];

export type LiveState = 'live' | 'paused' | 'failed' | 'closed';

export interface LiveStatus {
  state: LiveState;
  /** Trace updates (each one coalesced batch of the trace) received and not drawn yet. Only a
   * paused view has some for long: the host then sends a `live` message per batch so the header
   * can say how many wait. This field is part of version 1 and the webview always read it; the
   * host filling it in changes no message's shape, so PROTOCOL_VERSION stays. */
  pendingUpdates: number;
  /** Why the feed failed or closed, in plain words. */
  message?: string;
  /** Epoch ms of the last update applied to the view. */
  updatedAt: number;
}

export interface SearchMatch {
  id: string;
  kind: 'task' | 'result';
  status: string;
  label: string;
  /** View node showing it now, if any (otherwise `reveal` brings it in). */
  viewId: string | undefined;
}

// ---------------------------------------------------------------- host → webview

export type HostMessage =
  | {
      v: number;
      type: 'snapshot';
      graph: ViewGraph;
      live: LiveStatus;
      endpoint: string;
      sessionId: string;
      /** Whether "Open in Admin GUI" can work (an admin URL is configured). */
      hasAdminUrl: boolean;
      /** A fresh layout was computed: the webview should fit the graph instead of keeping its viewport. */
      relayout: boolean;
    }
  | { v: number; type: 'diff'; diff: ViewDiff; live: LiveStatus }
  | { v: number; type: 'live'; live: LiveStatus }
  /** Select and centre a node (from the extension's "Show in Graph"). */
  | { v: number; type: 'select'; nodeId: string; viewId: string }
  | ({ v: number; type: 'response'; requestId: number } & ({ ok: true; result: RequestResult } | { ok: false; error: string }))
  /** The host wants an image of the current view (export started from the command palette). */
  | { v: number; type: 'exportImage'; requestId: number; format: 'png' | 'svg' }
  /** The panel has no trace (after a reload that could not re-attach). */
  | { v: number; type: 'unavailable'; resultId: string; message: string };

// ---------------------------------------------------------------- webview → host

export type RequestBody =
  | { method: 'nodeDetails'; nodeId: string }
  /** Expands a group, or shows one more page of an expanded group when `more` is set. */
  | { method: 'expandGroup'; groupId: string; more: boolean }
  | { method: 'collapseGroup'; groupId: string }
  | { method: 'setFocus'; nodeId: string | null }
  /** Makes a trace node visible (expanding the groups folding it) and answers its view ID. */
  | { method: 'reveal'; nodeId: string }
  | { method: 'search'; query: string; limit: number }
  /** `data` carries the rendered image for png (base64) and svg (text). */
  | { method: 'export'; format: ExportFormat; destination: ExportDestination; data?: string }
  | { method: 'relayout' };

export type RequestMethod = RequestBody['method'];

export interface RequestResults {
  nodeDetails: NodeDetails | null;
  expandGroup: { viewIds: string[] };
  collapseGroup: { viewId: string | undefined };
  setFocus: { nodeCount: number };
  reveal: { viewId: string | undefined };
  search: { matches: SearchMatch[]; total: number };
  export: { outcome: 'saved' | 'copied' | 'cancelled'; where?: string };
  relayout: { nodeCount: number };
}
export type RequestResult = RequestResults[RequestMethod];

export interface RestoreState {
  expanded: ViewOptions['expanded'];
  focusNodeId: string | undefined;
  paused: boolean;
}

export type WebviewMessage =
  | { v: number; type: 'ready'; restore?: RestoreState }
  | { v: number; type: 'command'; command: NodeCommand; nodeId: string }
  | ({ v: number; type: 'request'; requestId: number } & RequestBody)
  | { v: number; type: 'setPaused'; paused: boolean }
  | { v: number; type: 'imageData'; requestId: number; format: 'png' | 'svg'; data: string }
  | { v: number; type: 'imageError'; requestId: number; message: string }
  | { v: number; type: 'log'; level: 'info' | 'warn' | 'error'; message: string };

// ---------------------------------------------------------------- validation

/** IDs are GUIDs in ArmoniK; anything far longer is not an ID. */
export const MAX_ID_LENGTH = 512;
export const MAX_QUERY_LENGTH = 512;
/** A PNG of a large graph, base64-encoded, stays well below this. */
export const MAX_EXPORT_DATA_LENGTH = 128 * 1024 * 1024;
export const MAX_LOG_LENGTH = 4000;
const MAX_EXPANDED_GROUPS = 2000;

export type ParseResult<T> = { ok: true; message: T } | { ok: false; reason: string };

type Fields = Record<string, unknown>;

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH;
}

function isRequestId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value.length > 40 ? `a string of ${value.length} characters` : JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value;
}

class Invalid extends Error {}

function need(condition: boolean, what: string): asserts condition {
  if (!condition) throw new Invalid(what);
}

function parseRestore(raw: unknown): RestoreState {
  need(isRecord(raw), '"restore" must be an object');
  const expanded: Record<string, number> = {};
  if (raw.expanded !== undefined) {
    need(isRecord(raw.expanded), '"restore.expanded" must be an object');
    const entries = Object.entries(raw.expanded);
    need(entries.length <= MAX_EXPANDED_GROUPS, `"restore.expanded" holds more than ${MAX_EXPANDED_GROUPS} groups`);
    for (const [id, shown] of entries) {
      need(isId(id) && typeof shown === 'number' && Number.isSafeInteger(shown) && shown > 0, `"restore.expanded" has a bad entry for ${describe(id)}`);
      expanded[id] = shown;
    }
  }
  need(raw.focusNodeId === undefined || raw.focusNodeId === null || isId(raw.focusNodeId), '"restore.focusNodeId" must be a node ID');
  need(raw.paused === undefined || typeof raw.paused === 'boolean', '"restore.paused" must be a boolean');
  return {
    expanded,
    focusNodeId: typeof raw.focusNodeId === 'string' ? raw.focusNodeId : undefined,
    paused: raw.paused === true,
  };
}

function parseRequest(raw: Fields): RequestBody {
  switch (raw.method) {
    case 'nodeDetails':
      need(isId(raw.nodeId), 'nodeDetails needs a "nodeId"');
      return { method: 'nodeDetails', nodeId: raw.nodeId };
    case 'expandGroup':
      need(isId(raw.groupId), 'expandGroup needs a "groupId"');
      need(raw.more === undefined || typeof raw.more === 'boolean', 'expandGroup "more" must be a boolean');
      return { method: 'expandGroup', groupId: raw.groupId, more: raw.more === true };
    case 'collapseGroup':
      need(isId(raw.groupId), 'collapseGroup needs a "groupId"');
      return { method: 'collapseGroup', groupId: raw.groupId };
    case 'setFocus':
      need(raw.nodeId === null || isId(raw.nodeId), 'setFocus needs a "nodeId" (or null to leave focus)');
      return { method: 'setFocus', nodeId: raw.nodeId };
    case 'reveal':
      need(isId(raw.nodeId), 'reveal needs a "nodeId"');
      return { method: 'reveal', nodeId: raw.nodeId };
    case 'search': {
      need(typeof raw.query === 'string' && raw.query.length <= MAX_QUERY_LENGTH, `search needs a "query" of at most ${MAX_QUERY_LENGTH} characters`);
      const limit = raw.limit === undefined ? 50 : raw.limit;
      need(typeof limit === 'number' && Number.isSafeInteger(limit) && limit > 0 && limit <= 1000, 'search "limit" must be 1..1000');
      return { method: 'search', query: raw.query, limit };
    }
    case 'export': {
      need(typeof raw.format === 'string' && (EXPORT_FORMATS as readonly string[]).includes(raw.format), `export "format" must be one of ${EXPORT_FORMATS.join(', ')}`);
      need(raw.destination === 'file' || raw.destination === 'clipboard', 'export "destination" must be "file" or "clipboard"');
      need(
        raw.data === undefined || (typeof raw.data === 'string' && raw.data.length <= MAX_EXPORT_DATA_LENGTH),
        'export "data" must be a string below the size limit',
      );
      return { method: 'export', format: raw.format as ExportFormat, destination: raw.destination, ...(raw.data === undefined ? {} : { data: raw.data as string }) };
    }
    case 'relayout':
      return { method: 'relayout' };
    default:
      throw new Invalid(`unknown request method ${describe(raw.method)}`);
  }
}

/** Checks a message received from the webview. Never throws; the reason is meant for the log. */
export function parseWebviewMessage(raw: unknown): ParseResult<WebviewMessage> {
  try {
    need(isRecord(raw), `expected an object, got ${describe(raw)}`);
    need(raw.v === PROTOCOL_VERSION, `protocol version ${describe(raw.v)} does not match the extension's ${PROTOCOL_VERSION} (reload the window)`);
    const v = PROTOCOL_VERSION;
    switch (raw.type) {
      case 'ready':
        return { ok: true, message: raw.restore === undefined || raw.restore === null ? { v, type: 'ready' } : { v, type: 'ready', restore: parseRestore(raw.restore) } };
      case 'command':
        need(typeof raw.command === 'string' && (NODE_COMMANDS as readonly string[]).includes(raw.command), `unknown command ${describe(raw.command)}`);
        need(isId(raw.nodeId), 'command needs a "nodeId"');
        return { ok: true, message: { v, type: 'command', command: raw.command as NodeCommand, nodeId: raw.nodeId } };
      case 'request':
        need(isRequestId(raw.requestId), 'request needs a non-negative integer "requestId"');
        return { ok: true, message: { v, type: 'request', requestId: raw.requestId, ...parseRequest(raw) } };
      case 'setPaused':
        need(typeof raw.paused === 'boolean', 'setPaused needs a boolean "paused"');
        return { ok: true, message: { v, type: 'setPaused', paused: raw.paused } };
      case 'imageData':
        need(isRequestId(raw.requestId), 'imageData needs a "requestId"');
        need(raw.format === 'png' || raw.format === 'svg', 'imageData "format" must be png or svg');
        need(typeof raw.data === 'string' && raw.data.length <= MAX_EXPORT_DATA_LENGTH, 'imageData "data" must be a string below the size limit');
        return { ok: true, message: { v, type: 'imageData', requestId: raw.requestId, format: raw.format, data: raw.data } };
      case 'imageError':
        need(isRequestId(raw.requestId), 'imageError needs a "requestId"');
        return { ok: true, message: { v, type: 'imageError', requestId: raw.requestId, message: String(raw.message ?? '').slice(0, MAX_LOG_LENGTH) } };
      case 'log':
        need(raw.level === 'info' || raw.level === 'warn' || raw.level === 'error', 'log "level" must be info, warn or error');
        need(typeof raw.message === 'string', 'log needs a "message"');
        return { ok: true, message: { v, type: 'log', level: raw.level, message: raw.message.slice(0, MAX_LOG_LENGTH) } };
      default:
        throw new Invalid(`unknown message type ${describe(raw.type)}`);
    }
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, reason: error.message };
    return { ok: false, reason: `unreadable message (${error instanceof Error ? error.message : String(error)})` };
  }
}

/** The webview's check of what the host sends: only the envelope, since the host is trusted
 * code, but a mismatched version must say so rather than draw nonsense. */
export function parseHostMessage(raw: unknown): ParseResult<HostMessage> {
  if (!isRecord(raw) || typeof raw.type !== 'string') return { ok: false, reason: `expected a message object, got ${describe(raw)}` };
  if (raw.v !== PROTOCOL_VERSION) return { ok: false, reason: `protocol version ${describe(raw.v)} does not match the webview's ${PROTOCOL_VERSION}` };
  return { ok: true, message: raw as unknown as HostMessage };
}
