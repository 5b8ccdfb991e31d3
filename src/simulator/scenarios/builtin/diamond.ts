import { validateScenario } from '../scenario-validation';
import type { BuiltinScenario } from './builtin-scenario';

const description = 'A → (B, C) → D on two workers, all succeeding within a few seconds: the smallest graph with a fork and a join.';

export const diamond: BuiltinScenario = {
  name: 'diamond',
  description,
  params: {},
  create: () =>
    validateScenario(
      {
        name: 'diamond',
        description,
        partitions: [{ id: 'default', workers: 2 }],
        sessions: [
          {
            name: 'main',
            partitions: ['default'],
            tasks: [
              { name: 'A', outputs: ['a'], behaviour: { duration: '1s' } },
              { name: 'B', inputs: ['a'], outputs: ['b'], behaviour: { duration: { dist: 'uniform', min: '1s', max: '2s' } } },
              { name: 'C', inputs: ['a'], outputs: ['c'], behaviour: { duration: { dist: 'uniform', min: '1s', max: '2s' } } },
              { name: 'D', inputs: ['b', 'c'], outputs: ['d'], behaviour: { duration: '1s' } },
            ],
          },
        ],
        targets: [{ result: 'd', description: 'Nothing is wrong: D joins both branches and completes after about four seconds.' }],
      },
      'builtin:diamond',
    ),
};
