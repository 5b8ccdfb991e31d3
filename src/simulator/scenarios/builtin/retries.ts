import { validateScenario } from '../scenario-validation';
import type { BuiltinScenario } from './builtin-scenario';

const description =
  'Infrastructure failures and retries: "flaky-loader" loses its worker twice (X, X###1 RETRIED) and succeeds on X###2; "nightly-export" fails on every attempt and exhausts max_retries = 2 (X###2 ends in ERROR), aborting what depends on it.';

export const retries: BuiltinScenario = {
  name: 'retries',
  description,
  params: {},
  create: () =>
    validateScenario(
      {
        name: 'retries',
        description,
        partitions: [{ id: 'default', workers: 2 }],
        sessions: [
          {
            name: 'etl',
            partitions: ['default'],
            options: { maxRetries: 3, priority: 1, maxDuration: '10m' },
            tasks: [
              { name: 'flaky-loader', outputs: ['loaded'], behaviour: { duration: '1s', outcome: { kind: 'infra-failure', failAttempts: 2 } } },
              { name: 'summarize', inputs: ['loaded'], outputs: ['summary'], behaviour: { duration: '500ms' } },
              {
                name: 'nightly-export',
                outputs: ['export'],
                options: { maxRetries: 2 },
                behaviour: {
                  duration: '700ms',
                  outcome: {
                    kind: 'infra-failure',
                    message:
                      'Grpc.Core.RpcException: Status(StatusCode="Unavailable", Detail="Worker pod was OOMKilled (exit code 137) while processing the task")',
                  },
                },
              },
              { name: 'publish', inputs: ['export'], outputs: ['published'], behaviour: { duration: '300ms' } },
            ],
          },
        ],
        targets: [
          { result: 'summary', description: 'Recovered: its input came from the third attempt (flaky-loader###2) after two infrastructure failures.' },
          { result: 'published', description: 'ABORTED: nightly-export was OOMKilled on all 3 attempts (max_retries = 2), so its output was aborted.' },
        ],
      },
      'builtin:retries',
    ),
};
