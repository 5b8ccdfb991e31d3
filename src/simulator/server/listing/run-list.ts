// One List* RPC from request to page: validation, filter compilation, sort resolution, paging.

import { compileFilters, type EntitySchema, type WireFiltersLike } from '../filters/compile-filters';
import { sortKeyOf } from '../filters/record-field';
import { malformedQuery } from '../rpc-error';
import type { ListPage, Lister, RowSource } from './lister';
import { isDescending, validateListRequest } from './list-request';

export interface WireListRequest<W> {
  page: number;
  pageSize: number;
  filters: WireFiltersLike<W> | null;
  sort: { field: W | null; direction: unknown } | null;
}

export function runList<R, W>(
  lister: Lister,
  requestName: string,
  request: WireListRequest<W>,
  schema: EntitySchema<R, W>,
  source: RowSource<R>,
): ListPage<R> {
  validateListRequest(requestName, request);
  const filters = compileFilters(request.filters, schema);
  const sort = request.sort!;
  const sortField = schema.resolve(sort.field);
  if (sortField.queryable === false) throw malformedQuery(`Cannot sort on ${sortField.label}`);
  const descending = isDescending(sort.direction);
  return lister.list(source, {
    filters,
    sort: { keys: [sortKeyOf(sortField)], descending },
    page: request.page,
    pageSize: request.pageSize,
    cacheKey: () => `${schema.name}|${sortField.label}|${descending ? 'desc' : 'asc'}|${JSON.stringify(request.filters)}`,
  });
}
