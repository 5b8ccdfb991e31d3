// The graph store: edges follow node data whatever the order nodes arrive in, and the changes
// handed to renderers are net.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCascadeError, innermostMessage } from '../../../src/trace/cascade-error';
import { ConeGraph } from '../../../src/trace/cone-graph';
import { result, task } from './support/hand-built';

const edgeIds = (graph: ConeGraph) => [...graph.edges()].map((e) => e.id).sort();

describe('cone graph', () => {
  it('derives edges whichever end arrives first', () => {
    const a = new ConeGraph('r');
    a.upsert(result('r', { ownerTaskId: 't' }));
    a.upsert(task('t', { dataDependencies: ['i'], payloadId: 'p', expectedOutputIds: ['r'] }));
    a.upsert(result('i'));
    a.upsert(result('p'));
    const b = new ConeGraph('r');
    b.upsert(result('p'));
    b.upsert(result('i'));
    b.upsert(task('t', { dataDependencies: ['i'], payloadId: 'p', expectedOutputIds: ['r'] }));
    b.upsert(result('r', { ownerTaskId: 't' }));
    assert.deepEqual(edgeIds(a), ['input:t->i', 'output:r->t', 'payload:t->p']);
    assert.deepEqual(edgeIds(b), edgeIds(a));
  });

  it('moves the output edge when the owner changes, and reports it as one change', () => {
    const graph = new ConeGraph('r');
    graph.upsert(result('r', { ownerTaskId: 'parent' }));
    graph.upsert(task('parent', { status: 'PROCESSING', expectedOutputIds: ['r'] }));
    graph.takeChanges();
    graph.upsert(task('child', { createdBy: 'parent', expectedOutputIds: ['r'] }));
    assert.equal(graph.upsert(result('r', { ownerTaskId: 'child' })), 'updated');
    const changes = graph.takeChanges();
    assert.deepEqual(changes.addedNodes.map((n) => n.id), ['child']);
    assert.deepEqual(changes.updatedNodes.map((n) => n.id), ['r']);
    assert.deepEqual(changes.addedEdges.map((e) => e.id).sort(), ['delegated-to:parent->child', 'output:r->child']);
    assert.deepEqual(changes.removedEdgeIds, ['output:r->parent']);
  });

  it('an edge added and removed within one batch is not reported at all', () => {
    const graph = new ConeGraph('r');
    graph.upsert(task('a'));
    graph.upsert(task('b'));
    graph.takeChanges();
    graph.upsert(result('r', { ownerTaskId: 'a' }));
    graph.upsert(result('r', { ownerTaskId: 'b' }));
    const changes = graph.takeChanges();
    assert.deepEqual(changes.addedEdges.map((e) => e.id), ['output:r->b']);
    assert.deepEqual(changes.removedEdgeIds, []);
  });

  it('unchanged data is not an update; a context task becomes cone when it turns out to produce', () => {
    const graph = new ConeGraph('r');
    graph.upsert(task('p'), 'context');
    assert.equal(graph.upsert(task('p'), 'cone'), 'unchanged');
    assert.equal(graph.roleOf('p'), 'cone');
    assert.equal(graph.upsert(task('p'), 'context'), 'unchanged');
    assert.equal(graph.roleOf('p'), 'cone');
  });

  it('tells subtasks from retries: a retry links to its previous attempt, not as a subtask', () => {
    const graph = new ConeGraph('r');
    graph.upsert(task('t', { status: 'RETRIED', createdBy: 'parent' }));
    graph.upsert(task('parent', { expectedOutputIds: ['z'] }));
    graph.upsert(task('t###1', { retryOfIds: ['t'], createdBy: 't', status: 'SUBMITTED' }));
    assert.deepEqual(edgeIds(graph), ['retry-of:t###1->t', 'subtask-of:t->parent']);
  });
  it('keeps one edge per related pair: a repeated dependency, or bad data relating a pair twice', () => {
    const graph = new ConeGraph('r');
    graph.upsert(result('i'));
    graph.upsert(task('p'));
    graph.upsert(task('t', { dataDependencies: ['i', 'i', 'p'], retryOfIds: ['p'], createdBy: 'p' }));
    // The first relation of a pair stays: `p` as an input, not as the previous attempt.
    assert.deepEqual(graph.outEdges('t').map((e) => e.id), ['input:t->i', 'input:t->p']);
    assert.deepEqual(graph.inEdges('i').map((e) => e.id), ['input:t->i']);
    graph.upsert(task('t', { dataDependencies: ['i', 'i', 'p'], retryOfIds: ['p'], createdBy: 'p', status: 'PROCESSING' }));
    assert.deepEqual(graph.outEdges('t').map((e) => e.id), ['input:t->i', 'input:t->p']);
    assert.equal(graph.edgeCount, 2);
  });

  it('re-derives a task with many inputs edge by edge, and reports only what changed', () => {
    const inputs = Array.from({ length: 40 }, (_, i) => `i${i}`);
    const graph = new ConeGraph('r');
    for (const id of inputs) graph.upsert(result(id));
    graph.upsert(task('t', { dataDependencies: inputs }));
    const before = graph.outEdges('t');
    graph.takeChanges();
    graph.upsert(task('t', { dataDependencies: [...inputs.slice(1), 'i40'] }));
    graph.upsert(result('i40'));
    const changes = graph.takeChanges();
    assert.deepEqual(changes.removedEdgeIds, ['input:t->i0']);
    assert.deepEqual(changes.addedEdges.map((e) => e.id), ['input:t->i40']);
    // Kept edges are the same objects, in their original order.
    assert.deepEqual(graph.outEdges('t'), [...before.slice(1), changes.addedEdges[0]]);
    assert.deepEqual(graph.inEdges('i0'), []);
  });

  it('a graph made without recording reports changes only from its first takeChanges on', () => {
    const graph = new ConeGraph('r', { recordChanges: false });
    graph.upsert(result('r', { ownerTaskId: 't' }));
    graph.upsert(task('t', { expectedOutputIds: ['r'] }));
    assert.deepEqual(graph.takeChanges(), { addedNodes: [], updatedNodes: [], addedEdges: [], removedEdgeIds: [] });
    assert.deepEqual([...graph.edges()].map((e) => e.id), ['output:r->t']);
    graph.upsert(task('t', { expectedOutputIds: ['r'], status: 'ERROR' }));
    assert.deepEqual(graph.takeChanges().updatedNodes.map((n) => n.id), ['t']);
  });

  it('startRecording: the graph as built is the starting point, even with its edges not derived yet', () => {
    const graph = new ConeGraph('r', { recordChanges: false });
    graph.upsert(result('r', { ownerTaskId: 't' }));
    graph.upsert(task('t', { dataDependencies: ['i'], expectedOutputIds: ['r'] }));
    graph.upsert(result('i'));
    graph.startRecording();
    // The first change after it: the edges of the initial build are not part of it.
    graph.upsert(task('t', { dataDependencies: ['i', 'j'], expectedOutputIds: ['r'], status: 'PENDING' }));
    graph.upsert(result('j'));
    const changes = graph.takeChanges();
    assert.deepEqual(changes.addedNodes.map((n) => n.id), ['j']);
    assert.deepEqual(changes.updatedNodes.map((n) => n.id), ['t']);
    assert.deepEqual(changes.addedEdges.map((e) => e.id), ['input:t->j']);
    assert.deepEqual(edgeIds(graph), ['input:t->i', 'input:t->j', 'output:r->t']);
  });

  it('numbers nodes in the order they arrive, and keeps the numbers', () => {
    const graph = new ConeGraph('r');
    graph.upsert(result('r', { ownerTaskId: 't' }));
    graph.upsert(task('t', { expectedOutputIds: ['r'] }));
    graph.upsert(result('r', { ownerTaskId: 't', status: 'COMPLETED' }));
    assert.deepEqual([graph.indexOf('r'), graph.indexOf('t'), graph.indexOf('nope')], [0, 1, -1]);
    assert.equal(graph.nodeAt(0).status, 'COMPLETED');
    assert.equal(graph.nodeCount, 2);
  });
});

describe('cascade error text', () => {
  it('recognises Core cascade reasons, nested or not, and cancellations', () => {
    assert.deepEqual(parseCascadeError('Task abc failed:\nboom'), { kind: 'upstream-failure', upstreamTaskIds: ['abc'], timedOut: false });
    assert.deepEqual(parseCascadeError('Task abc timed-out:\nslow'), { kind: 'upstream-failure', upstreamTaskIds: ['abc'], timedOut: true });
    assert.deepEqual(parseCascadeError('Task a failed:\nTask b failed:\nboom'), {
      kind: 'upstream-failure',
      upstreamTaskIds: ['a', 'b'],
      timedOut: false,
    });
    assert.deepEqual(parseCascadeError('Client requested cancellation of tasks x, y'), { kind: 'cancellation' });
    assert.equal(parseCascadeError('ValueError: Task failed successfully'), undefined);
    assert.equal(parseCascadeError(undefined), undefined);
    assert.equal(innermostMessage('Task a failed:\nTask b failed:\nboom\nat x'), 'boom\nat x');
  });
});
