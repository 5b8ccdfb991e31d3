// Types of scripts/code-server-session.mjs for the TypeScript tests and benchmarks that use it.
import type { Browser, Page } from 'playwright-core';

export const root: string;
export const codeServerEntry: string;
export const CHROMIUM: string;
export const CHROMIUM_ARGS: string[];
export function ensureCodeServer(): void;
export function build(options?: { only?: string[] }): void;
export function scratchDir(prefix: string): { dir: string; dispose(): void };
export function prepareWorkspace(dir: string, options?: { settings?: Record<string, unknown>; files?: Record<string, string> }): string;
export interface CodeServer {
  url: string;
  port: number;
  dataDir: string;
  userDataDir: string;
  extensionsDir: string;
  output: string[];
  stop(): Promise<void>;
}
export function startCodeServer(options?: {
  userSettings?: Record<string, unknown>;
  extensionsDir?: string;
  env?: Record<string, string>;
  log?: (line: string) => void;
  timeoutMs?: number;
}): Promise<CodeServer>;
export function workbenchUrl(server: CodeServer, options: { folder: string; extensionDevelopmentPath?: string; extensionTestsPath?: string }): string;
export function launchChromium(): Promise<Browser>;
export function openWorkbench(
  browser: Browser,
  url: string,
  options?: { onLog?: (type: string, args: unknown[]) => void; onExit?: (code: number) => void; viewport?: { width: number; height: number } },
): Promise<Page>;
export function freePort(): Promise<number>;
export function tmp(prefix: string): string;
