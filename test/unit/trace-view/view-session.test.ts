import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TraceViewSession } from '../../../src/trace/view/view-session';
import { createSyntheticTrace } from '../../support/synthetic-trace';

describe('view session', () => {
  it('turns live trace changes into a diff that never moves existing nodes', () => {
    const trace = createSyntheticTrace({ tasks: 300, scenario: 'running', seed: 3 });
    const session = new TraceViewSession(trace);
    const before = session.snapshot();
    const positions = new Map(before.nodes.map((n) => [n.id, { x: n.x, y: n.y }]));
    trace.step({ complete: 5, spawn: 2 });
    const diff = session.update();
    assert.ok(diff.addedNodes.length > 0, 'spawned subtasks appear');
    assert.ok(diff.updatedNodes.length > 0, 'finished tasks change status');
    const after = session.graph!;
    for (const node of after.nodes) {
      const old = positions.get(node.id);
      if (old) assert.deepEqual({ x: node.x, y: node.y }, old, `${node.id} moved`);
    }
    const kept = new Set(after.nodes.map((n) => n.id));
    for (const id of diff.removedNodeIds) assert.equal(kept.has(id), false);
    for (const n of diff.addedNodes) assert.equal(positions.has(n.id), false);
    assert.equal(diff.header.progress.done, trace.diagnosis().progress.done);
  });

  it('gives an empty diff when nothing changed', () => {
    const session = new TraceViewSession(createSyntheticTrace({ tasks: 100 }));
    session.snapshot();
    const diff = session.update();
    assert.equal(diff.addedNodes.length + diff.updatedNodes.length + diff.removedNodeIds.length + diff.addedEdges.length + diff.removedEdgeIds.length, 0);
  });

  it('expands a group next to where it was and collapses it back', () => {
    const session = new TraceViewSession(createSyntheticTrace({ tasks: 2000 }));
    const graph = session.snapshot();
    const group = graph.nodes.filter((n) => n.kind === 'group').sort((a, b) => b.count! - a.count!)[0]!;
    const expanded = session.expandGroup(group.id, false)!;
    assert.equal(expanded.viewIds.length, Math.min(50, group.count!));
    for (const id of expanded.viewIds) assert.equal(expanded.diff.addedNodes.find((n) => n.id === id)?.fromGroup, group.id);
    assert.deepEqual(session.viewOptions.expanded, { [group.id]: 50 });
    const collapsed = session.collapseGroup(group.id);
    for (const id of expanded.viewIds) assert.ok(collapsed.removedNodeIds.includes(id));
    assert.equal(session.graph!.nodes.find((n) => n.id === group.id)?.count, group.count);
    assert.equal(session.expandGroup('g:unknown', false), undefined);
  });

  it('reveals a folded node found by search', () => {
    const trace = createSyntheticTrace({ tasks: 2000 });
    const session = new TraceViewSession(trace);
    session.snapshot();
    const hidden = [...trace.nodes()].find((n) => n.kind === 'task' && session.viewIdOf(n.id) !== n.id)!;
    const found = session.search(hidden.id.slice(0, 13), 10);
    assert.equal(found.matches[0]?.id, hidden.id);
    assert.notEqual(found.matches[0]?.viewId, hidden.id);
    const { viewId, diff } = session.reveal(hidden.id);
    assert.equal(viewId, hidden.id);
    assert.ok(diff?.addedNodes.some((n) => n.id === hidden.id));
    assert.deepEqual(session.reveal('not-a-node'), { viewId: undefined, diff: undefined });
  });

  it('describes nodes and groups for the side panel, cutting huge errors', () => {
    const huge = 'E'.repeat(1_000_000);
    const trace = createSyntheticTrace({ tasks: 200, errorMessage: huge });
    const session = new TraceViewSession(trace);
    const graph = session.snapshot();
    const details = session.details(trace.rootCauseId!);
    assert.equal(details?.kind, 'node');
    if (details?.kind !== 'node') return;
    assert.equal(details.rootCause, true);
    assert.equal(details.errorLength, huge.length);
    assert.ok(details.error!.length < huge.length && details.error!.length >= 64 * 1024);
    assert.equal(details.node.kind === 'task' && details.node.error, undefined, 'the full error is not sent twice');
    assert.equal(details.blocker?.reason, 'failed');
    assert.ok(details.outputs.length === 1 && details.payload);
    const group = graph.nodes.find((n) => n.kind === 'group')!;
    const groupDetails = session.details(group.id);
    assert.equal(groupDetails?.kind, 'group');
    if (groupDetails?.kind === 'group') assert.equal(groupDetails.count, group.count);
    assert.equal(session.details('missing'), null);
  });

  it('focus shows only the blocking chain and leaving focus shows the cone again', () => {
    const trace = createSyntheticTrace({ tasks: 2000 });
    const session = new TraceViewSession(trace);
    const full = session.snapshot();
    const focused = session.setFocus(trace.rootCauseId!);
    assert.ok(focused.nodes.length < full.nodes.length);
    assert.equal(focused.options.focusNodeId, trace.rootCauseId);
    const again = session.setFocus(null);
    assert.equal(again.nodes.length, full.nodes.length);
  });
});
