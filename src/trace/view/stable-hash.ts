// Short stable IDs for group nodes. A group's identity is a long key (its parent's view ID,
// the edge kind, member kind and status); nesting would make IDs grow with depth, so the key is
// hashed. Two 32-bit FNV-1a lanes with different offsets make collisions negligible for the few
// thousand groups a view holds.

function fnv1a(text: string, offset: number): number {
  let hash = offset >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

export function stableHash(text: string): string {
  return fnv1a(text, 0x811c9dc5).toString(36) + fnv1a(text, 0x050c5d1f).toString(36);
}
