// The hand-written encoding of list pages (record-encoding.ts) must decode, with the standard
// proto-loader codec any client uses, to exactly what the generic path produces — for records
// in every state the engine reaches and for edge values.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { serviceDefinitions } from '../../../src/armonik/wire/load';
import { encodeListPage, writeResultRaw, writeTaskDetailed, writeTaskSummary } from '../../../src/simulator/server/wire/record-encoding';
import { resultToWire } from '../../../src/simulator/server/wire/result-wire';
import { taskDetailedToWire, taskSummaryToWire } from '../../../src/simulator/server/wire/task-wire';
import { edgeResults, edgeTasks, sampleRecords } from '../../support/record-samples';

const defs = serviceDefinitions();

function assertSameDecoding<R>(method: 'ListTasks' | 'ListTasksDetailed', rows: R[], generic: (r: R) => object, write: Parameters<typeof encodeListPage<R>>[1]): void;
function assertSameDecoding<R>(method: 'ListResults', rows: R[], generic: (r: R) => object, write: Parameters<typeof encodeListPage<R>>[1]): void;
function assertSameDecoding<R>(method: 'ListTasks' | 'ListTasksDetailed' | 'ListResults', rows: R[], generic: (r: R) => object, write: Parameters<typeof encodeListPage<R>>[1]): void {
  const definition = method === 'ListResults' ? defs.results.ListResults : method === 'ListTasks' ? defs.tasks.ListTasks : defs.tasks.ListTasksDetailed;
  const key = method === 'ListResults' ? 'results' : 'tasks';
  const reference = definition.responseDeserialize(definition.responseSerialize({ [key]: rows.map(generic), page: 3, pageSize: 1000, total: 123456 } as never));
  const ours = definition.responseDeserialize(encodeListPage(rows, write, 3, 1000, 123456));
  assert.deepEqual(ours, reference);
}

describe('hand-written list page encoding', () => {
  const { tasks, results } = sampleRecords();

  it('samples records in many states', () => {
    const statuses = new Set(tasks.map((t) => t.status));
    for (const s of ['PENDING', 'SUBMITTED', 'PROCESSING', 'COMPLETED', 'ERROR', 'RETRIED']) assert.ok(statuses.has(s as never), `no ${s} task sampled`);
    assert.ok(new Set(results.map((r) => r.status)).size >= 3);
  });

  it('TaskSummary pages decode like the generic encoding', () => {
    assertSameDecoding('ListTasks', tasks, taskSummaryToWire, writeTaskSummary);
    assertSameDecoding('ListTasks', edgeTasks(tasks[tasks.length - 1]), taskSummaryToWire, writeTaskSummary);
  });

  it('TaskDetailed pages decode like the generic encoding', () => {
    assertSameDecoding('ListTasksDetailed', tasks, taskDetailedToWire, writeTaskDetailed);
    assertSameDecoding('ListTasksDetailed', edgeTasks(tasks[tasks.length - 1]), taskDetailedToWire, writeTaskDetailed);
  });

  it('ResultRaw pages decode like the generic encoding', () => {
    assertSameDecoding('ListResults', results, resultToWire, writeResultRaw);
    assertSameDecoding('ListResults', edgeResults(results[results.length - 1]), resultToWire, writeResultRaw);
  });

  it('empty pages carry only page, page size and total', () => {
    const decoded = defs.tasks.ListTasks.responseDeserialize(encodeListPage([], writeTaskSummary, 0, 0, 42));
    assert.deepEqual([decoded.tasks, decoded.page, decoded.pageSize, decoded.total], [[], 0, 0, 42]);
  });
});
