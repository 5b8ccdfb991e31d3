// Fields of `TaskOptions` as filter/sort targets. Tasks and sessions both expose them, through
// `TaskOptionField` (the known fields, enum `TASK_OPTION_ENUM_FIELD_*`) and
// `TaskOptionGenericField` (a key of the free-form `options` map), members of their field oneof
// beside the entity's own fields; one resolver serves both oneofs.

import type { TaskOptions } from '../../../armonik/model';
import { malformedQuery } from '../rpc-error';
import type { FieldResolver, RecordField } from './record-field';

const PREFIX = 'TASK_OPTION_ENUM_FIELD_';

type OptionsOf<R> = (record: R) => Readonly<TaskOptions>;

function known<R>(name: string, kind: RecordField<R>['kind'], read: (o: Readonly<TaskOptions>) => string | number | undefined, optionsOf: OptionsOf<R>): RecordField<R> {
  return { label: `${PREFIX}${name}`, kind, get: (record) => read(optionsOf(record)) };
}

/** Builds the resolver of `TaskOptionField` for records whose options `optionsOf` returns. */
function taskOptionFieldResolver<R>(optionsOf: OptionsOf<R>): (enumName: unknown) => RecordField<R> {
  const table = new Map<string, RecordField<R>>(
    [
      known<R>('MAX_DURATION', 'duration', (o) => o.maxDurationMs, optionsOf),
      known<R>('MAX_RETRIES', 'number', (o) => o.maxRetries, optionsOf),
      known<R>('PRIORITY', 'number', (o) => o.priority, optionsOf),
      known<R>('PARTITION_ID', 'string', (o) => o.partitionId, optionsOf),
      known<R>('APPLICATION_NAME', 'string', (o) => o.applicationName, optionsOf),
      known<R>('APPLICATION_VERSION', 'string', (o) => o.applicationVersion, optionsOf),
      known<R>('APPLICATION_NAMESPACE', 'string', (o) => o.applicationNamespace, optionsOf),
      known<R>('APPLICATION_SERVICE', 'string', (o) => o.applicationService, optionsOf),
      known<R>('ENGINE_TYPE', 'string', (o) => o.engineType, optionsOf),
    ].map((f) => [f.label, f]),
  );
  return (enumName) => {
    const field = typeof enumName === 'string' ? table.get(enumName) : undefined;
    if (!field) throw malformedQuery(`Unknown task option field ${String(enumName)}; use one of ${[...table.keys()].join(', ')}`);
    return field;
  };
}

/** Builds the resolver of `TaskOptionGenericField`: a key of `options`, read as a string
 * (missing keys are unset, so only NOT_EQUAL / NOT_CONTAINS match them). */
function genericOptionFieldResolver<R>(optionsOf: OptionsOf<R>): (key: unknown) => RecordField<R> {
  const cache = new Map<string, RecordField<R>>();
  return (key) => {
    if (typeof key !== 'string' || key === '') {
      throw malformedQuery('A task option generic field needs the key of the option (TaskOptionGenericField.field is empty)');
    }
    let field = cache.get(key);
    if (!field) {
      field = {
        label: `options["${key}"]`,
        kind: 'string',
        get: (record) => {
          const options = optionsOf(record).options;
          return Object.prototype.hasOwnProperty.call(options, key) ? options[key] : undefined;
        },
      };
      if (cache.size < 1000) cache.set(key, field);
    }
    return field;
  };
}

interface SelectedMember {
  readonly field: unknown;
}

/** The field oneof of an entity with task options (`TaskField`, `SessionField`): one of the
 * entity's own fields in member `M`, a known option, or a generic option. */
export type OptionBearingField<M extends string> = { readonly field?: string } & { readonly [K in M]?: SelectedMember | null } & {
  readonly taskOptionField?: SelectedMember | null;
  readonly taskOptionGenericField?: SelectedMember | null;
};

export interface OptionBearingEntity<R, M extends string> {
  /** As error messages name it: `task`, `session`. */
  readonly entity: string;
  /** The oneof member that selects one of the entity's own fields, e.g. `taskSummaryField`. */
  readonly ownMember: M;
  /** The entity's own fields by their wire enum name. */
  readonly ownFields: ReadonlyMap<string, RecordField<R>>;
  readonly optionsOf: OptionsOf<R>;
}

/** Builds the resolver of the field oneof of an entity with task options. */
export function optionBearingFieldResolver<R, M extends string>(spec: OptionBearingEntity<R, M>): FieldResolver<R, OptionBearingField<M>> {
  const optionField = taskOptionFieldResolver(spec.optionsOf);
  const genericField = genericOptionFieldResolver(spec.optionsOf);
  const protoName = (member: string): string => member.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  // Decoded messages name the set member in `field`; hand-built ones (tests, in-process callers)
  // may only set the member itself.
  const selected = (wire: OptionBearingField<M>): string | undefined => {
    if (wire.field) return wire.field;
    if (wire[spec.ownMember]) return spec.ownMember;
    if (wire.taskOptionField) return 'taskOptionField';
    if (wire.taskOptionGenericField) return 'taskOptionGenericField';
    return undefined;
  };
  return (wire) => {
    switch (wire ? selected(wire) : undefined) {
      case spec.ownMember: {
        const name = wire?.[spec.ownMember]?.field;
        const found = typeof name === 'string' ? spec.ownFields.get(name) : undefined;
        if (!found) throw malformedQuery(`Unknown or unspecified ${spec.entity} field ${String(name)}`);
        return found;
      }
      case 'taskOptionField':
        return optionField(wire?.taskOptionField?.field);
      case 'taskOptionGenericField':
        return genericField(wire?.taskOptionGenericField?.field);
      default:
        throw malformedQuery(
          `A ${spec.entity} field is missing: set ${protoName(spec.ownMember)}, ${protoName('taskOptionField')} or ${protoName('taskOptionGenericField')}`,
        );
    }
  };
}
