// Partitions between the wire (`PartitionRaw`) and the model (`Partition`).

import type { Partition } from '../model';
import type { WirePartitionRaw } from './types';

export function partitionFromWire(wire: WirePartitionRaw): Partition {
  return {
    id: wire.id,
    parentPartitionIds: [...wire.parentPartitionIds],
    podReserved: wire.podReserved,
    podMax: wire.podMax,
    podConfiguration: { ...wire.podConfiguration },
    preemptionPercentage: wire.preemptionPercentage,
    priority: wire.priority,
  };
}

export function partitionToWire(partition: Partition): WirePartitionRaw {
  return {
    id: partition.id,
    parentPartitionIds: [...partition.parentPartitionIds],
    podReserved: partition.podReserved,
    podMax: partition.podMax,
    podConfiguration: { ...partition.podConfiguration },
    preemptionPercentage: partition.preemptionPercentage,
    priority: partition.priority,
  };
}
