// Compiles an entity's wire `Filters` (an OR of ANDs of conditions, reference §3) into a predicate
// plus what the listing needs to avoid full scans:
//  - OR branches that are a single `id EQUAL x` (how the trace engine fetches a cone: up to ~500
//    of them per request) become one Set lookup instead of 500 predicate calls per record;
//  - when every branch pins an ID or a session with EQUAL, `lookup` lists them so the caller can
//    fetch candidates directly (Map lookups, per-session iteration) instead of scanning.

import { compileCondition, stringEqualityValue, type Predicate, type WireCondition } from './condition';
import type { FieldResolver } from './record-field';

export interface WireFilterFieldLike<W> extends WireCondition {
  field?: W | null;
}

export interface WireFiltersLike<W> {
  or?: Array<{ and?: Array<WireFilterFieldLike<W>> | null } | null> | null;
}

/** How to read one entity's records and wire fields. */
export interface EntitySchema<R, W> {
  /** For messages: "task", "result", … */
  readonly name: string;
  readonly resolve: FieldResolver<R, W>;
  idOf(record: R): string;
  /** Entities that belong to a session (tasks, results). */
  sessionOf?(record: R): string;
}

export interface CompiledFilters<R> {
  /** No condition at all: every record matches. */
  readonly matchAll: boolean;
  matches(record: R): boolean;
  /** Present when every OR branch pins an ID or a session with EQUAL: nothing outside these
   * IDs and sessions can match. */
  readonly lookup?: { readonly ids: readonly string[]; readonly sessionIds: readonly string[] };
}

export function compileFilters<R, W>(filters: WireFiltersLike<W> | null | undefined, schema: EntitySchema<R, W>): CompiledFilters<R> {
  const branches = filters?.or ?? [];
  if (branches.length === 0) return { matchAll: true, matches: () => true };

  const pureIds = new Set<string>();
  const pureSessions = new Set<string>();
  const general: Predicate<R>[] = [];
  const lookupIds: string[] = [];
  const lookupSessions: string[] = [];
  let everyBranchPinned = true;
  let matchAll = false;

  for (const branch of branches) {
    const conditions = branch?.and ?? [];
    if (conditions.length === 0) {
      // An empty AND is true: this branch alone matches everything.
      matchAll = true;
      continue;
    }
    let pinnedId: string | undefined;
    let pinnedSession: string | undefined;
    const predicates = conditions.map((condition) => {
      const field = schema.resolve(condition?.field);
      const predicate = compileCondition(field, condition ?? {});
      const equal = field.index ? stringEqualityValue(condition ?? {}) : undefined;
      if (equal !== undefined && field.index === 'id' && pinnedId === undefined) pinnedId = equal;
      if (equal !== undefined && field.index === 'session' && pinnedSession === undefined) pinnedSession = equal;
      return predicate;
    });
    if (predicates.length === 1 && pinnedId !== undefined) {
      pureIds.add(pinnedId);
      continue;
    }
    if (predicates.length === 1 && pinnedSession !== undefined && schema.sessionOf) {
      pureSessions.add(pinnedSession);
      continue;
    }
    general.push(predicates.length === 1 ? predicates[0] : (record) => predicates.every((p) => p(record)));
    if (pinnedId !== undefined) lookupIds.push(pinnedId);
    else if (pinnedSession !== undefined) lookupSessions.push(pinnedSession);
    else everyBranchPinned = false;
  }

  if (matchAll) return { matchAll: true, matches: () => true };

  const idOf = schema.idOf.bind(schema);
  const sessionOf = schema.sessionOf?.bind(schema);
  const matches = (record: R): boolean => {
    if (pureIds.size > 0 && pureIds.has(idOf(record))) return true;
    if (pureSessions.size > 0 && sessionOf && pureSessions.has(sessionOf(record))) return true;
    for (const predicate of general) if (predicate(record)) return true;
    return false;
  };
  if (!everyBranchPinned) return { matchAll: false, matches };
  return {
    matchAll: false,
    matches,
    lookup: {
      ids: dedupe([...pureIds, ...lookupIds]),
      sessionIds: dedupe([...pureSessions, ...lookupSessions]),
    },
  };
}

function dedupe(values: string[]): string[] {
  return [...new Set(values)];
}
