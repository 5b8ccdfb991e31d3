// Application fields for ListApplications (`ApplicationRawEnumField`, §9). An application is a
// distinct (name, namespace, version, service) tuple of the tasks' options.

import type { Application } from '../../../armonik/model';
import type { WireApplicationField } from '../../../armonik/wire/types';
import { malformedQuery } from '../rpc-error';
import type { EntitySchema } from './compile-filters';
import type { RecordField } from './record-field';

const PREFIX = 'APPLICATION_RAW_ENUM_FIELD_';

function field(name: string, get: (a: Application) => string): RecordField<Application> {
  return { label: `${PREFIX}${name}`, kind: 'string', get };
}

const RAW_FIELDS = new Map<string, RecordField<Application>>(
  [
    field('NAME', (a) => a.name),
    field('VERSION', (a) => a.version),
    field('NAMESPACE', (a) => a.namespace),
    field('SERVICE', (a) => a.service),
  ].map((f) => [f.label, f]),
);

export function resolveApplicationField(wire: WireApplicationField | null | undefined): RecordField<Application> {
  if (wire?.field !== 'applicationField' && !wire?.applicationField) {
    throw malformedQuery('An application field is missing: set application_field');
  }
  const name = wire.applicationField?.field;
  const found = typeof name === 'string' ? RAW_FIELDS.get(name) : undefined;
  if (!found) throw malformedQuery(`Unknown or unspecified application field ${String(name)}`);
  return found;
}

export function applicationKey(a: Application): string {
  return `${a.name}\u0000${a.namespace}\u0000${a.version}\u0000${a.service}`;
}

export const APPLICATION_SCHEMA: EntitySchema<Application, WireApplicationField> = {
  name: 'application',
  resolve: resolveApplicationField,
  idOf: applicationKey,
};
