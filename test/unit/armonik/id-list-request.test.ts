// The "these IDs" request is written by hand (id-list-request.ts). A control plane must read
// from it exactly the request the generic filter builder and serializer produce for the same IDs.

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { batchFilters } from '../../../src/armonik/filters/or-of-and';
import { expandResultWhere, resultSortToWire } from '../../../src/armonik/filters/result-filters';
import { expandTaskWhere, taskSortToWire } from '../../../src/armonik/filters/task-filters';
import { idListRequestSerializer } from '../../../src/armonik/wire/id-list-request';
import { serviceDefinitions } from '../../../src/armonik/wire/load';

const defs = serviceDefinitions();
const tasks = defs.tasks.ListTasksDetailed;
const results = defs.results.ListResults;

const ID_LISTS: Array<[string, string[]]> = [
  ['one ID', [randomUUID()]],
  ['a batch of 500', Array.from({ length: 500 }, () => randomUUID())],
  ['IDs of unusual shapes', ['tâche-ünïcødé-🚀', 'a'.repeat(300), 'retry###2', ' spaced ']],
];

describe('hand-written ID list requests', () => {
  for (const [name, ids] of ID_LISTS) {
    for (const [page, pageSize] of [
      [0, ids.length],
      [3, 1000],
    ] as const) {
      it(`ListTasksDetailed, ${name}, page ${page}: the server reads the generic request`, () => {
        const sort = taskSortToWire(undefined);
        const serialize = idListRequestSerializer('task', tasks.requestSerialize({ sort, withErrors: true }));
        const [filters] = batchFilters(expandTaskWhere({ id: ids }), 1000);
        const generic = tasks.requestDeserialize(tasks.requestSerialize({ page, pageSize, filters, sort, withErrors: true }));
        const ours = tasks.requestDeserialize(serialize({ ids, page, pageSize }));
        assert.deepEqual(ours, generic);
        assert.equal(ours.filters?.or.length, ids.length);
      });

      it(`ListResults, ${name}, page ${page}: the server reads the generic request`, () => {
        const sort = resultSortToWire(undefined);
        const serialize = idListRequestSerializer('result', results.requestSerialize({ sort }));
        const [filters] = batchFilters(expandResultWhere({ id: ids }), 1000);
        const generic = results.requestDeserialize(results.requestSerialize({ page, pageSize, filters, sort }));
        const ours = results.requestDeserialize(serialize({ ids, page, pageSize }));
        assert.deepEqual(ours, generic);
        assert.equal(ours.filters?.or[0]?.and[0]?.filterString?.value, ids[0]);
      });
    }
  }
});
