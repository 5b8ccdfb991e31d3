// Sorting of listings. Keys are computed once per row (not per comparison), and the sort is
// stable so that ties keep the engine's insertion order, as MongoDB's natural order would.

import type { SortKey } from '../filters/record-field';

const TYPE_RANK: Record<string, number> = { undefined: 0, number: 1, string: 2, boolean: 3 };

/** Unset values first (MongoDB sorts null lowest), then by value; strings compare by code unit
 * (MongoDB's default binary collation). */
export function compareSortKeys(a: SortKey, b: SortKey): number {
  if (a === b) return 0;
  const ta = typeof a;
  const tb = typeof b;
  if (ta !== tb) return (TYPE_RANK[ta] ?? 9) - (TYPE_RANK[tb] ?? 9);
  return (a as string | number) < (b as string | number) ? -1 : 1;
}

export interface SortSpec<R> {
  /** One key per sort level (applications sort on several fields). */
  keys: Array<(record: R) => SortKey>;
  descending: boolean;
}

export function sortRows<R>(rows: R[], spec: SortSpec<R>): R[] {
  if (rows.length < 2 || spec.keys.length === 0) return rows;
  const sign = spec.descending ? -1 : 1;
  if (spec.keys.length === 1) {
    const keyOf = spec.keys[0];
    const keys = rows.map((r) => keyOf(r));
    const order = rows.map((_, i) => i);
    order.sort((i, j) => sign * compareSortKeys(keys[i], keys[j]));
    return order.map((i) => rows[i]);
  }
  const keyTable = rows.map((r) => spec.keys.map((k) => k(r)));
  const order = rows.map((_, i) => i);
  order.sort((i, j) => {
    const ki = keyTable[i];
    const kj = keyTable[j];
    for (let level = 0; level < ki.length; level++) {
      const c = compareSortKeys(ki[level], kj[level]);
      if (c !== 0) return sign * c;
    }
    return 0;
  });
  return order.map((i) => rows[i]);
}
