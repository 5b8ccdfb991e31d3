// Task and result records as the simulator holds them, in every state its scenarios reach and
// with edge values (negative and fractional instants, Unicode, empty strings, huge sizes): the
// inputs of the tests that compare hand-written codecs with the generic protobuf path.

import { createEngine } from '../../src/simulator/engine';
import type { ResultRecord, TaskRecord } from '../../src/simulator/engine/types';
import { applyScenario, loadScenario } from '../../src/simulator/scenarios';
import { DEFAULT_PARTITION } from '../../src/simulator/simulator';

/** Snapshots of records at several moments of several scenarios (statuses, retries, errors,
 * subtasks, paused sessions), copied so later changes do not alter them. */
export function sampleRecords(): { tasks: TaskRecord[]; results: ResultRecord[] } {
  const tasks: TaskRecord[] = [];
  const results: ResultRecord[] = [];
  for (const name of ['failing', 'retries', 'htcmock', 'stuck']) {
    const engine = createEngine({ clock: { kind: 'manual' }, seed: 7 });
    engine.addPartition(DEFAULT_PARTITION);
    applyScenario(engine, loadScenario(name));
    for (const step of [0, 700, 2_000, 10_000, 120_000]) {
      engine.advance(step);
      for (const t of engine.tasks()) tasks.push({ ...t });
      for (const r of engine.results()) results.push({ ...r });
    }
  }
  return { tasks, results };
}

export function edgeTasks(base: TaskRecord): TaskRecord[] {
  return [
    { ...base, createdAt: -1234567, endedAt: -1000, startedAt: undefined, receivedAt: 5 },
    { ...base, id: 'tâche-ünïcødé-🚀', outputError: 'ligne 1\nligne 2 — «erreur»', podHostname: '' },
    { ...base, status: 'UNSPECIFIED', options: Object.freeze({ ...base.options, options: { 'clé ✓': 'valeur ✓', empty: '' }, maxDurationMs: undefined, priority: 0 }) },
    { ...base, parentTaskIds: [], dataDependencies: ['', 'x'], retryOfIds: ['a###1', 'a###2'], createdAt: 1.7e12 + 0.6, endedAt: 1.7e12 + 1500.25 },
  ];
}

export function edgeResults(base: ResultRecord): ResultRecord[] {
  return [
    { ...base, status: 'NOTFOUND', size: 2 ** 40 + 3, opaqueId: '', name: '' },
    { ...base, status: 'DELETED', manualDeletion: true, opaqueId: 'clé-ø', createdAt: -5, completedAt: undefined },
  ];
}
