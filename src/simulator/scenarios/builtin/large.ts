// `large`: ArmoniK scale. One session holds `tasks` tasks; the target's upstream cone holds about
// `cone` of them, the rest is unrelated history. History and the finished part of the cone are
// written through the engine's bulk seed path; the unfinished part of the cone is submitted
// normally so that it runs (or stays blocked) like any other work.

import { BEHAVIOUR_OPTION_KEY } from '../../engine/behaviour';
import { SeededRandom } from '../../engine/random';
import type { ScenarioBuildContext } from '../scenario-types';
import { validateScenario } from '../scenario-validation';
import type { BuiltinScenario } from './builtin-scenario';

const description =
  'ArmoniK scale: one session with a million tasks (mostly completed history). The target\'s upstream cone (about 1,000 tasks, layered) is 60 % completed, then a frontier of tasks running or waiting on 8 workers, and a real blocker: one frontier task queued on partition "gpu", which has no workers, which every upper layer transitively waits on.';

/** Share of the cone's layers that already ran. */
const COMPLETED_SHARE = 0.6;
const HISTORY_SPAN_MS = 8 * 3_600_000;

export const large: BuiltinScenario = {
  name: 'large',
  description,
  params: {
    tasks: { description: 'tasks in the session, cone included', default: 1_000_000, min: 10, max: 5_000_000 },
    cone: { description: 'tasks in the target\'s upstream cone', default: 1_000, min: 4, max: 1_000_000 },
    workers: { description: 'worker pods of the default partition', default: 8, min: 0, max: 10_000 },
  },
  create: (p) => {
    const scenario = validateScenario(
      {
        name: 'large',
        description,
        partitions: [
          { id: 'default', workers: p.workers, podMax: 64, podReserved: 8 },
          { id: 'gpu', workers: 0, podMax: 4, podReserved: 0 },
        ],
        sessions: [
          {
            name: 'batch',
            partitions: ['default', 'gpu'],
            options: { maxRetries: 2, priority: 1, maxDuration: '30m', applicationName: 'Acme.Batch', applicationVersion: '7.2.0' },
          },
        ],
      },
      'builtin:large',
    );
    scenario.build = (ctx) => buildLarge(ctx, p.tasks!, Math.min(p.cone!, p.tasks!));
    return scenario;
  },
};

function buildLarge(ctx: ScenarioBuildContext, total: number, cone: number): void {
  const { engine } = ctx;
  const sessionId = ctx.sessions.get('batch')!;
  const rnd = SeededRandom.derive(engine.options.seed, 'scenario:large');
  const now = engine.now();

  // --- unrelated history: mostly independent tasks, some reading a recent output.
  const history = total - cone;
  const historyStart = now - HISTORY_SPAN_MS;
  const step = HISTORY_SPAN_MS / Math.max(1, history);
  const recent: string[] = [];
  for (let i = 0; i < history; i++) {
    const deps = recent.length > 0 && rnd.next() < 0.3 ? [recent[rnd.int(recent.length)]!] : undefined;
    const task = engine.seedTask(sessionId, {
      outputNames: ['out'],
      payloadName: 'payload',
      dataDependencies: deps,
      createdAt: historyStart + i * step,
      durationMs: 200 + rnd.int(2_000),
      queueMs: rnd.int(50),
      podIndex: i,
    });
    const out = task.expectedOutputIds[0]!;
    if (recent.length < 64) recent.push(out);
    else recent[i & 63] = out;
  }

  // --- the cone: layers of tasks, each consuming outputs of the layer below.
  const layers = Math.max(3, Math.round(Math.log2(cone)));
  const width = Math.max(1, Math.ceil((cone - 1) / layers));
  const doneLayers = Math.max(1, Math.floor(layers * COMPLETED_SHARE));
  const coneStart = now - 20 * 60_000;
  let below: string[] = [];
  let created = 0;
  for (let layer = 0; layer < layers && created < cone - 1; layer++) {
    const count = Math.min(width, cone - 1 - created);
    const inputsOf = (j: number): string[] => {
      if (below.length === 0) return [];
      const picks = new Set<string>([below[j % below.length]!]);
      if (j === 0) picks.add(below[0]!);
      for (let k = 0; k < 2; k++) picks.add(below[rnd.int(below.length)]!);
      return [...picks];
    };
    const outputs: string[] = [];
    if (layer < doneLayers) {
      for (let j = 0; j < count; j++) {
        const task = engine.seedTask(sessionId, {
          outputNames: [`L${layer}-${j}`],
          payloadName: `L${layer}-${j}-payload`,
          dataDependencies: inputsOf(j),
          createdAt: coneStart + layer * 90_000 + rnd.int(30_000),
          durationMs: 5_000 + rnd.int(40_000),
          queueMs: rnd.int(500),
          podIndex: j,
        });
        outputs.push(task.expectedOutputIds[0]!);
        if (j === 0) ctx.tasks.set(`L${layer}-0`, task.id);
      }
    } else {
      const frontier = layer === doneLayers;
      const names = Array.from({ length: count }, (_, j) => `L${layer}-${j}`);
      const outs = engine.createResultsMetadata(sessionId, names.map((name) => ({ name, manualDeletion: false }))).map((r) => r.resultId);
      const payloads = engine.createResults(
        sessionId,
        names.map((name) => ({ name: `${name}-payload`, data: new TextEncoder().encode(name), manualDeletion: false })),
      );
      const tasks = engine.submitTasks(
        sessionId,
        undefined,
        names.map((_, j) => {
          const blocker = frontier && j === 0;
          // Frontier tasks run for a while; upper layers are quick once unblocked.
          const duration = frontier ? { dist: 'uniform', min: '20s', max: '3m' } : { dist: 'uniform', min: '2s', max: '10s' };
          return {
            payloadId: payloads[j]!.resultId,
            dataDependencies: inputsOf(j),
            expectedOutputIds: [outs[j]!],
            options: { priority: 1, partitionId: blocker ? 'gpu' : '', options: { [BEHAVIOUR_OPTION_KEY]: JSON.stringify({ duration }) } },
          };
        }),
      );
      outs.forEach((id) => outputs.push(id));
      ctx.tasks.set(`L${layer}-0`, tasks[0]!.id);
      if (frontier) ctx.tasks.set('blocker', tasks[0]!.id);
    }
    outputs.forEach((id, j) => ctx.results.set(`L${layer}-${j}`, id));
    below = outputs;
    created += count;
  }

  // --- the target: one aggregator over the top layer.
  const [target] = engine.createResultsMetadata(sessionId, [{ name: 'final-report', manualDeletion: false }]);
  const [payload] = engine.createResults(sessionId, [{ name: 'final-report-payload', data: new TextEncoder().encode('aggregate'), manualDeletion: false }]);
  const [aggregator] = engine.submitTasks(sessionId, undefined, [
    { payloadId: payload!.resultId, dataDependencies: below, expectedOutputIds: [target!.resultId] },
  ]);
  ctx.results.set('final-report', target!.resultId);
  ctx.tasks.set('final-aggregate', aggregator!.id);
  ctx.addTarget({
    name: 'final-report',
    resultId: target!.resultId,
    sessionId,
    description: `Blocked: its ${created + 1}-task upstream cone waits on task L${doneLayers}-0, queued on partition "gpu", which has no workers.`,
  });
}
