// The wire filter of every entity is a disjunction of conjunctions (`Filters.or[].and[]`). A
// "where" clause is a conjunction of fields; a field given a list means "any of", so one clause
// expands into the cross product of its lists, and several clauses are ORed. Long expansions are
// split into batches of at most `maxTerms` OR terms: every batch is a request of its own, and the
// callers merge the answers (union, de-duplicated by ID).
//
// Two edge cases have to be explicit because the wire cannot say them directly:
//  - "match everything" is an empty `or` list (reference §3);
//  - "match nothing" (an empty "any of" list, or an empty array of clauses) has no wire form, so
//    it yields zero requests and the callers answer without calling the server.

import { ArmoniKError } from '../errors';

/** One field's contribution to a conjunction: any one of these conditions (usually just one). */
export type Slot<C> = readonly C[];

export interface Expansion<C> {
  /** Conjunctions to OR together. Empty with `matchAll` false means "match nothing". */
  terms: C[][];
  /** True when some conjunction is empty: everything matches, the filter is `or: []`. */
  matchAll: boolean;
  /** True when no two terms can match the same row, so counts of batches may be summed. This
   * holds for a single clause, because its alternatives are equalities on single-valued fields
   * with distinct values; several clauses may overlap. */
  disjoint: boolean;
}

export interface WireFiltersOf<C> {
  or: Array<{ and: C[] }>;
}

/** Beyond this, a query is a mistake (e.g. two 2000-element lists in one clause), not a workload. */
export const MAX_EXPANDED_TERMS = 1_000_000;

function crossProduct<C>(slots: readonly Slot<C>[]): C[][] {
  let terms: C[][] = [[]];
  for (const slot of slots) {
    if (slot.length === 0) return [];
    if (terms.length * slot.length > MAX_EXPANDED_TERMS) {
      throw new ArmoniKError(
        'invalid-argument',
        `this filter expands to more than ${MAX_EXPANDED_TERMS} OR terms (the cross product of its "any of" lists); split the query`,
      );
    }
    const next: C[][] = [];
    for (const term of terms) for (const condition of slot) next.push([...term, condition]);
    terms = next;
  }
  return terms;
}

/** Expands one clause or an OR of clauses; `undefined` matches everything. */
export function expandWhere<W, C>(where: W | readonly W[] | undefined, toSlots: (clause: W) => Slot<C>[]): Expansion<C> {
  if (where === undefined) return { terms: [], matchAll: true, disjoint: true };
  const clauses: readonly W[] = Array.isArray(where) ? (where as readonly W[]) : [where as W];
  const terms: C[][] = [];
  for (const clause of clauses) {
    for (const term of crossProduct(toSlots(clause))) {
      if (term.length === 0) return { terms: [], matchAll: true, disjoint: true };
      terms.push(term);
      if (terms.length > MAX_EXPANDED_TERMS) {
        throw new ArmoniKError('invalid-argument', `this filter expands to more than ${MAX_EXPANDED_TERMS} OR terms; split the query`);
      }
    }
  }
  return { terms, matchAll: false, disjoint: clauses.length <= 1 };
}

/** Splits an expansion into wire Filters of at most `maxTerms` OR terms each.
 * `[{ or: [] }]` matches everything; `[]` matches nothing (send no request). */
export function batchFilters<C>(expansion: Expansion<C>, maxTerms: number): WireFiltersOf<C>[] {
  if (expansion.matchAll) return [{ or: [] }];
  const size = Math.max(1, Math.floor(maxTerms));
  const batches: WireFiltersOf<C>[] = [];
  for (let i = 0; i < expansion.terms.length; i += size) {
    batches.push({ or: expansion.terms.slice(i, i + size).map((and) => ({ and })) });
  }
  return batches;
}

/** All terms in one Filters (for event subscriptions, which cannot be split); `undefined` when
 * the expansion matches nothing. */
export function singleFilters<C>(expansion: Expansion<C>): WireFiltersOf<C> | undefined {
  if (expansion.matchAll) return { or: [] };
  if (expansion.terms.length === 0) return undefined;
  return { or: expansion.terms.map((and) => ({ and })) };
}
