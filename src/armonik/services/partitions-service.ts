// PartitionsApi over `armonik.api.grpc.v1.partitions.Partitions`.

import type { CallOptions, Page, PartitionsApi, PartitionWhere } from '../api';
import { ArmoniKError } from '../errors';
import { batchFilters } from '../filters/or-of-and';
import { expandPartitionWhere, partitionSortToWire } from '../filters/partition-filters';
import type { Partition } from '../model';
import { checkPaging, tooManyTermsForOnePage } from '../paging';
import type { RpcChannel } from '../rpc-channel';
import { partitionFromWire } from '../wire/partition-codec';
import type { ArmoniKServiceDefinitions } from '../wire/load';
import { requireId } from './ids';

export class PartitionsService implements PartitionsApi {
  constructor(
    private readonly rpc: RpcChannel,
    private readonly defs: ArmoniKServiceDefinitions['partitions'],
  ) {}

  async list(query?: { where?: PartitionWhere; page?: number; pageSize?: number }, opts?: CallOptions): Promise<Page<Partition>> {
    const page = query?.page ?? 0;
    const pageSize = query?.pageSize ?? this.rpc.options.pageSize;
    checkPaging(page, pageSize);
    const batches = batchFilters(expandPartitionWhere(query?.where), this.rpc.options.maxFilterTerms);
    if (batches.length === 0) return { items: [], page, pageSize, total: 0 };
    if (batches.length > 1) throw tooManyTermsForOnePage('partition', batches.length, this.rpc.options.maxFilterTerms);
    const response = await this.rpc.unary(
      this.defs.ListPartitions,
      { page, pageSize, filters: batches[0]!, sort: partitionSortToWire() },
      { idempotent: true, ...(opts ? { opts } : {}) },
    );
    return { items: response.partitions.map(partitionFromWire), page: response.page, pageSize: response.pageSize, total: response.total };
  }

  async get(id: string, opts?: CallOptions): Promise<Partition> {
    requireId(id, 'partition');
    const response = await this.rpc.unary(this.defs.GetPartition, { id }, { idempotent: true, subject: `partition ${id}`, ...(opts ? { opts } : {}) });
    if (!response.partition) throw new ArmoniKError('internal', `GetPartition returned no partition for ${id}`, { method: 'Partitions/GetPartition', endpoint: this.rpc.endpoint.url });
    return partitionFromWire(response.partition);
  }
}
