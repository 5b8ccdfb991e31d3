// Trace Result, Go to Next Blocking Task, Show Root Cause, Watch Result.

import * as vscode from 'vscode';
import { isArmoniKError } from '../../armonik/errors';
import { parsePastedId } from '../../shared/armonik-ids';
import { abbreviatedId } from '../../shared/node-label';
import type { Blocker, LiveTrace } from '../../trace/types';
import { openTaskDetails } from '../details/task-details-provider';
import type { Services } from '../services';
import { firstLine } from '../tree/format';
import { ResultItemNode, SessionNode, type ArmoniKTreeNode } from '../tree/tree-nodes';
import { registerCommand } from './command-runner';
import { idFromArgument, idFromEditor } from './id-argument';

function sessionOf(node: ArmoniKTreeNode | undefined): SessionNode | undefined {
  let n: ArmoniKTreeNode | undefined = node;
  while (n && !(n instanceof SessionNode)) n = n.parent;
  return n;
}

interface ResultPick extends vscode.QuickPickItem {
  resultId?: string;
  sessionId?: string;
  name?: string;
}

const TYPED_ID = 'typed';

/** The quick pick of "ArmoniK: Trace Result": typed/pasted ID, watched, recent, simulator
 * targets, and the results of the session selected in the tree. */
async function pickResult(s: Services): Promise<ResultPick | undefined> {
  const endpoint = s.connection.snapshot.target?.url ?? '';
  const items: ResultPick[] = [];
  const seen = new Set<string>();
  const add = (section: string, entries: ResultPick[]): void => {
    const fresh = entries.filter((e) => e.resultId && !seen.has(e.resultId));
    if (fresh.length === 0) return;
    items.push({ label: section, kind: vscode.QuickPickItemKind.Separator });
    for (const e of fresh) {
      seen.add(e.resultId!);
      items.push(e);
    }
  };
  const sameEndpoint = (e: { endpoint: string }) => e.endpoint === endpoint;
  add(vscode.l10n.t('Watched'), s.recent.watched().filter(sameEndpoint).map((r) => ({ label: `$(eye) ${r.label}`, description: r.resultId, resultId: r.resultId, sessionId: r.sessionId, name: r.label })));
  add(vscode.l10n.t('Recent'), s.recent.recent().filter(sameEndpoint).map((r) => ({ label: `$(history) ${r.label}`, description: r.resultId, resultId: r.resultId, sessionId: r.sessionId, name: r.label })));
  const sim = s.simulator.running;
  if (sim && sim.endpoint === endpoint) {
    add(vscode.l10n.t('Simulator scenario "{0}"', sim.scenario), sim.targets.map((t) => ({ label: `$(target) ${t.name}`, description: t.resultId, detail: t.description, resultId: t.resultId, sessionId: t.sessionId, name: t.name })));
  }
  const session = sessionOf(s.treeView.selection[0]);
  const client = await s.connection.getClient();
  const label = (r: { name: string; resultId: string }) => (r.name && r.name !== r.resultId ? r.name : abbreviatedId(r.resultId));
  // The results worth tracing are the ones not produced (yet): aborted first, then waiting, newest
  // first, in the session selected in the tree if any.
  try {
    const sessionWhere = session ? { sessionId: session.session.sessionId } : {};
    const [aborted, waiting] = await Promise.all(
      (['ABORTED', 'CREATED'] as const).map((status) =>
        client.results.list({ where: { ...sessionWhere, status }, sort: { field: 'createdAt', direction: 'desc' }, pageSize: 25 }),
      ),
    );
    add(
      session
        ? vscode.l10n.t('Not produced yet in session {0}', abbreviatedId(session.session.sessionId))
        : vscode.l10n.t('Not produced yet (newest first)'),
      [...aborted!.items, ...waiting!.items].map((r) => ({
        label: `${r.status === 'ABORTED' ? '$(error)' : '$(circle-large-outline)'} ${label(r)}`,
        description: `${r.status} · ${r.resultId}`,
        resultId: r.resultId,
        sessionId: r.sessionId,
        name: r.name,
      })),
    );
  } catch (error) {
    s.log.warn(`[trace] results not produced yet: ${error instanceof Error ? error.message : String(error)}`);
  }

  const qp = vscode.window.createQuickPick<ResultPick>();
  qp.placeholder = vscode.l10n.t('Paste a result ID, or pick a watched, recent or suggested result');
  qp.matchOnDescription = true;
  qp.matchOnDetail = true;
  qp.items = items;
  const typedItem = (value: string): ResultPick | undefined => {
    const id = parsePastedId(value);
    return id ? { label: `$(search) ${vscode.l10n.t('Trace result {0}', id)}`, resultId: id, description: TYPED_ID, alwaysShow: true } : undefined;
  };
  qp.onDidChangeValue((value) => {
    const typed = typedItem(value);
    qp.items = typed ? [typed, ...items.filter((i) => i.resultId !== typed.resultId)] : items;
  });
  return new Promise<ResultPick | undefined>((resolve) => {
    let done = false;
    qp.onDidAccept(() => {
      const chosen = qp.selectedItems[0] ?? typedItem(qp.value);
      if (!chosen && qp.value.trim()) {
        qp.title = vscode.l10n.t('Not an ArmoniK ID: expected a GUID like 3f2a9c1e-7b4d-4e8a-9f10-2c3d4e5f6a7b');
        return;
      }
      done = true;
      resolve(chosen);
      qp.hide();
    });
    qp.onDidHide(() => {
      if (!done) resolve(undefined);
      qp.dispose();
    });
    qp.show();
  });
}

/** Turns whatever ID was given into a result to trace, explaining what else it could be. */
async function resultToTrace(s: Services, given: string): Promise<{ resultId: string; sessionId?: string; name?: string } | undefined> {
  // A string argument comes from links, hovers and other extensions as well as from the editor:
  // say it is not an ID rather than ask the control plane about it and answer "not found".
  const id = parsePastedId(given);
  if (!id) {
    const shown = given.length > 80 ? `${given.slice(0, 79)}…` : given;
    void s.notify.error(vscode.l10n.t('ArmoniK: "{0}" is not an ArmoniK ID: expected a GUID like 3f2a9c1e-7b4d-4e8a-9f10-2c3d4e5f6a7b.', shown));
    return undefined;
  }
  const resolved = await s.resolver.resolve(id);
  switch (resolved.kind) {
    case 'result':
      return { resultId: resolved.id, sessionId: resolved.result.sessionId, name: resolved.result.name };
    case 'task': {
      const outputs = resolved.task.expectedOutputIds;
      if (outputs.length === 0) {
        void s.notify.info(vscode.l10n.t('{0} is a task with no outputs to trace.', id));
        return undefined;
      }
      const chosen =
        outputs.length === 1
          ? outputs[0]
          : (await vscode.window.showQuickPick(outputs, { placeHolder: vscode.l10n.t('{0} is a task: trace which of its outputs?', abbreviatedId(id)) }));
      return chosen ? { resultId: chosen, sessionId: resolved.task.sessionId } : undefined;
    }
    case 'session':
      void s.notify.info(vscode.l10n.t('{0} is a session: pick one of its results in the ArmoniK view (Results group).', id));
      return undefined;
    case 'unknown':
      void s.notify.error(vscode.l10n.t('ArmoniK: result {0} not found on {1}.', id, s.connection.snapshot.target?.url ?? 'the control plane'));
      return undefined;
  }
}

export async function traceResult(s: Services, arg: unknown): Promise<LiveTrace | undefined> {
  const client = await s.connection.getClient();
  const endpoint = client.endpoint;
  let wanted: { resultId: string; sessionId?: string; name?: string } | undefined;
  if (arg instanceof ResultItemNode) {
    wanted = { resultId: arg.data.resultId, sessionId: arg.data.sessionId, name: arg.data.name };
  } else {
    const given = idFromArgument(arg);
    if (given) {
      wanted = await resultToTrace(s, given.id);
    } else {
      const picked = await pickResult(s);
      if (!picked?.resultId) return undefined;
      wanted =
        picked.description === TYPED_ID ? await resultToTrace(s, picked.resultId) : { resultId: picked.resultId, sessionId: picked.sessionId, name: picked.name };
    }
  }
  if (!wanted) return undefined;
  const target = wanted;
  const trace = await s.progress(vscode.l10n.t('Tracing result {0}', abbreviatedId(target.resultId)), async (report, token) => {
    const controller = new AbortController();
    const sub = token.onCancellationRequested(() => controller.abort());
    // Cancelled before it started: a listener added now would only be called later.
    if (token.isCancellationRequested) controller.abort();
    try {
      return await s.traces.open({
        resultId: target.resultId,
        sessionId: target.sessionId,
        endpoint,
        fresh: true,
        signal: controller.signal,
        onProgress: (p) => report(vscode.l10n.t('{0}: {1} tasks, {2} results', p.phase, p.tasks.toLocaleString('en-US'), p.results.toLocaleString('en-US'))),
      });
    } catch (error) {
      // Cancelled by the user: nothing to show but the log line (the registry closed a trace
      // that finished anyway).
      if (token.isCancellationRequested) {
        s.log.info(`[trace] ${target.resultId}: cancelled`);
        return undefined;
      }
      if (isArmoniKError(error, 'not-found')) {
        void s.notify.error(`ArmoniK: ${error.message}`);
        return undefined;
      }
      throw error;
    } finally {
      sub.dispose();
    }
  });
  if (!trace) return undefined;
  const diagnosis = trace.diagnosis();
  await s.recent.remember({
    resultId: trace.resultId,
    sessionId: trace.sessionId,
    label: diagnosis.target.name && diagnosis.target.name !== trace.resultId ? diagnosis.target.name : (target.name ?? abbreviatedId(trace.resultId)),
    endpoint,
    at: Date.now(),
  });
  s.graph().show(trace, { endpoint });
  s.log.info(`[trace] ${trace.resultId}: ${diagnosis.verdict} — ${diagnosis.headline}`);
  return trace;
}

function activeTrace(s: Services): LiveTrace | undefined {
  const trace = s.traces.active(s.graph().activeResultId);
  if (!trace) {
    const traceCmd = vscode.l10n.t('Trace Result…');
    void s.notify.info(vscode.l10n.t('No result is being traced. Trace one first.'), traceCmd).then((c) => {
      if (c === traceCmd) void vscode.commands.executeCommand('armonik.traceResult');
    });
  }
  return trace;
}

/** Opens what a blocker is about: its task, or for a result the task that owns it. */
async function openBlocker(s: Services, trace: LiveTrace, blocker: Pick<Blocker, 'id' | 'kind' | 'explanation' | 'nextStep'>, position: string): Promise<string | undefined> {
  s.graph().focusNode(trace.resultId, blocker.id);
  let taskId: string | undefined;
  if (blocker.kind === 'task') taskId = blocker.id;
  else {
    const node = trace.node(blocker.id);
    if (node?.kind === 'result' && node.ownerTaskId && node.ownerTaskId !== node.sessionId) taskId = node.ownerTaskId;
  }
  const target = trace.diagnosis().target;
  const why = { explanation: `${position}: ${blocker.explanation}`, nextStep: blocker.nextStep, target: target.name && target.name !== target.id ? `${target.name} (${target.id})` : target.id };
  if (taskId) {
    await openTaskDetails(s.details, taskId, { why, revealError: true });
  } else {
    void s.notify.info(`${position}: ${blocker.explanation} ${blocker.nextStep}`);
  }
  return blocker.id;
}

export function registerTraceCommands(s: Services): void {
  const cursors = new Map<string, { blocker: number; root: number }>();
  const cursor = (resultId: string) => {
    let c = cursors.get(resultId);
    if (!c) cursors.set(resultId, (c = { blocker: 0, root: 0 }));
    return c;
  };

  registerCommand(s, 'armonik.traceResult', (arg) => traceResult(s, arg ?? idFromEditor()?.id));

  registerCommand(s, 'armonik.nextBlocker', async () => {
    const trace = activeTrace(s);
    if (!trace) return undefined;
    const d = trace.diagnosis();
    if (d.blockers.length === 0) {
      void s.notify.info(vscode.l10n.t('Nothing blocks {0}: {1}', abbreviatedId(trace.resultId), d.headline));
      return undefined;
    }
    const c = cursor(trace.resultId);
    const index = c.blocker % d.blockers.length;
    c.blocker = index + 1;
    return openBlocker(s, trace, d.blockers[index]!, vscode.l10n.t('Blocker {0} of {1}', index + 1, d.blockers.length));
  });

  registerCommand(s, 'armonik.showRootCause', async () => {
    const trace = activeTrace(s);
    if (!trace) return undefined;
    const d = trace.diagnosis();
    if (d.rootCauses.length === 0) {
      void s.notify.info(vscode.l10n.t('No root cause for {0}: {1}', abbreviatedId(trace.resultId), d.headline));
      return undefined;
    }
    const c = cursor(trace.resultId);
    const index = c.root % d.rootCauses.length;
    c.root = index + 1;
    const root = d.rootCauses[index]!;
    const blocker = d.blockers.find((b) => b.id === root.id);
    const chain = d.chains[index];
    const explanation =
      blocker?.explanation ??
      `${root.kind} ${root.id} is ${root.status}${root.error ? `: ${firstLine(root.error)}` : ''}${chain ? ` (${chain.length - 1} steps below the target)` : ''}`;
    return openBlocker(s, trace, { id: root.id, kind: root.kind, explanation, nextStep: blocker?.nextStep ?? '' }, vscode.l10n.t('Root cause {0} of {1}', index + 1, d.rootCauses.length));
  });

  registerCommand(s, 'armonik.watchResult', async (arg) => {
    const given = arg instanceof ResultItemNode ? { id: arg.data.resultId } : idFromArgument(arg);
    const id = given?.id ?? (await pickResult(s))?.resultId;
    if (!id) return undefined;
    const resolved = await s.resolver.resolve(id);
    if (resolved.kind !== 'result') {
      void s.notify.error(vscode.l10n.t('ArmoniK: {0} is not a result.', id));
      return undefined;
    }
    const watched = await s.recent.toggleWatch({
      resultId: id,
      sessionId: resolved.result.sessionId,
      label: resolved.result.name && resolved.result.name !== id ? resolved.result.name : abbreviatedId(id),
      endpoint: s.connection.snapshot.target?.url ?? '',
      at: Date.now(),
    });
    vscode.window.setStatusBarMessage(watched ? vscode.l10n.t('$(eye) Watching {0}', abbreviatedId(id)) : vscode.l10n.t('$(eye-closed) No longer watching {0}', abbreviatedId(id)), 3000);
    return watched;
  });
}
