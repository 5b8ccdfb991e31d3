import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { aggregate } from '../../../src/trace/view/aggregate';
import { createSyntheticTrace } from '../../support/synthetic-trace';
import { fanIn, HandBuiltSource, result, task } from './hand-built-source';

const big = createSyntheticTrace({ tasks: 10_000, scenario: 'failed' });

function allRepresented(source: { nodes(): Iterable<{ id: string }> }, repOf: { get(id: string): string | undefined }) {
  for (const node of source.nodes()) assert.ok(repOf.get(node.id), `node ${node.id} is shown by no view node`);
}

describe('aggregation', () => {
  it('folds siblings with the same role and status into one group with its count', () => {
    const source = fanIn(['COMPLETED', 'COMPLETED', 'COMPLETED', 'COMPLETED', 'COMPLETED', 'COMPLETED', 'PROCESSING', 'PROCESSING']);
    const view = aggregate(source);
    const groups = view.nodes.filter((n) => n.kind === 'group');
    const inputs = groups.find((g) => g.memberKind === 'result');
    assert.ok(inputs, 'the six completed inputs form a group');
    assert.equal(inputs.count, 6);
    assert.equal(inputs.status, 'COMPLETED');
    assert.match(inputs.label, /^6 results COMPLETED\ninputs of task T/);
    const producers = groups.find((g) => g.memberKind === 'task');
    assert.equal(producers?.count, 6, 'their producers fold under the group in turn');
    // Fewer than four siblings stay individual.
    for (const id of ['r6', 'r7', 'w6', 'w7']) assert.equal(view.repOf.get(id), id);
    assert.equal(view.nodes.length, 2 + 2 + 4, 'R, T, two groups and four individuals');
    const edge = view.edges.find((e) => e.source === 'T' && e.target === inputs.id);
    assert.equal(edge?.count, 6, 'the edge to a group counts the trace edges behind it');
  });

  it('shows every trace node through exactly one view node, and group counts add up', () => {
    const view = aggregate(big);
    allRepresented(big, view.repOf);
    // Each trace node is an individual view node, a group member, or folded away (a completed
    // payload inside its task, or a descendant folded into a deep group).
    let individual = 0;
    let members = 0;
    let folded = 0;
    let all = 0;
    for (const node of big.nodes()) {
      all++;
      const rep = view.repOf.get(node.id)!;
      if (rep === node.id) individual++;
      else if (view.groups.get(rep)?.members.includes(node.id)) members++;
      else folded++;
    }
    assert.equal(individual + members + folded, all);
    assert.equal(individual, view.nodes.filter((n) => n.kind !== 'group').length);
    assert.equal(members, view.nodes.reduce((sum, n) => sum + (n.count ?? 0), 0));
    const deep = view.nodes.reduce((sum, n) => sum + (n.folded ?? 0), 0);
    assert.ok(deep > 0 && deep <= folded, 'big groups fold what lies below them');
    for (const group of view.groups.values()) {
      const node = view.nodes.find((n) => n.id === group.id)!;
      assert.equal(node.count, group.members.length);
      for (const member of group.members) assert.equal(view.repOf.get(member), group.id);
    }
  });

  it('keeps a 10,000-task cone to a few hundred view nodes', () => {
    const view = aggregate(big);
    assert.ok(view.nodes.length < 600, `${view.nodes.length} view nodes`);
    assert.ok(view.nodes.length > 20);
    assert.ok(view.totals.nodes > 25_000);
  });

  it('never folds the target, root causes, chains, the critical path or the top blockers', () => {
    const view = aggregate(big);
    const d = big.diagnosis();
    assert.ok(d.rootCauses.length > 0 && d.chains.length > 0 && d.criticalPath.length > 0);
    const mustShow = [d.target.id, ...d.rootCauses.map((c) => c.id), ...d.chains.flat(), ...d.criticalPath.map((s) => s.id), ...d.blockers.slice(0, 10).map((b) => b.id)];
    for (const id of mustShow) assert.equal(view.repOf.get(id), id, `${id} must stay individual`);
    const root = view.nodes.find((n) => n.id === d.rootCauses[0]!.id)!;
    assert.equal(root.marks.rootCause, true);
    assert.equal(root.marks.chain, true);
    assert.equal(view.nodes.find((n) => n.id === d.target.id)!.marks.target, true);
    const chain = d.chains[0]!;
    for (let i = 1; i < chain.length; i++) {
      const linked = view.edges.some((e) => e.chain && ((e.source === chain[i - 1] && e.target === chain[i]) || (e.source === chain[i] && e.target === chain[i - 1])));
      assert.ok(linked, `chain step ${i} is drawn as a chain edge`);
    }
  });

  it('counts blockers folded inside groups', () => {
    const view = aggregate(big);
    const folded = view.nodes.filter((n) => n.kind === 'group').reduce((sum, n) => sum + (n.blockerCount ?? 0), 0);
    const shown = big.diagnosis().blockers.filter((b) => view.repOf.get(b.id) === b.id).length;
    assert.equal(folded + shown, big.diagnosis().blockers.length);
  });

  it('expands a group page by page and collapses it back', () => {
    const source = fanIn(Array.from({ length: 120 }, () => 'COMPLETED' as const));
    const first = aggregate(source);
    const group = first.nodes.find((n) => n.kind === 'group' && n.memberKind === 'result')!;
    assert.equal(group.count, 120);
    const expanded = aggregate(source, { expanded: { [group.id]: 50 } });
    const shown = expanded.nodes.filter((n) => n.fromGroup === group.id);
    assert.equal(shown.length, 50);
    const rest = expanded.nodes.find((n) => n.id === group.id)!;
    assert.equal(rest.count, 70, 'the same group keeps the members not shown yet');
    assert.equal(rest.remainder, true);
    assert.match(rest.label, /^70 more results/);
    const more = aggregate(source, { expanded: { [group.id]: 100 } });
    assert.equal(more.nodes.filter((n) => n.fromGroup === group.id).length, 100);
    // The same members stay visible from one page to the next.
    for (const n of shown) assert.equal(more.repOf.get(n.id), n.id);
    const all = aggregate(source, { expanded: { [group.id]: 118 } });
    assert.equal(all.nodes.filter((n) => n.fromGroup === group.id).length, 120, 'a tiny remainder is shown rather than grouped');
    assert.equal(all.groups.has(group.id), false);
  });

  it('focus keeps only the paths from the target to the focused node', () => {
    const rootCause = big.rootCauseId!;
    const view = aggregate(big, { focusNodeId: rootCause });
    // The chain is the data-flow path from the target to the root cause.
    const ancestors = new Set(big.diagnosis().chains[0]);
    for (const id of ancestors) assert.equal(view.repOf.get(id), id);
    for (const n of view.nodes) {
      const members = n.kind === 'group' ? view.groups.get(n.id)!.members : [n.id];
      for (const m of members) assert.ok(ancestors.has(m), `${m} is not on a path to the focused node`);
    }
    assert.ok(view.nodes.length < 40, `focused view has ${view.nodes.length} nodes`);
    assert.equal(view.repOf.get(rootCause), rootCause);
  });

  it('ignores a focus on a node outside the cone instead of showing nothing', () => {
    const view = aggregate(fanIn(['COMPLETED']), { focusNodeId: 'nope' });
    assert.equal(view.focusIgnored, true);
    assert.equal(view.nodes.length, 4);
  });

  it('reveals a folded node with its path to the target', () => {
    const source = fanIn(Array.from({ length: 10 }, () => 'COMPLETED' as const));
    assert.notEqual(aggregate(source).repOf.get('w7'), 'w7');
    const view = aggregate(source, { revealed: ['w7'] });
    assert.equal(view.repOf.get('w7'), 'w7');
    assert.equal(view.repOf.get('r7'), 'r7', 'its parent is shown too, so it connects');
    assert.equal(view.nodes.find((n) => n.kind === 'group' && n.memberKind === 'result')?.count, 9);
  });

  it('moves a node to the group of its new status', () => {
    const statuses = Array.from({ length: 10 }, (_, i) => (i < 5 ? 'COMPLETED' : 'PROCESSING') as 'COMPLETED' | 'PROCESSING');
    const source = fanIn(statuses);
    const before = aggregate(source);
    const processing = before.nodes.find((n) => n.kind === 'group' && n.status === 'PROCESSING')!;
    assert.equal(processing.count, 5);
    (source.node('w5') as { status: string }).status = 'COMPLETED';
    (source.node('r5') as { status: string }).status = 'COMPLETED';
    const after = aggregate(source);
    assert.equal(after.nodes.find((n) => n.id === processing.id)?.count, 4);
    assert.equal(after.nodes.find((n) => n.kind === 'group' && n.memberKind === 'task' && n.status === 'COMPLETED')?.count, 6);
  });

  it('folds completed payloads into their task but shows payloads still missing', () => {
    const source = new HandBuiltSource(
      'R',
      [result('R', 'CREATED'), task('T', 'PENDING'), result('p', 'COMPLETED'), task('U', 'PENDING'), result('q', 'CREATED'), result('i', 'CREATED')],
      [['output', 'R', 'T'], ['payload', 'T', 'p'], ['input', 'T', 'i'], ['output', 'i', 'U'], ['payload', 'U', 'q']],
    );
    const view = aggregate(source);
    assert.equal(view.repOf.get('p'), 'T');
    assert.equal(view.repOf.get('q'), 'q');
    assert.equal(view.nodes.some((n) => n.id === 'p'), false);
    assert.ok(view.edges.some((e) => e.kind === 'payload' && e.source === 'U' && e.target === 'q'));
  });

  it('survives cycles and nodes not reachable from the target', () => {
    const source = new HandBuiltSource(
      'R',
      [result('R', 'CREATED'), task('A', 'PENDING'), task('B', 'PENDING'), task('lonely', 'ERROR')],
      [['output', 'R', 'A'], ['subtask-of', 'A', 'B'], ['delegated-to', 'B', 'A']],
    );
    const view = aggregate(source);
    assert.deepEqual(view.nodes.map((n) => n.id).sort(), ['A', 'B', 'R', 'lonely']);
  });
});
