// Graph view benchmark (`npm run bench -- graph`). For synthetic cones of 100 … 100,000 tasks:
//   host:    aggregation + layout of the view (what the extension host does per snapshot),
//            expanding the biggest group, and one live update (re-aggregate + diff);
//   layout:  our layered layout vs dagre on the same view graphs (when @dagrejs/dagre is
//            installed; it is not a dependency: `npm i --no-save @dagrejs/dagre` to compare);
//   browser: time from "trace finished" (the cone is in memory) to "graph interactive" (first
//            frame after the webview drew the snapshot), and frame times while panning, in
//            Debian's Chromium (headless, software rendering: a pessimistic figure).
// Goals (printed, never asserted): < 1 s to interactive at 10,000 tasks, < 3 s at 100,000;
// panning above 30 fps at 10,000.
//
//   npm run bench -- graph [--sizes=100,1000] [--no-browser]

import { chromium } from 'playwright-core';
import { TraceViewSession } from '../src/trace/view/view-session';
import { layoutLayered } from '../src/trace/view/layout';
import { createSyntheticTrace } from '../test/support/synthetic-trace';
import { startHarnessServer } from '../test/webview-harness/server';
import { CHROMIUM_ARGS } from '../test/webview/harness-page';

// Evaluated in the page, where the harness puts itself on `window`.
declare const window: unknown;

interface HostFigures {
  tasks: number;
  coneNodes: number;
  viewNodes: number;
  viewEdges: number;
  snapshotKb: number;
  snapshotMs: number;
  expandMs: number;
  liveUpdateMs: number;
  layoutMs: number;
  dagreMs: number | undefined;
}

interface BrowserFigures {
  tasks: number;
  interactiveMs: number;
  hostPartMs: number;
  /** Frames per second while the user drags the view. */
  fps: number;
  p95FrameMs: number;
  /** Frames per second when every frame is a full redraw (programmatic pan). */
  redrawFps: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function time(fn: () => void, runs: number): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

type Dagre = {
  graphlib: { Graph: new () => { setGraph(o: object): void; setDefaultEdgeLabel(f: () => object): void; setNode(id: string, o: object): void; setEdge(a: string, b: string): void } };
  layout(g: unknown): void;
};

function loadDagre(): Dagre | undefined {
  try {
    // Optional comparison only; see the header comment.
    return require('@dagrejs/dagre') as Dagre;
  } catch {
    return undefined;
  }
}

function hostFigures(tasks: number, dagre: Dagre | undefined): HostFigures {
  const trace = createSyntheticTrace({ tasks, scenario: 'failed' });
  let coneNodes = 0;
  for (const _ of trace.nodes()) coneNodes++;
  const runs = tasks >= 100_000 ? 1 : 3;
  let session = new TraceViewSession(trace);
  const snapshotMs = time(() => {
    session = new TraceViewSession(trace);
    session.snapshot();
  }, runs);
  const graph = session.graph!;
  const layoutMs = time(() => layoutLayered(graph.nodes, graph.edges), 3);
  let dagreMs: number | undefined;
  if (dagre) {
    dagreMs = time(() => {
      const g = new dagre.graphlib.Graph();
      g.setGraph({ rankdir: 'TB' });
      g.setDefaultEdgeLabel(() => ({}));
      for (const n of graph.nodes) g.setNode(n.id, { width: n.w, height: n.h });
      for (const e of graph.edges) g.setEdge(e.source, e.target);
      dagre.layout(g);
    }, 1);
  }
  const biggest = graph.nodes.filter((n) => n.kind === 'group').sort((a, b) => b.count! - a.count!)[0];
  const t0 = performance.now();
  if (biggest) session.expandGroup(biggest.id, false);
  const expandMs = performance.now() - t0;
  trace.step({ complete: 10, spawn: 2 });
  const t1 = performance.now();
  session.update();
  const liveUpdateMs = performance.now() - t1;
  return {
    tasks,
    coneNodes,
    viewNodes: graph.nodes.length,
    viewEdges: graph.edges.length,
    snapshotKb: Math.round(JSON.stringify(graph).length / 1024),
    snapshotMs,
    expandMs,
    liveUpdateMs,
    layoutMs,
    dagreMs,
  };
}

/** Records rAF timestamps until stopped. */
const RECORD_FRAMES = `window.__frames = []; window.__recording = true;
(function frame(t) { window.__frames.push(t); if (window.__recording) requestAnimationFrame(frame); })(performance.now());`;
const STOP_FRAMES = `window.__recording = false; window.__frames`;

/** Programmatic pan, one step per frame: every frame is a full redraw (worst case). */
const PAN_SCRIPT = `new Promise((resolve) => {
  const cy = document.querySelector('#graph')._cyreg.cy;
  const deltas = [];
  let last = 0;
  const start = performance.now();
  function frame(t) {
    if (last) deltas.push(t - last);
    last = t;
    cy.panBy({ x: 6, y: deltas.length % 60 < 30 ? 3 : -3 });
    if (t - start < 2000) requestAnimationFrame(frame); else resolve(deltas);
  }
  requestAnimationFrame(frame);
})`;

function frameStats(deltas: number[]): { fps: number; p95: number } {
  const mean = deltas.reduce((a, b) => a + b, 0) / Math.max(deltas.length, 1);
  const sorted = [...deltas].sort((a, b) => a - b);
  return { fps: 1000 / mean, p95: sorted[Math.floor(sorted.length * 0.95)] ?? 0 };
}

async function browserFigures(sizes: number[]): Promise<BrowserFigures[]> {
  const server = await startHarnessServer({ production: true });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const out: BrowserFigures[] = [];
  try {
    for (const tasks of sizes) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(`${server.url}/?tasks=${tasks}`, { timeout: 300_000 });
      await page.waitForFunction(() => performance.getEntriesByName('armonik-graph-interactive').length > 0, undefined, { timeout: 300_000 });
      const marks = await page.evaluate(() => {
        const h = (window as unknown as { harness: { marks: Record<string, number>; posted: { type: string; at: number }[] } }).harness;
        return {
          traceReady: h.marks.traceReady!,
          snapshotPosted: h.marks.firstSnapshotPosted!,
          interactive: performance.getEntriesByName('armonik-graph-interactive')[0]!.startTime,
        };
      });
      // Scripted pan: 2 s of small pans, one per frame; frame durations from rAF timestamps.
      // A user's pan: a mouse drag, which Cytoscape serves from a viewport texture.
      const box = (await page.locator('#graph').boundingBox())!;
      await page.evaluate(RECORD_FRAMES);
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down();
      const dragStart = Date.now();
      for (let i = 0; Date.now() - dragStart < 2000; i++) {
        await page.mouse.move(box.x + box.width / 2 + (i % 100) * 3 - 150, box.y + box.height / 2 + (i % 40) - 20);
      }
      await page.mouse.up();
      const timestamps = (await page.evaluate(STOP_FRAMES)) as number[];
      const drag = frameStats(timestamps.slice(1).map((t, k) => t - timestamps[k]!));
      // A string, not a closure: tsx would wrap named functions in helpers the page lacks.
      const scripted = frameStats((await page.evaluate(PAN_SCRIPT)) as number[]);
      out.push({
        tasks,
        interactiveMs: marks.interactive - marks.traceReady,
        hostPartMs: marks.snapshotPosted - marks.traceReady,
        fps: drag.fps,
        p95FrameMs: drag.p95,
        redrawFps: scripted.fps,
      });
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return out;
}

export async function runGraphBench(options: { sizes?: number[]; browser?: boolean } = {}): Promise<{ host: HostFigures[]; browser: BrowserFigures[] }> {
  const sizes = options.sizes ?? [100, 1000, 10_000, 100_000];
  const dagre = loadDagre();
  const host: HostFigures[] = [];
  console.log('host side (Node): view of the cone = aggregation + layered layout');
  console.log('   tasks  cone nodes  view nodes/edges  snapshot KB  snapshot ms  layout ms  dagre ms  expand ms  live update ms');
  for (const tasks of sizes) {
    const f = hostFigures(tasks, dagre);
    host.push(f);
    console.log(
      `${String(f.tasks).padStart(8)}  ${String(f.coneNodes).padStart(10)}  ${`${f.viewNodes}/${f.viewEdges}`.padStart(16)}  ${String(f.snapshotKb).padStart(11)}  ${f.snapshotMs.toFixed(0).padStart(11)}  ${f.layoutMs.toFixed(1).padStart(9)}  ${(f.dagreMs === undefined ? 'n/a' : f.dagreMs.toFixed(0)).padStart(8)}  ${f.expandMs.toFixed(0).padStart(9)}  ${f.liveUpdateMs.toFixed(0).padStart(14)}`,
    );
  }
  if (!dagre) console.log('(dagre comparison skipped: @dagrejs/dagre is not installed)');
  let browser: BrowserFigures[] = [];
  if (options.browser !== false) {
    console.log('\nbrowser (Chromium headless, software rendering): trace finished → graph interactive, and panning');
    console.log('   tasks  interactive ms  (host part ms)  drag fps  p95 frame ms  full-redraw fps  goal');
    browser = await browserFigures(sizes);
    for (const f of browser) {
      const goal = f.tasks === 10_000 ? `< 1000 ms, > 30 fps: ${f.interactiveMs < 1000 ? 'met' : 'MISSED'} / ${f.fps > 30 ? 'met' : 'MISSED'}` : f.tasks === 100_000 ? `< 3000 ms: ${f.interactiveMs < 3000 ? 'met' : 'MISSED'}` : '';
      console.log(`${String(f.tasks).padStart(8)}  ${f.interactiveMs.toFixed(0).padStart(14)}  ${f.hostPartMs.toFixed(0).padStart(14)}  ${f.fps.toFixed(1).padStart(8)}  ${f.p95FrameMs.toFixed(1).padStart(12)}  ${f.redrawFps.toFixed(1).padStart(15)}  ${goal}`);
    }
  }
  return { host, browser };
}

if (require.main === module) {
  const sizesArg = process.argv.find((a) => a.startsWith('--sizes='));
  const sizes = sizesArg ? sizesArg.slice('--sizes='.length).split(',').map(Number) : undefined;
  runGraphBench({ ...(sizes ? { sizes } : {}), browser: !process.argv.includes('--no-browser') }).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
