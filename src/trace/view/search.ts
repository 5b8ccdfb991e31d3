// Finds cone nodes by ID or result name, over the whole cone (not just what the view shows),
// so a user can paste a task ID from a log and jump to it even inside a folded group.

import type { SearchMatch } from '../../shared/protocol';
import { nodeTitle } from '../../shared/node-label';
import type { ViewIdLookup } from './aggregate';
import type { TraceGraphSource } from './trace-graph-source';

export function searchNodes(source: TraceGraphSource, repOf: ViewIdLookup, query: string, limit: number): { matches: SearchMatch[]; total: number } {
  const needle = query.trim().toLowerCase();
  if (needle.length === 0) return { matches: [], total: 0 };
  // Exact ID first, then ID prefix, then anything containing the text.
  const ranked: { rank: number; id: string }[] = [];
  for (const node of source.nodes()) {
    const id = node.id.toLowerCase();
    let rank = -1;
    if (id === needle) rank = 0;
    else if (id.startsWith(needle)) rank = 1;
    else if (id.includes(needle)) rank = 2;
    else if (node.kind === 'result' && node.name.toLowerCase().includes(needle)) rank = node.name.toLowerCase() === needle ? 1 : 2;
    if (rank >= 0) ranked.push({ rank, id: node.id });
  }
  ranked.sort((a, b) => a.rank - b.rank || (a.id < b.id ? -1 : 1));
  const matches = ranked.slice(0, limit).map(({ id }) => {
    const node = source.node(id)!;
    return { id, kind: node.kind, status: node.status, label: nodeTitle(node), viewId: repOf.get(id) };
  });
  return { matches, total: ranked.length };
}
