// Runs the bundled simulator (dist/simulator.js) as a child process and waits for the one JSON
// line it prints when it listens (`--json`). No vscode here, so the start-up and shutdown logic
// is unit-tested against a stand-in script.

import { spawn, type ChildProcess } from 'node:child_process';

export interface SimulatorTargetInfo {
  name: string;
  resultId: string;
  sessionId: string;
  description: string;
}

export interface ListeningMessage {
  endpoint: string;
  targets: SimulatorTargetInfo[];
}

/** Parses the simulator's ready line; undefined for any other line. */
export function parseListeningLine(line: string): ListeningMessage | undefined {
  const trimmed = line.trim();
  if (!trimmed.startsWith('{')) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    return undefined;
  }
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (v.event !== 'listening' || typeof v.endpoint !== 'string') return undefined;
  const targets = Array.isArray(v.targets)
    ? v.targets.flatMap((t: unknown): SimulatorTargetInfo[] => {
        if (!t || typeof t !== 'object') return [];
        const r = t as Record<string, unknown>;
        if (typeof r.resultId !== 'string') return [];
        return [
          {
            name: typeof r.name === 'string' ? r.name : r.resultId,
            resultId: r.resultId,
            sessionId: typeof r.sessionId === 'string' ? r.sessionId : '',
            description: typeof r.description === 'string' ? r.description : '',
          },
        ];
      })
    : [];
  return { endpoint: v.endpoint, targets };
}

export interface SimulatorChildOptions {
  /** Node-compatible executable: `process.execPath` (in desktop VS Code that is Electron, hence
   * ELECTRON_RUN_AS_NODE below). */
  execPath: string;
  script: string;
  args: string[];
  /** How long to wait for the ready line (ms). */
  startTimeoutMs: number;
  onOutput?: (stream: 'stdout' | 'stderr', line: string) => void;
  onExit?: (code: number | null, signal: NodeJS.Signals | null) => void;
}

export interface SimulatorChild {
  readonly pid: number | undefined;
  readonly ready: ListeningMessage;
  /** Stops the process (SIGTERM, then SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<void>;
  readonly exited: boolean;
}

/** Starts the simulator and resolves once it listens; rejects with its own error output when it
 * exits or does not get ready in time. */
export function startSimulatorChild(options: SimulatorChildOptions): Promise<SimulatorChild> {
  return new Promise((resolve, reject) => {
    let child: ChildProcess;
    try {
      child = spawn(options.execPath, [options.script, ...options.args], {
        env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
        windowsHide: true,
      });
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    let ready: ListeningMessage | undefined;
    let exited = false;
    const stderrTail: string[] = [];
    const timer = setTimeout(() => {
      if (ready) return;
      child.kill('SIGKILL');
      reject(new Error(`the simulator did not start within ${options.startTimeoutMs / 1000} s${tail()}`));
    }, options.startTimeoutMs);

    function tail(): string {
      return stderrTail.length > 0 ? `:\n${stderrTail.join('\n')}` : '';
    }

    const exitPromise = new Promise<void>((done) => {
      child.once('exit', (code, signal) => {
        exited = true;
        clearTimeout(timer);
        options.onExit?.(code, signal);
        if (!ready) reject(new Error(`the simulator exited (${signal ?? `code ${code}`}) before it was ready${tail()}`));
        done();
      });
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      if (!ready) reject(new Error(`cannot start the simulator: ${error.message}`));
    });

    lines(child.stderr!, (line) => {
      stderrTail.push(line);
      if (stderrTail.length > 20) stderrTail.shift();
      options.onOutput?.('stderr', line);
    });
    lines(child.stdout!, (line) => {
      options.onOutput?.('stdout', line);
      if (ready) return;
      const message = parseListeningLine(line);
      if (!message) return;
      ready = message;
      clearTimeout(timer);
      resolve({
        pid: child.pid,
        ready: message,
        get exited() {
          return exited;
        },
        async stop(graceMs = 3000) {
          if (exited) return;
          child.kill('SIGTERM');
          const killer = setTimeout(() => {
            if (!exited) child.kill('SIGKILL');
          }, graceMs);
          await exitPromise;
          clearTimeout(killer);
        },
      });
    });
  });
}

function lines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let buffer = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffer += chunk;
    let nl = buffer.indexOf('\n');
    while (nl >= 0) {
      onLine(buffer.slice(0, nl).replace(/\r$/, ''));
      buffer = buffer.slice(nl + 1);
      nl = buffer.indexOf('\n');
    }
  });
  stream.on('end', () => {
    if (buffer.length > 0) onLine(buffer);
    buffer = '';
  });
}
