// The in-host half of `npm run bench -- extension` (bench/extension.ts runs it inside code-server
// through the test entry, with ARMONIK_BENCH=1): activation, the tree's first page of sessions,
// and hover latency at 20 hovers per second, measured through the real VS Code API.

import { join } from 'node:path';
import * as vscode from 'vscode';
import { startSimulatorChild } from '../src/extension/simulator/simulator-child';
import { connectTo, EXTENSION_ID, extensionApi, workspaceRoot } from '../test/vscode/helpers';

export const BENCH_MARK = '[armonik-bench] ';

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const round = (n: number) => Math.round(n * 10) / 10;

export async function runHostBench(): Promise<Record<string, number>> {
  const api = await extensionApi();
  const figures: Record<string, number> = { activateMs: round(api.activationMs) };

  // A control plane in its own process (as in real use): the demo scenario, plus 500 small
  // sessions so that the first page is full.
  const extensionPath = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
  const sim = await startSimulatorChild({
    execPath: process.execPath,
    script: join(extensionPath, 'dist', 'simulator.js'),
    args: ['--scenario', 'demo', '--port', '0', '--speed', '20', '--json'],
    startTimeoutMs: 30_000,
  });
  try {
    await connectTo(api, sim.ready.endpoint);
    const client = await api.services.connection.getClient();
    const options = { options: {}, maxDurationMs: 60_000, maxRetries: 1, priority: 1, partitionId: 'default', applicationName: '', applicationVersion: '', applicationNamespace: '', applicationService: '', engineType: '' };
    for (let i = 0; i < 500; i++) await client.sessions.create({ defaultTaskOptions: options, partitionIds: ['default'] });
    await new Promise((r) => setTimeout(r, 3000));

    const tree: number[] = [];
    for (let i = 0; i < 15; i++) {
      api.services.tree.reset();
      const t0 = performance.now();
      const rows = await api.services.tree.getChildren();
      tree.push(performance.now() - t0);
      if (rows.length < 2) throw new Error('the tree listed no sessions');
    }
    figures.treeFirstPageMsMedian = round(percentile(tree, 50));
    figures.treeFirstPageMsP95 = round(percentile(tree, 95));
    figures.sessionsOnServer = await client.sessions.count();

    // A log with task and result IDs of the demo session, hovered at 20 per second.
    const sessionId = sim.ready.targets[0]!.sessionId;
    const [tasks, results] = await Promise.all([
      client.tasks.list({ where: { sessionId }, pageSize: 100 }),
      client.results.list({ where: { sessionId }, pageSize: 100 }),
    ]);
    const ids = [...tasks.items.map((t) => t.id), ...results.items.map((r) => r.resultId)];
    const uri = vscode.Uri.joinPath(workspaceRoot(), 'logs', 'bench.log');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(ids.map((id, i) => `2025-01-14T17:30:${String(i % 60).padStart(2, '0')}Z info  id ${id}`).join('\n')));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    // Twice over the same IDs with a cold cache: through VS Code's hover pipeline (what a user
    // gets: extension host → workbench → extension host), then our provider alone.
    const hoverRun = async (hover: (i: number) => Thenable<unknown>, coldCache = true): Promise<{ latencies: number[]; rpcs: number }> => {
      if (coldCache) api.services.resolver.invalidate();
      const rpcsBefore = client.stats.rpcs;
      const latencies: number[] = [];
      await Promise.all(
        Array.from({ length: Math.min(ids.length, 200) }, (_, i) =>
          new Promise<void>((resolve) => {
            setTimeout(() => {
              const t0 = performance.now();
              void hover(i).then(() => {
                latencies.push(performance.now() - t0);
                resolve();
              });
            }, i * 50);
          }),
        ),
      );
      return { latencies, rpcs: client.stats.rpcs - rpcsBefore };
    };
    // Our provider alone first. When the burst through the workbench came first instead, its p95
    // was 1.1–2.2 s while every later burst (cold cache included) stayed under 100 ms: a start-up
    // cost of the extension host and workbench, not of the lookups, so it is kept out of the 20/s
    // figures and the first single hover through VS Code is printed on its own.
    const token = new vscode.CancellationTokenSource().token;
    const direct = await hoverRun((i) => api.hover.provideHover(doc, new vscode.Position(i, 30), token));
    const firstStart = performance.now();
    await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, new vscode.Position(ids.length - 1, 30));
    figures.firstHoverMs = round(performance.now() - firstStart);
    const viaVsCode = await hoverRun((i) => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(i, 30)));
    // The same hovers again with every ID cached: what is left is VS Code's own round trip.
    const viaVsCodeWarm = await hoverRun((i) => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(i, 30)), false);
    figures.hovers = viaVsCode.latencies.length;
    figures.hoverMsP50 = round(percentile(viaVsCode.latencies, 50));
    figures.hoverMsP95 = round(percentile(viaVsCode.latencies, 95));
    figures.hoverMsMax = round(Math.max(...viaVsCode.latencies));
    figures.hoverRpcs = viaVsCode.rpcs;
    figures.warmHoverMsP50 = round(percentile(viaVsCodeWarm.latencies, 50));
    figures.warmHoverMsP95 = round(percentile(viaVsCodeWarm.latencies, 95));
    figures.providerMsP50 = round(percentile(direct.latencies, 50));
    figures.providerMsP95 = round(percentile(direct.latencies, 95));
  } finally {
    await sim.stop();
  }
  return figures;
}
