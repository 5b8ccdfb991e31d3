import { validateScenario } from '../scenario-validation';
import type { BuiltinScenario } from './builtin-scenario';
import { curveFitDidNotConverge } from './curve-fit-error';

const description =
  'A worker error deep in the upstream cone cascades up: a curve-fitting subtask throws (C# stack trace in Worker/CurveFitter.cs), its sibling aggregator, the task that inherited the calibration output, the pricing and the risk aggregation all end in ERROR with "Task <id> failed:", and the target result is ABORTED.';

export const failing: BuiltinScenario = {
  name: 'failing',
  description,
  params: {},
  create: () =>
    validateScenario(
      {
        name: 'failing',
        description,
        partitions: [{ id: 'default', workers: 3 }],
        sessions: [
          {
            name: 'risk',
            partitions: ['default'],
            options: { maxRetries: 2, priority: 2, maxDuration: '5m', applicationName: 'Acme.Risk', applicationVersion: '2.4.1' },
            results: [{ name: 'trade-book', data: 'book=EQ-EU;date=2025-01-14' }],
            tasks: [
              { name: 'load-market', inputs: ['trade-book'], outputs: ['market'], behaviour: { duration: '800ms' } },
              { name: 'vol-surface', inputs: ['market'], outputs: ['vol'], behaviour: { duration: { dist: 'uniform', min: '1s', max: '2s' } } },
              {
                name: 'calibrate',
                inputs: ['market'],
                outputs: ['calibration'],
                behaviour: {
                  duration: '500ms',
                  spawn: {
                    results: [{ name: 'curve-{i}', count: 3 }],
                    tasks: [
                      { name: 'fit-curve-0', outputs: ['curve-0'], behaviour: { duration: '1s' } },
                      {
                        name: 'fit-curve-1',
                        outputs: ['curve-1'],
                        behaviour: {
                          duration: '1200ms',
                          outcome: curveFitDidNotConverge('Acme.Risk'),
                        },
                      },
                      { name: 'fit-curve-2', outputs: ['curve-2'], behaviour: { duration: '900ms' } },
                      { name: 'merge-curves', inputs: ['curve-0', 'curve-1', 'curve-2'], outputs: ['$output'], behaviour: { duration: '400ms' } },
                    ],
                  },
                },
              },
              { name: 'price-book', inputs: ['calibration', 'vol'], outputs: ['prices'], behaviour: { duration: '2s' } },
              { name: 'aggregate-risk', inputs: ['prices'], outputs: ['risk-report'], behaviour: { duration: '1s' } },
            ],
          },
        ],
        targets: [
          {
            result: 'risk-report',
            description: 'ABORTED: a curve-fitting subtask of "calibrate" threw ArithmeticException (Worker/CurveFitter.cs:88) and the failure cascaded four levels up.',
          },
        ],
      },
      'builtin:failing',
    ),
};
