// The harness page's stand-in for VS Code: defines acquireVsCodeApi and runs the real host-side
// GraphPanelController in the page, fed by a synthetic trace. Messages cross as structured
// clones on the next task, like webview postMessage, so the protocol is exercised end to end.
//
// URL parameters: tasks (default 200), scenario (failed|blocked|running|completed), seed,
// theme (dark|light|high-contrast), error (default|malicious|huge), name (result name),
// live (ms between synthetic updates; 0 = none), spawn (subtasks per update), reload=1 keeps
// state in sessionStorage so a page reload behaves like a VS Code window reload.

import { GraphPanelController, type SaveRequest } from '../../src/extension/graph/panel-controller';
import type { HostMessage } from '../../src/shared/protocol';
import { createSyntheticTrace, type SyntheticScenario, type SyntheticTrace } from '../support/synthetic-trace';

export interface HarnessRecord {
  commands: { command: string; nodeId: string }[];
  saved: { format: string; destination: string; suggestedName: string; text: string | undefined; bytes: number }[];
  logs: { level: string; message: string }[];
  posted: { type: string; at: number; bytes: number }[];
  marks: Record<string, number>;
  trace: SyntheticTrace;
  controller: GraphPanelController;
  /** Applies one synthetic live update now. */
  step(complete?: number, spawn?: number): void;
}

/** The few browser globals used here, typed locally: this file sits in the Node type-check
 * program (no DOM lib) but runs in the page. */
interface HarnessPage {
  location: { search: string };
  document: { body: { className: string; dataset: Record<string, string | undefined> } };
  sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
  dispatchEvent(event: unknown): boolean;
  MessageEvent: new (type: string, init: { data: unknown }) => unknown;
  harness: HarnessRecord;
  acquireVsCodeApi: () => { postMessage(message: unknown): void; getState(): unknown; setState(state: unknown): void };
}
const window = globalThis as unknown as HarnessPage;
const { document, sessionStorage, location } = window;

export const MALICIOUS_ERROR =
  '<img src=x onerror="window.__pwned=1">\u0007\u001b[31mred\u001b[0m <script>window.__pwned=2</script>\u202eevil\n' +
  '<b>bold?</b> & "quotes" \'single\'\n' +
  'x'.repeat(200);

function errorText(kind: string | null): string | undefined {
  if (kind === 'malicious') return MALICIOUS_ERROR;
  if (kind === 'huge') return `${MALICIOUS_ERROR}\n${'0123456789abcdef<img src=y onerror="window.__pwned=3">\n'.repeat(Math.ceil((1024 * 1024) / 54))}`;
  return undefined;
}

const params = new URLSearchParams(location.search);
const theme = params.get('theme') ?? 'dark';
document.body.className = theme === 'light' ? 'vscode-light' : theme === 'high-contrast' ? 'vscode-high-contrast' : 'vscode-dark';
document.body.dataset.vscodeThemeKind = document.body.className;

const marks: Record<string, number> = { start: performance.now() };
const trace = createSyntheticTrace({
  tasks: Number(params.get('tasks') ?? 200),
  scenario: (params.get('scenario') as SyntheticScenario | null) ?? 'failed',
  seed: Number(params.get('seed') ?? 7),
  ...(errorText(params.get('error')) ? { errorMessage: errorText(params.get('error'))! } : {}),
  ...(params.get('name') ? { resultName: params.get('name')! } : {}),
});
marks.traceReady = performance.now();

const stateKey = 'armonik-harness-state';
let state: unknown = params.get('reload') === '1' ? JSON.parse(sessionStorage.getItem(stateKey) ?? 'null') : undefined;

const record: Omit<HarnessRecord, 'controller' | 'step'> = { commands: [], saved: [], logs: [], posted: [], marks, trace };

const controller = new GraphPanelController(
  trace,
  {
    post(message: HostMessage) {
      const json = JSON.stringify(message);
      record.posted.push({ type: message.type, at: performance.now(), bytes: json.length });
      if (message.type === 'snapshot' && marks.firstSnapshotPosted === undefined) marks.firstSnapshotPosted = performance.now();
      // Like VS Code: a copy, delivered later.
      setTimeout(() => window.dispatchEvent(new window.MessageEvent('message', { data: JSON.parse(json) })), 0);
      return Promise.resolve(true);
    },
    executeCommand(command, nodeId) {
      record.commands.push({ command, nodeId });
      return Promise.resolve(undefined);
    },
    save(request: SaveRequest) {
      record.saved.push({
        format: request.format,
        destination: request.destination,
        suggestedName: request.suggestedName,
        text: typeof request.content === 'string' ? request.content : undefined,
        bytes: typeof request.content === 'string' ? request.content.length : request.content.byteLength,
      });
      return Promise.resolve(request.destination === 'clipboard' ? { outcome: 'copied' as const } : { outcome: 'saved' as const, where: `harness/${request.suggestedName}` });
    },
    log: {
      info: (m) => record.logs.push({ level: 'info', message: m }),
      warn: (m) => record.logs.push({ level: 'warn', message: m }),
      error: (m) => record.logs.push({ level: 'error', message: m }),
    },
  },
  { endpoint: 'http://127.0.0.1:5001 (synthetic)', hasAdminUrl: true, throttleMs: 200 },
);

window.harness = {
  ...record,
  controller,
  step(complete = 3, spawn = 0) {
    trace.step({ complete, spawn });
  },
};

window.acquireVsCodeApi = () => ({
  postMessage(message: unknown) {
    const copy = JSON.parse(JSON.stringify(message)) as unknown;
    setTimeout(() => void controller.handleMessage(copy), 0);
  },
  getState: () => state,
  setState(next: unknown) {
    state = next;
    sessionStorage.setItem(stateKey, JSON.stringify(next));
  },
});

const live = Number(params.get('live') ?? 0);
if (live > 0) setInterval(() => window.harness.step(3, Number(params.get('spawn') ?? 1)), live);
