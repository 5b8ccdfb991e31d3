import { validateScenario } from '../scenario-validation';
import type { BuiltinScenario } from './builtin-scenario';

const description =
  'Three results blocked three different ways, none of them by an error: one queued forever on a partition with zero workers, one waiting on an orphaned output (its owner COMPLETED without producing it), one in a paused session.';

export const stuck: BuiltinScenario = {
  name: 'stuck',
  description,
  params: {},
  create: () =>
    validateScenario(
      {
        name: 'stuck',
        description,
        partitions: [
          { id: 'default', workers: 2 },
          { id: 'gpu', workers: 0, podMax: 4, podReserved: 0 },
        ],
        sessions: [
          {
            name: 'analytics',
            partitions: ['default', 'gpu'],
            tasks: [
              { name: 'render', outputs: ['frames'], options: { partitionId: 'gpu' }, behaviour: { duration: '2s' } },
              { name: 'extract', outputs: ['features'], behaviour: { duration: '600ms', outcome: 'orphan' } },
              { name: 'train', inputs: ['features'], outputs: ['model'], behaviour: { duration: '3s' } },
            ],
          },
          {
            name: 'reporting',
            partitions: ['default'],
            tasks: [
              { name: 'collect', outputs: ['daily-data'], behaviour: { duration: '500ms' } },
              { name: 'daily-report', inputs: ['daily-data'], outputs: ['report'], behaviour: { duration: '1s' } },
            ],
          },
        ],
        actions: [{ at: 0, do: 'pause-session', session: 'reporting' }],
        targets: [
          { result: 'frames', description: 'Queued forever: its task is SUBMITTED on partition "gpu", which has zero workers.' },
          { result: 'model', description: 'Waiting forever: its input "features" is CREATED but its owner "extract" COMPLETED without producing it (orphaned output).' },
          { result: 'report', description: 'Not running: session "reporting" is PAUSED, so its tasks stay PAUSED until it is resumed.' },
        ],
      },
      'builtin:stuck',
    ),
};
