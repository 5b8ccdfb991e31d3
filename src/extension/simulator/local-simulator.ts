// The simulator started from VS Code ("ArmoniK: Start Local Simulator"): one child process per
// window, stopped with the extension or by "ArmoniK: Stop Local Simulator".

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { describeError, type Log } from '../log';
import { parseScenarioList, type ScenarioInfo } from './scenario-list';
import { startSimulatorChild, type SimulatorChild, type SimulatorTargetInfo } from './simulator-child';

export interface RunningSimulator {
  scenario: string;
  endpoint: string;
  targets: SimulatorTargetInfo[];
  pid: number | undefined;
}


export class LocalSimulator implements vscode.Disposable {
  private child: SimulatorChild | undefined;
  private info: RunningSimulator | undefined;
  private stopping = false;
  private readonly changed = new vscode.EventEmitter<RunningSimulator | undefined>();
  /** Fires when the simulator starts, stops or dies. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly scriptPath: string,
    private readonly log: Log,
  ) {}

  get running(): RunningSimulator | undefined {
    return this.info;
  }

  /** Starts the simulator with `scenario` (stopping a running one first). */
  async start(scenario: string, speed: number): Promise<RunningSimulator> {
    this.assertBundle();
    await this.stop();
    const args = ['--scenario', scenario, '--port', '0', '--speed', String(speed), '--json'];
    this.log.info(`[simulator] starting: ${this.scriptPath} ${args.join(' ')}`);
    const child = await startSimulatorChild({
      execPath: process.execPath,
      script: this.scriptPath,
      args,
      startTimeoutMs: 30_000,
      onOutput: (stream, line) => {
        if (stream === 'stderr') this.log.info(`[simulator] ${line}`);
        else if (!line.startsWith('{')) this.log.debug(`[simulator] ${line}`);
      },
      onExit: (code, signal) => this.onExit(child, code, signal),
    });
    this.child = child;
    this.info = { scenario, endpoint: child.ready.endpoint, targets: child.ready.targets, pid: child.pid };
    this.log.info(`[simulator] scenario "${scenario}" listening on ${child.ready.endpoint} (pid ${child.pid})`);
    this.changed.fire(this.info);
    return this.info;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.stopping = true;
    try {
      await child.stop();
    } finally {
      this.stopping = false;
      if (this.child === child) {
        this.child = undefined;
        this.info = undefined;
        this.changed.fire(undefined);
      }
    }
    this.log.info('[simulator] stopped');
  }

  /** The scenarios the bundled simulator knows, with their descriptions. */
  listScenarios(): Promise<ScenarioInfo[]> {
    this.assertBundle();
    return new Promise((resolve, reject) => {
      execFile(
        process.execPath,
        [this.scriptPath, '--list-scenarios', '--json'],
        { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, timeout: 15_000, maxBuffer: 1024 * 1024 },
        (error, stdout, stderr) => {
          if (error) {
            reject(new Error(`cannot list the simulator's scenarios: ${stderr.trim() || error.message}`));
            return;
          }
          resolve(parseScenarioList(stdout));
        },
      );
    });
  }

  dispose(): void {
    const child = this.child;
    this.child = undefined;
    this.info = undefined;
    if (child) void child.stop(1000).catch((error: unknown) => this.log.warn(`[simulator] stop: ${describeError(error)}`));
    this.changed.dispose();
  }

  private onExit(child: SimulatorChild | undefined, code: number | null, signal: NodeJS.Signals | null): void {
    if (!child || this.child !== child || this.stopping) return;
    this.log.warn(`[simulator] exited unexpectedly (${signal ?? `code ${code}`})`);
    this.child = undefined;
    this.info = undefined;
    this.changed.fire(undefined);
    void vscode.window.showWarningMessage(vscode.l10n.t('The local ArmoniK simulator stopped unexpectedly ({0}). See the log for details.', signal ?? `code ${code}`));
  }

  private assertBundle(): void {
    if (!existsSync(this.scriptPath)) {
      throw new Error(`the simulator bundle is missing (${this.scriptPath}); build it with "npm run build"`);
    }
  }
}
