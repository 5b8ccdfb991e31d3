// Checks on the IDs callers pass, so that an empty or non-string ID is reported by us with the
// entity's name instead of as an obscure NOT_FOUND or a filter that matches nothing.

import { ArmoniKError } from '../errors';

export function requireId(id: string, entity: string): string {
  if (typeof id !== 'string' || id.trim() === '') {
    throw new ArmoniKError('invalid-argument', `the ${entity} ID is empty or not a string (${JSON.stringify(id)})`);
  }
  return id;
}

export function requireIds(ids: readonly string[], entity: string): readonly string[] {
  if (!Array.isArray(ids)) throw new ArmoniKError('invalid-argument', `expected a list of ${entity} IDs, got ${JSON.stringify(ids)}`);
  for (const id of ids) requireId(id, entity);
  return ids;
}
