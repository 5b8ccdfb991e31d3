import { validateScenario } from '../scenario-validation';
import type { BuiltinScenario } from './builtin-scenario';
import { curveFitDidNotConverge } from './curve-fit-error';

const description =
  'The VS Code demo: an end-of-day pricing session with live progress (48 pricing tasks finishing over a minute or two), a risk report ABORTED by a worker error with a C# stack trace in a subtask (Worker/CurveFitter.cs:88, Worker/ComputeService.cs:42), an XVA result blocked behind a task queued on the "gpu" partition, which has no workers, and an aggregation delegated to a tree of subtasks.';

const PRICES = 48;

export const demo: BuiltinScenario = {
  name: 'demo',
  description,
  params: {
    workers: { description: 'worker pods of the default partition', default: 4, min: 1, max: 1000 },
  },
  create: (p) => {
    const prices = Array.from({ length: PRICES }, (_, i) => `price-${String(i).padStart(2, '0')}`);
    return validateScenario(
      {
        name: 'demo',
        description,
        partitions: [
          { id: 'default', workers: p.workers, podMax: 8, podReserved: 2 },
          { id: 'gpu', workers: 0, podMax: 2, podReserved: 0, priority: 2 },
        ],
        sessions: [
          {
            name: 'pricing-eod',
            partitions: ['default', 'gpu'],
            options: {
              maxRetries: 2,
              priority: 2,
              maxDuration: '15m',
              applicationName: 'Acme.Pricing',
              applicationVersion: '3.1.0',
              applicationNamespace: 'Acme.Pricing.Worker',
              applicationService: 'ComputeService',
              engineType: 'Unified',
            },
            results: [{ name: 'market-snapshot', data: 'snapshot=2025-01-14T17:30:00Z;source=bloomberg' }],
            tasks: [
              // Live progress.
              ...prices.map((name) => ({
                name: `compute-${name}`,
                inputs: ['market-snapshot'],
                outputs: [name],
                behaviour: { duration: { dist: 'uniform', min: '3s', max: '8s' } },
              })),
              { name: 'portfolio-summary', inputs: prices, outputs: ['portfolio-pv'], behaviour: { duration: '2s' } },
              // A worker error in a subtask, cascading up to the risk report.
              { name: 'load-curves', inputs: ['market-snapshot'], outputs: ['curves'], behaviour: { duration: '1500ms' } },
              {
                name: 'calibrate-model',
                inputs: ['curves'],
                outputs: ['calibration'],
                behaviour: {
                  duration: '800ms',
                  spawn: {
                    results: [{ name: 'fit-{i}', count: 3 }],
                    tasks: [
                      { name: 'fit-curve-0', outputs: ['fit-0'], behaviour: { duration: '2s' } },
                      {
                        name: 'fit-curve-1',
                        outputs: ['fit-1'],
                        behaviour: {
                          duration: '2500ms',
                          outcome: curveFitDidNotConverge('Acme.Pricing'),
                        },
                      },
                      { name: 'fit-curve-2', outputs: ['fit-2'], behaviour: { duration: '1800ms' } },
                      { name: 'merge-fits', inputs: ['fit-0', 'fit-1', 'fit-2'], outputs: ['$output'], behaviour: { duration: '500ms' } },
                    ],
                  },
                },
              },
              { name: 'compute-var', inputs: ['calibration', 'portfolio-pv'], outputs: ['var-report'], behaviour: { duration: '3s' } },
              // Queued on a partition without workers.
              {
                name: 'gpu-montecarlo',
                inputs: ['market-snapshot'],
                outputs: ['mc-paths'],
                options: { partitionId: 'gpu' },
                behaviour: { duration: '20s' },
              },
              { name: 'compute-xva', inputs: ['mc-paths', 'curves'], outputs: ['xva'], behaviour: { duration: '4s' } },
              // Delegation to a tree of subtasks.
              {
                name: 'aggregate-greeks',
                inputs: ['market-snapshot'],
                outputs: ['greeks'],
                behaviour: {
                  duration: '600ms',
                  tree: {
                    depth: 2,
                    fanOut: 3,
                    leaf: { duration: { dist: 'uniform', min: '2s', max: '5s' } },
                    aggregate: { duration: { dist: 'uniform', min: '500ms', max: '1500ms' } },
                  },
                },
              },
            ],
          },
        ],
        actions: [
          {
            at: '45s',
            do: 'submit',
            session: 'pricing-eod',
            tasks: [{ name: 'late-adjustment', inputs: ['portfolio-pv'], outputs: ['adjusted-pv'], behaviour: { duration: '2s' } }],
          },
        ],
        targets: [
          {
            result: 'var-report',
            description: 'ABORTED: subtask fit-curve-1 of calibrate-model threw ArithmeticException (Worker/CurveFitter.cs:88); the error cascaded through merge-fits.',
          },
          { result: 'xva', description: 'Blocked: its input mc-paths is queued on partition "gpu", which has no workers.' },
          { result: 'portfolio-pv', description: 'In progress: 48 pricing tasks share 4 workers; it completes after a minute or two.' },
          { result: 'greeks', description: 'Delegated: aggregate-greeks handed its output to a tree of 3×3 subtasks; the top aggregator completes it.' },
        ],
      },
      'builtin:demo',
    );
  },
};
