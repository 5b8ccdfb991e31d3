import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ArmoniKEvent } from '../../../src/armonik/model';
import { makeFixture } from './engine-fixture';

const delegating = {
  duration: '1s',
  spawn: {
    results: ['part'],
    tasks: [
      { name: 'worker', outputs: ['part'], behaviour: { duration: '1s' } },
      { name: 'agg', inputs: ['part'], outputs: ['$output'], behaviour: { duration: '1s' } },
    ],
  },
};

function describeEvent(e: ArmoniKEvent): string {
  switch (e.kind) {
    case 'newTask':
      return `newTask:${e.status}`;
    case 'taskStatusUpdate':
      return `task:${e.status}`;
    case 'newResult':
      return `newResult:${e.status}`;
    case 'resultStatusUpdate':
      return `result:${e.status}`;
    case 'resultOwnerUpdate':
      return 'owner';
  }
}

describe('subtasks and ownership transfer (reference §11.5)', () => {
  it('shows nothing of the subtasks while the parent runs', () => {
    const fx = makeFixture();
    const [out] = fx.outputs('out');
    const parent = fx.submit({ outputs: [out!], behaviour: delegating });
    while (fx.engine.task(parent.id)!.status !== 'PROCESSING') fx.engine.advance(1);
    const tasksBefore = fx.engine.taskCount();
    const resultsBefore = fx.engine.resultCount();
    fx.engine.advance(900);
    assert.equal(fx.engine.task(parent.id)!.status, 'PROCESSING');
    assert.equal(fx.engine.taskCount(), tasksBefore);
    assert.equal(fx.engine.resultCount(), resultsBefore);
  });

  it('commits in Core order and hands the parent output to the aggregator subtask', () => {
    const fx = makeFixture();
    const [out] = fx.outputs('out');
    const parent = fx.submit({ outputs: [out!], behaviour: delegating });
    while (fx.engine.task(parent.id)!.status !== 'PROCESSING') fx.engine.advance(1);
    fx.events.length = 0;
    while (fx.engine.task(parent.id)!.status === 'PROCESSING') fx.engine.advance(1);
    // Post-processing, in one step: 1 new result + 2 payloads, 2 payloads completed, 2 subtasks
    // CREATING, owner of the new result, transfer of the parent's output, PENDING ×2,
    // SUBMITTED for the ready one, parent COMPLETED.
    assert.deepEqual(fx.events.map(describeEvent), [
      'newResult:CREATED',
      'newResult:CREATED',
      'newResult:CREATED',
      'result:COMPLETED',
      'result:COMPLETED',
      'newTask:CREATING',
      'newTask:CREATING',
      'owner',
      'owner',
      'task:PENDING',
      'task:PENDING',
      'task:SUBMITTED',
      'task:COMPLETED',
    ]);
    const subtasks = [...fx.engine.tasks(fx.sessionId)].filter((t) => t.createdBy === parent.id);
    assert.equal(subtasks.length, 2);
    const [worker, agg] = subtasks;
    for (const s of subtasks) {
      assert.deepEqual(s.parentTaskIds, [fx.sessionId, parent.id]);
      assert.equal(s.initialTaskId, s.id);
    }
    const parentResult = fx.engine.result(out!)!;
    assert.equal(parentResult.status, 'CREATED', 'a delegated output stays CREATED after the parent completes');
    assert.equal(parentResult.ownerTaskId, agg!.id);
    const part = fx.engine.result(worker!.expectedOutputIds[0]!)!;
    assert.equal(part.createdBy, parent.id);
    assert.equal(part.ownerTaskId, worker!.id);
    const payload = fx.engine.result(worker!.payloadId)!;
    assert.equal(payload.status, 'COMPLETED');
    assert.equal(payload.createdBy, parent.id);
    const ownerEvents = fx.events.filter((e): e is Extract<ArmoniKEvent, { kind: 'resultOwnerUpdate' }> => e.kind === 'resultOwnerUpdate');
    assert.deepEqual(
      ownerEvents.map((e) => [e.resultId, e.currentOwnerId, e.previousOwnerId]),
      [
        [part.resultId, worker!.id, ''],
        [out!, agg!.id, ''],
      ],
    );
    fx.engine.runUntilIdle();
    assert.equal(fx.engine.result(out!)!.status, 'COMPLETED');
    assert.equal(fx.engine.result(out!)!.ownerTaskId, agg!.id, 'completion leaves the owner unchanged');
  });

  it('supports delegation chains to any depth (tree behaviour)', () => {
    const fx = makeFixture({ workers: 4 });
    const [out] = fx.outputs('out');
    const root = fx.submit({ outputs: [out!], behaviour: { duration: '100ms', tree: { depth: 2, fanOut: 2, leaf: { duration: '300ms' } } } });
    fx.engine.runUntilIdle();
    // 1 + 2×(1 + 2 + 1) + 1 = 10 tasks.
    assert.equal(fx.engine.taskCount(fx.sessionId), 10);
    assert.ok([...fx.engine.tasks()].every((t) => t.status === 'COMPLETED'));
    const owner = fx.engine.task(fx.engine.result(out!)!.ownerTaskId)!;
    assert.equal(owner.createdBy, root.id, 'the top aggregator, a child of the root, completed the output');
    const depths = [...fx.engine.tasks()].map((t) => t.parentTaskIds.length);
    assert.equal(Math.max(...depths), 3);
  });

  it('drops everything the worker buffered when it fails', () => {
    const fx = makeFixture();
    const [out] = fx.outputs('out');
    const parent = fx.submit({ outputs: [out!], behaviour: { ...delegating, outcome: 'error' } });
    const results = fx.engine.resultCount();
    fx.engine.runUntilIdle();
    assert.equal(fx.engine.task(parent.id)!.status, 'ERROR');
    assert.equal(fx.engine.taskCount(), 1);
    assert.equal(fx.engine.resultCount(), results);
    assert.equal(fx.engine.result(out!)!.status, 'ABORTED');
  });

  it('leaves an orphaned output CREATED forever, owned by a COMPLETED task, and its dependents PENDING', () => {
    const fx = makeFixture();
    const [kept, orphan, downstream] = fx.outputs('kept', 'orphan', 'down');
    const producer = fx.submit({ outputs: [kept!, orphan!], behaviour: { outcome: { kind: 'orphan', outputs: [1] } } });
    const consumer = fx.submit({ outputs: [downstream!], inputs: [orphan!] });
    fx.engine.runUntilIdle();
    assert.equal(fx.engine.task(producer.id)!.status, 'COMPLETED');
    assert.equal(fx.engine.result(kept!)!.status, 'COMPLETED');
    assert.equal(fx.engine.result(orphan!)!.status, 'CREATED');
    assert.equal(fx.engine.result(orphan!)!.ownerTaskId, producer.id);
    assert.equal(fx.engine.task(consumer.id)!.status, 'PENDING');
  });

  it('fails the parent with an RPC error when a subtask targets a partition the session does not allow', () => {
    const fx = makeFixture();
    const parent = fx.submit({
      outputs: fx.outputs('o'),
      behaviour: { spawn: { tasks: [{ outputs: ['$output'], options: { partitionId: 'gpu' } }] } },
    });
    fx.engine.runUntilIdle();
    const t = fx.engine.task(parent.id)!;
    assert.equal(t.status, 'ERROR');
    assert.match(t.outputError, /RpcException.*but TaskRequest is assigned to partition gpu/);
  });

  it('writes the behaviour output text to produced outputs', () => {
    const fx = makeFixture();
    const [out] = fx.outputs('out');
    fx.submit({ outputs: [out!], behaviour: { output: 'héllo' } });
    fx.engine.runUntilIdle();
    assert.equal(new TextDecoder().decode(fx.engine.resultData(out!)), 'héllo');
    assert.equal(fx.engine.result(out!)!.size, 6);
  });
});
