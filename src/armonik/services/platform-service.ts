// Applications, versions, health checks and the current user: small read-only calls.

import type { CallOptions } from '../api';
import type { Application, ServiceHealth, User, Versions } from '../model';
import { iteratePages } from '../paging';
import type { RpcChannel } from '../rpc-channel';
import { applicationFromWire, serviceHealthFromWire, userFromWire, versionsFromWire } from '../wire/platform-codec';
import type { ArmoniKServiceDefinitions } from '../wire/load';
import type { WireListApplicationsRequestSortInput } from '../wire/types';

const APPLICATION_SORT: WireListApplicationsRequestSortInput = {
  fields: (['NAME', 'NAMESPACE', 'VERSION', 'SERVICE'] as const).map((name) => ({
    applicationField: { field: `APPLICATION_RAW_ENUM_FIELD_${name}` as const },
  })),
  direction: 'SORT_DIRECTION_ASC',
};

export class PlatformService {
  constructor(
    private readonly rpc: RpcChannel,
    private readonly defs: ArmoniKServiceDefinitions,
  ) {}

  async applications(opts?: CallOptions): Promise<Application[]> {
    const all: Application[] = [];
    const fetchPage = async (_: undefined, page: number, pageSize: number) => {
      const r = await this.rpc.unary(
        this.defs.applications.ListApplications,
        { page, pageSize, filters: { or: [] }, sort: APPLICATION_SORT },
        { idempotent: true, ...(opts ? { opts } : {}) },
      );
      return { items: r.applications.map(applicationFromWire), page: r.page, pageSize: r.pageSize, total: r.total };
    };
    for await (const app of iteratePages(fetchPage, undefined, this.rpc.options.pageSize)) all.push(app);
    return all;
  }

  async versions(opts?: CallOptions): Promise<Versions> {
    return versionsFromWire(await this.rpc.unary(this.defs.versions.ListVersions, {}, { idempotent: true, ...(opts ? { opts } : {}) }));
  }

  async health(opts?: CallOptions): Promise<ServiceHealth[]> {
    const r = await this.rpc.unary(this.defs.healthChecks.CheckHealth, {}, { idempotent: true, ...(opts ? { opts } : {}) });
    return r.services.map(serviceHealthFromWire);
  }

  async currentUser(opts?: CallOptions): Promise<User> {
    const r = await this.rpc.unary(this.defs.auth.GetCurrentUser, {}, { idempotent: true, ...(opts ? { opts } : {}) });
    return userFromWire(r.user);
  }
}
