// `armonik.api.grpc.v1.partitions.Partitions` (reference §8).

import { status } from '@grpc/grpc-js';
// The client's codec copies only the API's fields: the simulated worker count stays out.
import { partitionToWire } from '../../../armonik/wire/partition-codec';
import type { PartitionsHandlers } from '../../../armonik/wire/types';
import { PARTITION_SCHEMA } from '../filters/partition-fields';
import { partitionSource } from '../listing/engine-sources';
import { runList } from '../listing/run-list';
import { RpcError } from '../rpc-error';
import type { ServiceContext } from '../service-context';
import { unary } from '../unary-handler';

export function partitionsService(ctx: ServiceContext): PartitionsHandlers {
  const { engine } = ctx;
  return {
    ListPartitions: unary((request) => {
      const page = runList(ctx.lister, 'ListPartitionsRequest', request, PARTITION_SCHEMA, partitionSource(engine));
      return { partitions: page.rows.map(partitionToWire), page: request.page, pageSize: request.pageSize, total: page.total };
    }),
    GetPartition: unary((request) => {
      const partition = engine.partition(request.id);
      if (!partition) throw new RpcError(status.NOT_FOUND, `Partition ${request.id} not found`);
      return { partition: partitionToWire(partition) };
    }),
  };
}
