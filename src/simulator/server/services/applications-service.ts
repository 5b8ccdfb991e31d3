// `armonik.api.grpc.v1.applications.Applications` (reference §9): the distinct
// (name, namespace, version, service) tuples of all tasks' options, filtered on those four
// strings and sorted on several fields in order.

import type { Application, TaskOptions } from '../../../armonik/model';
import type { ApplicationsHandlers, WireApplicationField } from '../../../armonik/wire/types';
import type { ReadableState } from '../../engine/types';
import { APPLICATION_SCHEMA, applicationKey, resolveApplicationField } from '../filters/application-fields';
import { compileFilters } from '../filters/compile-filters';
import { sortKeyOf } from '../filters/record-field';
import type { RowSource } from '../listing/lister';
import { isDescending, validateListRequest } from '../listing/list-request';
import type { ServiceContext } from '../service-context';
import { unary } from '../unary-handler';

/** Scans tasks once per state version. Tasks submitted with the same options share one options
 * object, so the scan mostly tests object identity. */
function applicationIndex(state: ReadableState, version: () => string): () => Application[] {
  let cachedVersion: string | undefined;
  let cached: Application[] = [];
  return () => {
    const current = version();
    if (current === cachedVersion) return cached;
    const seenOptions = new Set<Readonly<TaskOptions>>();
    const byKey = new Map<string, Application>();
    for (const task of state.tasks()) {
      if (seenOptions.has(task.options)) continue;
      seenOptions.add(task.options);
      const o = task.options;
      const app: Application = { name: o.applicationName, version: o.applicationVersion, namespace: o.applicationNamespace, service: o.applicationService };
      const key = applicationKey(app);
      if (!byKey.has(key)) byKey.set(key, app);
    }
    cached = [...byKey.values()];
    cachedVersion = current;
    return cached;
  };
}

export function applicationsService(ctx: ServiceContext): ApplicationsHandlers {
  const applications = applicationIndex(ctx.engine, () => ctx.version.current());
  return {
    ListApplications: unary((request) => {
      validateListRequest('ListApplicationsRequest', request, 'fields');
      const filters = compileFilters(request.filters, APPLICATION_SCHEMA);
      const sortFields = (request.sort!.fields as WireApplicationField[]).map((f) => sortKeyOf(resolveApplicationField(f)));
      const all = applications();
      const source: RowSource<Application> = { all: () => all, byId: (key) => all.find((a) => applicationKey(a) === key) };
      const page = ctx.lister.list(source, {
        filters,
        sort: { keys: sortFields, descending: isDescending(request.sort!.direction) },
        page: request.page,
        pageSize: request.pageSize,
      });
      return {
        applications: page.rows.map((a) => ({ name: a.name, version: a.version, namespace: a.namespace, service: a.service })),
        page: request.page,
        pageSize: request.pageSize,
        total: page.total,
      };
    }),
  };
}
