// Validation shared by every List* request (reference §10, Core's List*RequestValidator):
// page ≥ 0, page_size ≥ 0, filters present, sort present with a direction other than
// UNSPECIFIED and a field. Violations are INVALID_ARGUMENT, reported all at once in the style of
// Core's FluentValidation messages.

import { invalidArgument } from '../rpc-error';

export interface ListRequestShape {
  page: number;
  pageSize: number;
  filters: unknown;
  sort: { direction?: unknown; field?: unknown; fields?: unknown } | null;
}

export function validateListRequest(requestName: string, request: ListRequestShape, sortFieldName: 'field' | 'fields' = 'field'): void {
  const problems: string[] = [];
  if (!(request.page >= 0)) problems.push(`'${requestName}.Page' must be greater than or equal to '0'.`);
  if (!(request.pageSize >= 0)) problems.push(`'${requestName}.PageSize' must be greater than or equal to '0'.`);
  if (request.filters == null) problems.push(`'${requestName}.Filters' must not be empty.`);
  if (request.sort == null) {
    problems.push(`'${requestName}.Sort' must not be empty.`);
  } else {
    const direction = request.sort.direction;
    if (direction == null || direction === 'SORT_DIRECTION_UNSPECIFIED' || direction === 0) {
      problems.push(`'${requestName}.Sort.Direction' must not be empty.`);
    }
    const field = sortFieldName === 'fields' ? request.sort.fields : request.sort.field;
    if (field == null || (Array.isArray(field) && field.length === 0)) {
      problems.push(`'${requestName}.Sort.${sortFieldName === 'fields' ? 'Fields' : 'Field'}' must not be empty.`);
    }
  }
  if (problems.length > 0) throw invalidArgument(problems.join('\n'));
}

/** Core sorts ascending only for ASC; any other (non-UNSPECIFIED) direction is descending. */
export function isDescending(direction: unknown): boolean {
  return direction !== 'SORT_DIRECTION_ASC' && direction !== 1;
}
