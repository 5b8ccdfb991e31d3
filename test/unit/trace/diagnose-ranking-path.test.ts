// Ranking of blockers, the blocker list cut, critical path and ETA on hand-built cones.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DiagnosisContext } from '../../../src/trace/analysis/context';
import { diagnose } from '../../../src/trace/diagnose';
import type { TraceNode } from '../../../src/trace/types';
import { NOW, SESSION, completedResult, cone, ran, result, task } from './support/hand-built';

const ctx = (extra: Partial<DiagnosisContext> = {}): DiagnosisContext => ({ now: NOW, session: { sessionId: SESSION, status: 'RUNNING' }, ...extra });

describe('diagnose: ranking', () => {
  it('ranks by impact, then by age', () => {
    // r <- top (PENDING) needs m1, m2; m1 <- mid (PENDING) needs l1; l1 <- leaf (queued long);
    // m2 <- other (queued recently). leaf holds up mid and top (3 tasks); other holds up top (2).
    const d = diagnose(
      cone('r', [
        result('r', { ownerTaskId: 'top' }),
        task('top', { status: 'PENDING', dataDependencies: ['m1', 'm2'], expectedOutputIds: ['r'] }),
        result('m1', { ownerTaskId: 'mid' }),
        task('mid', { status: 'PENDING', dataDependencies: ['l1'], expectedOutputIds: ['m1'] }),
        result('l1', { ownerTaskId: 'leaf' }),
        task('leaf', { status: 'SUBMITTED', expectedOutputIds: ['l1'], submittedAt: NOW - 5000 }),
        result('m2', { ownerTaskId: 'other' }),
        task('other', { status: 'SUBMITTED', expectedOutputIds: ['m2'], submittedAt: NOW - 9000 }),
        result('m3', { ownerTaskId: 'sib' }),
      ]),
      ctx(),
    );
    assert.deepEqual(
      d.blockers.map((b) => [b.id, b.impact]),
      [
        ['leaf', 3],
        ['mid', 2],
        ['other', 2],
        ['top', 1],
      ],
    );
    // Same impact: the older one first.
    const same = diagnose(
      cone('r', [
        result('r', { ownerTaskId: 'top' }),
        task('top', { status: 'PENDING', dataDependencies: ['a', 'b'], expectedOutputIds: ['r'] }),
        result('a', { ownerTaskId: 'ta' }),
        task('ta', { status: 'SUBMITTED', expectedOutputIds: ['a'], submittedAt: NOW - 1000 }),
        result('b', { ownerTaskId: 'tb' }),
        task('tb', { status: 'SUBMITTED', expectedOutputIds: ['b'], submittedAt: NOW - 8000 }),
      ]),
      ctx(),
    );
    assert.deepEqual(same.blockers.map((b) => b.id), ['tb', 'ta', 'top']);
  });

  it('puts what needs intervention before work under way, whatever their impact', () => {
    // r <- agg needs a, b; a <- mid needs c; c <- runner (running: impact 3);
    // b <- stuck, queued on a partition configured with no worker at all (impact 2).
    const d = diagnose(
      cone('r', [
        result('r', { ownerTaskId: 'agg' }),
        task('agg', { status: 'PENDING', dataDependencies: ['a', 'b'], expectedOutputIds: ['r'] }),
        result('a', { ownerTaskId: 'mid' }),
        task('mid', { status: 'PENDING', dataDependencies: ['c'], expectedOutputIds: ['a'] }),
        result('c', { ownerTaskId: 'runner' }),
        task('runner', { status: 'PROCESSING', expectedOutputIds: ['c'], startedAt: NOW - 1000 }),
        result('b', { ownerTaskId: 'stuck' }),
        task('stuck', { status: 'SUBMITTED', partitionId: 'gpu', expectedOutputIds: ['b'], submittedAt: NOW - 2000 }),
      ]),
      ctx({ partitions: new Map([['gpu', { id: 'gpu', podMax: 0, podReserved: 0 }]]) }),
    );
    assert.equal(d.verdict, 'blocked');
    assert.deepEqual(
      d.blockers.map((b) => [b.id, b.reason, b.impact]),
      [
        ['stuck', 'queued', 2],
        ['runner', 'running', 3],
        ['mid', 'waiting-dependencies', 2],
        ['agg', 'waiting-dependencies', 1],
      ],
    );
  });

  it('counts shared downstream work once (diamond)', () => {
    // r <- join needs x, y; x <- left needs s; y <- right needs s; s <- source (running).
    const d = diagnose(
      cone('r', [
        result('r', { ownerTaskId: 'join' }),
        task('join', { status: 'PENDING', dataDependencies: ['x', 'y'], expectedOutputIds: ['r'] }),
        result('x', { ownerTaskId: 'left' }),
        task('left', { status: 'PENDING', dataDependencies: ['s'], expectedOutputIds: ['x'] }),
        result('y', { ownerTaskId: 'right' }),
        task('right', { status: 'PENDING', dataDependencies: ['s'], expectedOutputIds: ['y'] }),
        result('s', { ownerTaskId: 'source' }),
        task('source', { status: 'PROCESSING', expectedOutputIds: ['s'], startedAt: NOW - 1000 }),
      ]),
      ctx(),
    );
    assert.equal(d.blockers[0]!.id, 'source');
    assert.equal(d.blockers[0]!.impact, 4);
    assert.equal(d.impactApproximate, undefined);
  });

  it('cuts the list to maxBlockers but counts every blocker by reason', () => {
    const nodes: TraceNode[] = [result('r', { ownerTaskId: 'agg' })];
    const inputs: string[] = [];
    for (let i = 0; i < 30; i++) {
      inputs.push(`i${i}`);
      nodes.push(result(`i${i}`, { ownerTaskId: `w${i}` }), task(`w${i}`, { status: 'SUBMITTED', expectedOutputIds: [`i${i}`], submittedAt: NOW - i * 1000 }));
    }
    nodes.push(task('agg', { status: 'PENDING', dataDependencies: inputs, expectedOutputIds: ['r'] }));
    const d = diagnose(cone('r', nodes), ctx({ maxBlockers: 5 }));
    assert.equal(d.blockers.length, 5);
    assert.equal(d.blockersTotal, 31);
    assert.deepEqual(d.blockerCounts, { queued: 30, 'waiting-dependencies': 1 });
    assert.equal(d.blockers[0]!.id, 'w29');
  });

  it('lists several root causes, most impactful first, each with its chain', () => {
    const d = diagnose(
      cone('r', [
        result('r', { ownerTaskId: 'agg' }),
        task('agg', { status: 'PENDING', dataDependencies: ['a', 'b'], expectedOutputIds: ['r'] }),
        result('a', { status: 'ABORTED', ownerTaskId: 'fa' }),
        task('fa', { status: 'ERROR', expectedOutputIds: ['a'], error: 'first', ...ran(10, 9) }),
        result('b', { ownerTaskId: 'mid' }),
        task('mid', { status: 'PENDING', dataDependencies: ['c'], expectedOutputIds: ['b'] }),
        result('c', { status: 'ABORTED', ownerTaskId: 'fb' }),
        task('fb', { status: 'ERROR', expectedOutputIds: ['c'], error: 'second', ...ran(10, 8) }),
      ]),
      ctx(),
    );
    assert.equal(d.verdict, 'failed');
    assert.deepEqual(d.rootCauses.map((r) => r.id), ['fb', 'fa']);
    assert.deepEqual(d.chains, [
      ['r', 'agg', 'b', 'mid', 'c', 'fb'],
      ['r', 'agg', 'a', 'fa'],
    ]);
    assert.match(d.headline, /and 1 other root cause/);
  });
});

describe('diagnose: critical path and ETA', () => {
  const finished = (): TraceNode[] => [
    completedResult('r', 't2', 1),
    task('t2', { dataDependencies: ['r1', 'r3'], expectedOutputIds: ['r'], ...ran(20, 15) }),
    completedResult('r1', 't1', 21),
    task('t1', { expectedOutputIds: ['r1'], ...ran(40, 21) }),
    completedResult('r3', 't3', 30),
    task('t3', { expectedOutputIds: ['r3'], ...ran(32, 30) }),
  ];

  it('follows the longest observed chain, in execution order, ending at the target', () => {
    const d = diagnose(cone('r', finished()), ctx());
    assert.deepEqual(
      d.criticalPath.map((s) => [s.id, s.durationMs, s.estimated]),
      [
        ['t1', 19_000, false],
        ['r1', 0, false],
        ['t2', 5_000, false],
        ['r', 0, false],
      ],
    );
    assert.equal(d.eta.remainingMs, 0);
    assert.equal(d.eta.at, NOW - 1000);
  });

  it('includes the parent that delegated the output (a subtask starts after its parent)', () => {
    const d = diagnose(
      cone(
        'r',
        [
          completedResult('r', 'child', 1),
          task('child', { createdBy: 'parent', expectedOutputIds: ['r'], ...ran(10, 2) }),
          task('parent', { expectedOutputIds: ['r'], ...ran(30, 11) }),
        ],
        { parent: 'context' },
      ),
      ctx(),
    );
    assert.deepEqual(d.criticalPath.map((s) => s.id), ['parent', 'child', 'r']);
  });

  it('estimates unfinished tasks from the median of completed ones of their partition', () => {
    // Completed in `cpu`: 4s, 6s, 8s (median 6s). Running `agg` started 2s ago: ~4s left;
    // `w3` queued: 6s, then agg. Critical path remaining: w3 (6s) + agg (6s) = 12s.
    const d = diagnose(
      cone('r', [
        result('r', { ownerTaskId: 'agg' }),
        task('agg', { status: 'PENDING', partitionId: 'cpu', dataDependencies: ['i1', 'i2', 'i3', 'i4'], expectedOutputIds: ['r'] }),
        completedResult('i1', 'w1'),
        task('w1', { partitionId: 'cpu', expectedOutputIds: ['i1'], ...ran(20, 16) }),
        completedResult('i2', 'w2'),
        task('w2', { partitionId: 'cpu', expectedOutputIds: ['i2'], ...ran(20, 14) }),
        completedResult('i4', 'w4'),
        task('w4', { partitionId: 'cpu', expectedOutputIds: ['i4'], ...ran(20, 12) }),
        result('i3', { ownerTaskId: 'w3' }),
        task('w3', { status: 'SUBMITTED', partitionId: 'cpu', expectedOutputIds: ['i3'], submittedAt: NOW - 500 }),
      ]),
      ctx({ partitions: new Map([['cpu', { id: 'cpu', podMax: 10, podReserved: 1 }]]) }),
    );
    assert.equal(d.verdict, 'in-progress');
    assert.equal(d.eta.remainingMs, 12_000);
    assert.equal(d.eta.at, NOW + 12_000);
    assert.ok(d.eta.assumptions.some((a) => /median of 3 completed tasks \(6\.0s\)/.test(a)), d.eta.assumptions.join(' | '));
    const last = d.criticalPath.slice(-4);
    assert.deepEqual(last.map((s) => [s.id, s.estimated]), [['w3', true], ['i3', false], ['agg', true], ['r', false]]);
  });

  it('bounds the ETA by the workers available when many tasks share few of them', () => {
    const nodes: TraceNode[] = [result('r', { ownerTaskId: 'agg' })];
    const inputs: string[] = [];
    nodes.push(completedResult('done', 'd'), task('d', { partitionId: 'cpu', expectedOutputIds: ['done'], ...ran(30, 20) }));
    for (let i = 0; i < 8; i++) {
      inputs.push(`i${i}`);
      nodes.push(result(`i${i}`, { ownerTaskId: `w${i}` }), task(`w${i}`, { status: 'SUBMITTED', partitionId: 'cpu', expectedOutputIds: [`i${i}`], submittedAt: NOW - 100 }));
    }
    nodes.push(task('agg', { status: 'PENDING', partitionId: 'cpu', dataDependencies: inputs, expectedOutputIds: ['r'] }));
    // 9 unfinished tasks × 10s on 2 workers = 45s, longer than the 20s critical path.
    const d = diagnose(cone('r', nodes), ctx({ partitions: new Map([['cpu', { id: 'cpu', podMax: 2, podReserved: 0 }]]) }));
    assert.equal(d.eta.remainingMs, 45_000);
    assert.ok(d.eta.assumptions.some((a) => /9 unfinished tasks share at most 2 workers/.test(a)));
  });

  it('has no ETA while blocked or failed, or before any task completed', () => {
    const blocked = diagnose(cone('r', [result('r', { ownerTaskId: 't' }), task('t', { status: 'PAUSED', expectedOutputIds: ['r'] })]), ctx());
    assert.equal(blocked.eta.remainingMs, undefined);
    const nothingYet = diagnose(cone('r', [result('r', { ownerTaskId: 't' }), task('t', { status: 'SUBMITTED', expectedOutputIds: ['r'], submittedAt: NOW - 10 })]), ctx());
    assert.equal(nothingYet.verdict, 'in-progress');
    assert.equal(nothingYet.eta.remainingMs, undefined);
    assert.match(nothingYet.eta.assumptions[0]!, /cannot be estimated/);
  });

  it('reports cone size, depth in task levels and progress', () => {
    const d = diagnose(cone('r', finished()), ctx());
    assert.deepEqual(d.cone, { tasks: 3, results: 3, depth: 2 });
    assert.deepEqual(d.progress, { done: 3, total: 3 });
  });
});
