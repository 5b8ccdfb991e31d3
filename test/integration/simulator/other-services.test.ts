// Partitions, Applications, Versions, HealthChecks and Authentication over the wire.

import { status } from '@grpc/grpc-js';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { applicationField, arr, cond, listRequest, num, or, partitionField, rejectsWith, rpc, str } from './grpc-test-client';
import { createMetadata, createSession, startTestSimulator, submitTasks, type TestSimulator } from './simulator-fixture';

describe('Partitions, Applications, Versions, HealthChecks, Authentication', () => {
  let t: TestSimulator;
  before(async () => {
    t = await startTestSimulator();
    const e = t.sim.engine;
    e.addPartition({ id: 'gpu', parentPartitionIds: ['default'], podReserved: 0, podMax: 8, podConfiguration: { gpu: 'a100' }, preemptionPercentage: 10, priority: 3, workers: 0 });
    e.addPartition({ id: 'bigmem', parentPartitionIds: [], podReserved: 2, podMax: 20, podConfiguration: {}, preemptionPercentage: 0, priority: 1, workers: 1 });
    const session = await createSession(t.c);
    const outs = await createMetadata(t.c, session, ['o1', 'o2', 'o3', 'o4']);
    await submitTasks(t.c, session, [
      { outputs: [outs[0]], options: { applicationName: 'pricer', applicationVersion: '2.0', applicationNamespace: 'acme', applicationService: 'Svc', priority: 1 } },
      { outputs: [outs[1]], options: { applicationName: 'pricer', applicationVersion: '1.0', applicationNamespace: 'acme', applicationService: 'Svc', priority: 1 } },
      { outputs: [outs[2]], options: { applicationName: 'pricer', applicationVersion: '1.0', applicationNamespace: 'acme', applicationService: 'Svc', priority: 2 } },
      { outputs: [outs[3]], options: { applicationName: 'analytics', applicationVersion: '1.0', applicationNamespace: 'acme', applicationService: 'Svc', priority: 1 } },
    ]);
  });
  after(() => t.stop());

  it('lists and gets partitions with filters on ids, arrays and numbers', async () => {
    const ids = async (filters: object, direction: 'ASC' | 'DESC' = 'ASC') =>
      (await rpc(t.c.partitions, 'ListPartitions', listRequest(filters, partitionField('ID'), { direction }) as never)).partitions.map((p) => p.id);
    assert.deepEqual(await ids(or([])), ['bigmem', 'default', 'gpu']);
    assert.deepEqual(await ids(or([]), 'DESC'), ['gpu', 'default', 'bigmem']);
    assert.deepEqual(await ids(or([cond(partitionField('PARENT_PARTITION_IDS'), arr('CONTAINS', 'default'))])), ['gpu']);
    assert.deepEqual(await ids(or([cond(partitionField('POD_MAX'), num('GREATER_THAN_OR_EQUAL', 20))])), ['bigmem', 'default']);
    assert.deepEqual(await ids(or([cond(partitionField('ID'), str('EQUAL', 'gpu'))], [cond(partitionField('PRIORITY'), num('EQUAL', 1))])), ['bigmem', 'default', 'gpu']);
    const gpu = (await rpc(t.c.partitions, 'GetPartition', { id: 'gpu' })).partition!;
    assert.deepEqual(
      { max: gpu.podMax, reserved: gpu.podReserved, conf: gpu.podConfiguration, pre: gpu.preemptionPercentage, prio: gpu.priority, parents: gpu.parentPartitionIds },
      { max: 8, reserved: 0, conf: { gpu: 'a100' }, pre: 10, prio: 3, parents: ['default'] },
    );
    await rejectsWith(rpc(t.c.partitions, 'GetPartition', { id: 'tpu' }), status.NOT_FOUND, /tpu/);
  });

  it('lists distinct applications of all tasks, sorted on several fields and filtered', async () => {
    const list = async (filters: object, fields: string[], direction: 'ASC' | 'DESC' = 'ASC') =>
      (
        await rpc(t.c.applications, 'ListApplications', {
          page: 0,
          pageSize: 10,
          filters,
          sort: { fields: fields.map(applicationField), direction: `SORT_DIRECTION_${direction}` },
        } as never)
      ).applications.map((a) => `${a.name}@${a.version}`);
    // Two tasks share pricer@1.0 (different priorities): one application.
    assert.deepEqual(await list(or([]), ['NAME', 'VERSION']), ['analytics@1.0', 'pricer@1.0', 'pricer@2.0']);
    assert.deepEqual(await list(or([]), ['VERSION', 'NAME'], 'DESC'), ['pricer@2.0', 'pricer@1.0', 'analytics@1.0']);
    assert.deepEqual(await list(or([cond(applicationField('NAME'), str('EQUAL', 'pricer'))]), ['VERSION']), ['pricer@1.0', 'pricer@2.0']);
    const count = await rpc(t.c.applications, 'ListApplications', {
      page: 0,
      pageSize: 0,
      filters: or([]),
      sort: { fields: [applicationField('NAME')], direction: 'SORT_DIRECTION_ASC' },
    } as never);
    assert.deepEqual([count.applications.length, count.total], [0, 3]);
    await rejectsWith(
      rpc(t.c.applications, 'ListApplications', { page: 0, pageSize: 10, filters: or([]), sort: { fields: [], direction: 'SORT_DIRECTION_ASC' } } as never),
      status.INVALID_ARGUMENT,
      /Sort.Fields/,
    );
  });

  it('reports versions like Core, recognisably simulated', async () => {
    const v = await rpc(t.c.versions, 'ListVersions', {});
    assert.match(v.core, /^0\.40\.1\+sim$/);
    assert.equal(v.api, '3.29.0');
  });

  it('reports database, object and queue healthy', async () => {
    const h = await rpc(t.c.healthChecks, 'CheckHealth', {});
    assert.deepEqual(
      h.services.map((s) => [s.name, s.healthy]),
      [
        ['database', 'HEALTH_STATUS_ENUM_HEALTHY'],
        ['object', 'HEALTH_STATUS_ENUM_HEALTHY'],
        ['queue', 'HEALTH_STATUS_ENUM_HEALTHY'],
      ],
    );
  });

  it('answers GetCurrentUser with an anonymous user allowed everything', async () => {
    const u = (await rpc(t.c.auth, 'GetCurrentUser', {})).user!;
    assert.equal(u.username, 'Anonymous');
    for (const p of ['Tasks:ListTasks', 'Events:GetEvents', 'Results:UploadResultData', 'Sessions:CreateSession', 'Authentication:GetCurrentUser']) {
      assert.ok(u.permissions.includes(p), `missing permission ${p}`);
    }
  });
});
