// Simulator engine benchmark: time and peak memory to build the `large` scenario (1,000,000
// tasks), and sustained task transitions per second on the instant clock.
//   node --import tsx bench/simulator-engine.ts [--tasks=1000000] [--wide=100000]
// `runEngineBench()` is also called by `npm run bench -- simulator`.

import { createEngine } from '../src/simulator/engine/engine';
import { BEHAVIOUR_OPTION_KEY } from '../src/simulator/engine/behaviour';
import { applyScenario, loadScenario } from '../src/simulator/scenarios';

/** Goals from the brief: build 1M tasks in < 60 s and < 2 GiB; ≥ 20,000 transitions/s. */
export const ENGINE_GOALS = { largeBuildSeconds: 60, largePeakRssMiB: 2048, transitionsPerSecond: 20_000 };

export interface EngineBenchOptions {
  largeTasks?: number;
  wideTasks?: number;
}

function mib(bytes: number): number {
  return Math.round((bytes / 1048576) * 10) / 10;
}

export async function runEngineBench(options: EngineBenchOptions = {}): Promise<Record<string, number | string>> {
  const largeTasks = options.largeTasks ?? 1_000_000;
  const wideTasks = options.wideTasks ?? 100_000;
  const out: Record<string, number | string> = {};

  // --- build `large`
  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const engine = createEngine({ clock: { kind: 'manual' }, seed: 1, startTime: Date.UTC(2025, 0, 15, 9) });
  applyScenario(engine, loadScenario('large', { tasks: largeTasks }));
  const buildMs = performance.now() - t0;
  const afterBuild = process.memoryUsage();
  out['large.tasks'] = engine.taskCount();
  out['large.results'] = engine.resultCount();
  out['large.build_s'] = Math.round(buildMs / 10) / 100;
  out['large.heap_used_MiB'] = mib(afterBuild.heapUsed);
  out['large.heap_growth_bytes_per_task'] = Math.round((afterBuild.heapUsed - heapBefore) / largeTasks);
  out['large.rss_MiB'] = mib(afterBuild.rss);
  // maxRSS is the process's peak resident set, in KiB.
  out['large.peak_rss_MiB'] = Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
  out['large.build_vs_goal'] = `${out['large.build_s']} s / ${ENGINE_GOALS.largeBuildSeconds} s`;
  // Some live work on top of the history, to check the engine still moves.
  const tLive = performance.now();
  engine.runUntilIdle(5 * 60_000);
  out['large.five_virtual_minutes_ms'] = Math.round(performance.now() - tLive);

  // --- sustained transitions: a wide session on the instant clock.
  const wide = createEngine({ clock: { kind: 'instant' }, seed: 2, startTime: Date.UTC(2025, 0, 15, 9), defaultTaskDurationMs: 50 });
  wide.addPartition({ id: 'default', parentPartitionIds: [], podReserved: 64, podMax: 256, podConfiguration: {}, preemptionPercentage: 0, priority: 1, workers: 256 });
  const session = wide.createSession({ maxRetries: 2, priority: 1, maxDurationMs: 60_000 }, []);
  const sid = session.sessionId;
  const tSubmit = performance.now();
  const outputs = wide.createResultsMetadata(sid, Array.from({ length: wideTasks }, (_, i) => ({ name: `w${i}`, manualDeletion: false })));
  const payloads = wide.createResults(sid, Array.from({ length: wideTasks }, () => ({ name: 'p', data: new Uint8Array([1]), manualDeletion: false })));
  const behaviour = { [BEHAVIOUR_OPTION_KEY]: JSON.stringify({ duration: { dist: 'uniform', min: '20ms', max: '80ms' } }) };
  const batch = 10_000;
  for (let i = 0; i < wideTasks; i += batch) {
    const creations = [];
    for (let j = i; j < Math.min(wideTasks, i + batch); j++) {
      // Every tenth task reads the output of the one before, so readiness is exercised too.
      creations.push({
        payloadId: payloads[j]!.resultId,
        dataDependencies: j % 10 === 9 ? [outputs[j - 1]!.resultId] : [],
        expectedOutputIds: [outputs[j]!.resultId],
        options: { priority: 1, options: behaviour },
      });
    }
    wide.submitTasks(sid, undefined, creations);
  }
  const submitMs = performance.now() - tSubmit;
  let events = 0;
  wide.onEvent(() => events++);
  const transitionsBefore = wide.stats().transitions;
  const tRun = performance.now();
  wide.start();
  await new Promise<void>((resolve) => {
    const check = (): void => {
      if (wide.stats().scheduled === 0) resolve();
      else setTimeout(check, 20);
    };
    check();
  });
  wide.stop();
  const runMs = performance.now() - tRun;
  const transitions = wide.stats().transitions - transitionsBefore;
  let completed = 0;
  for (const t of wide.tasks(sid)) if (t.status === 'COMPLETED') completed++;
  out['wide.tasks'] = wideTasks;
  out['wide.completed'] = completed;
  out['wide.submit_tasks_per_s'] = Math.round(wideTasks / (submitMs / 1000));
  out['wide.run_s'] = Math.round(runMs / 10) / 100;
  out['wide.transitions'] = transitions;
  out['wide.events_delivered'] = events;
  out['wide.transitions_per_s'] = Math.round(transitions / (runMs / 1000));
  out['wide.transitions_vs_goal'] = `${(transitions / (runMs / 1000) / ENGINE_GOALS.transitionsPerSecond).toFixed(1)}× the ${ENGINE_GOALS.transitionsPerSecond}/s goal`;
  out['wide.virtual_s'] = Math.round((wide.now() - Date.UTC(2025, 0, 15, 9)) / 100) / 10;
  return out;
}

const invokedDirectly = process.argv[1] !== undefined && /simulator-engine\.ts$/.test(process.argv[1]);
if (invokedDirectly) {
  const arg = (name: string): number | undefined => {
    const a = process.argv.find((x) => x.startsWith(`--${name}=`));
    return a ? Number(a.slice(name.length + 3).replaceAll('_', '')) : undefined;
  };
  runEngineBench({ largeTasks: arg('tasks'), wideTasks: arg('wide') }).then(
    (figures) => {
      for (const [k, v] of Object.entries(figures)) console.log(`${k.padEnd(36)} ${v}`);
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
