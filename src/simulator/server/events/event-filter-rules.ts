// GetEvents accepts only some filter fields (reference §10, EventSubscriptionRequestValidator):
// results may be filtered on OWNER_TASK_ID, SESSION_ID, NAME and RESULT_ID; tasks on TASK_ID,
// SESSION_ID, PAYLOAD_ID, OWNER_POD_ID, INITIAL_TASK_ID, POD_HOSTNAME and any task-option or
// generic-option field. Status, date, duration and error fields are rejected (INVALID_ARGUMENT).

import type { WireEventSubscriptionRequest } from '../../../armonik/wire/types';
import { invalidArgument, malformedQuery } from '../rpc-error';

const ALLOWED_RESULT_FIELDS = new Set(['OWNER_TASK_ID', 'SESSION_ID', 'NAME', 'RESULT_ID'].map((f) => `RESULT_RAW_ENUM_FIELD_${f}`));
const ALLOWED_TASK_FIELDS = new Set(
  ['TASK_ID', 'SESSION_ID', 'PAYLOAD_ID', 'OWNER_POD_ID', 'INITIAL_TASK_ID', 'POD_HOSTNAME'].map((f) => `TASK_SUMMARY_ENUM_FIELD_${f}`),
);

export function validateEventFilters(request: WireEventSubscriptionRequest): void {
  const problems: string[] = [];
  for (const branch of request.resultsFilters?.or ?? []) {
    for (const condition of branch?.and ?? []) {
      const field = condition?.field;
      if (!field?.resultRawField) throw malformedQuery('A results filter of GetEvents has no field: set result_raw_field');
      const name = String(field.resultRawField.field);
      if (!ALLOWED_RESULT_FIELDS.has(name)) problems.push(`Cannot filter ${name} on in this API`);
    }
  }
  for (const branch of request.tasksFilters?.or ?? []) {
    for (const condition of branch?.and ?? []) {
      const field = condition?.field;
      const which = field?.field ?? (field?.taskSummaryField ? 'taskSummaryField' : field?.taskOptionField ? 'taskOptionField' : field?.taskOptionGenericField ? 'taskOptionGenericField' : undefined);
      if (!field || !which) throw malformedQuery('A tasks filter of GetEvents has no field: set task_summary_field, task_option_field or task_option_generic_field');
      if (which !== 'taskSummaryField') continue;
      const name = String(field.taskSummaryField?.field);
      if (!ALLOWED_TASK_FIELDS.has(name)) problems.push(`Cannot filter ${name} on in this API`);
    }
  }
  if (problems.length > 0) {
    throw invalidArgument(
      `${problems.join('\n')}\nGetEvents filters tasks only on TASK_ID, SESSION_ID, PAYLOAD_ID, OWNER_POD_ID, INITIAL_TASK_ID, POD_HOSTNAME and task options, and results only on RESULT_ID, SESSION_ID, NAME and OWNER_TASK_ID`,
    );
  }
}
