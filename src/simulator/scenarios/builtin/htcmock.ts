import { validateScenario } from '../scenario-validation';
import type { BuiltinScenario } from './builtin-scenario';

const description =
  'HTC-Mock-like aggregation tree: the root task spawns fan-out children producing partial results and an aggregator subtask that depends on them and takes over (delegation) the parent\'s output, recursively to the given depth. Everything succeeds.';

export const htcmock: BuiltinScenario = {
  name: 'htcmock',
  description,
  params: {
    depth: { description: 'levels of subtasking below the root', default: 3, min: 0, max: 8 },
    fanOut: { description: 'children per node (plus one aggregator)', default: 3, min: 1, max: 50 },
    workers: { description: 'worker pods of the default partition', default: 4, min: 0, max: 1000 },
  },
  create: (p) =>
    validateScenario(
      {
        name: 'htcmock',
        description,
        partitions: [{ id: 'default', workers: p.workers }],
        sessions: [
          {
            name: 'htc',
            partitions: ['default'],
            options: { maxRetries: 2, priority: 1, maxDuration: '10m', applicationName: 'htcmock', applicationVersion: '1.0.0' },
            tasks: [
              {
                name: 'root',
                outputs: ['result'],
                behaviour: {
                  duration: { dist: 'uniform', min: '200ms', max: '600ms' },
                  tree: {
                    depth: p.depth,
                    fanOut: p.fanOut,
                    leaf: { duration: { dist: 'uniform', min: '1s', max: '3s' } },
                    aggregate: { duration: { dist: 'uniform', min: '300ms', max: '900ms' } },
                  },
                },
              },
            ],
          },
        ],
        targets: [
          {
            result: 'result',
            description: 'Nothing is wrong: the root delegated its output down the tree; the top aggregator completes it once all leaves are done.',
          },
        ],
      },
      'builtin:htcmock',
    ),
};
