// Every `armonik.*` setting key in one place, and typed readers for them. package.json's
// `contributes.configuration` declares the same keys with their defaults and descriptions.

import * as vscode from 'vscode';

export const SECTION = 'armonik';

export const SettingKeys = {
  endpoint: 'endpoint',
  tlsCaFile: 'tls.caFile',
  tlsCertFile: 'tls.certFile',
  tlsKeyFile: 'tls.keyFile',
  tlsServerName: 'tls.serverName',
  requestTimeoutMs: 'requestTimeoutMs',
  pageSize: 'pageSize',
  eventsEnabled: 'events.enabled',
  endpoints: 'endpoints',
  adminUrl: 'adminUrl',
  simulatorScenario: 'simulator.scenario',
  simulatorSpeed: 'simulator.speed',
  hoverTimeoutMs: 'hover.timeoutMs',
} as const;
export type SettingKey = (typeof SettingKeys)[keyof typeof SettingKeys];

/** Settings that point the extension at a server or at files; an untrusted workspace may not
 * set them silently (package.json `capabilities.untrustedWorkspaces.restrictedConfigurations`). */
export const RESTRICTED_SETTINGS: readonly SettingKey[] = [
  SettingKeys.endpoint,
  SettingKeys.tlsCaFile,
  SettingKeys.tlsCertFile,
  SettingKeys.tlsKeyFile,
  SettingKeys.tlsServerName,
  SettingKeys.endpoints,
  SettingKeys.adminUrl,
];

export interface TlsSettings {
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  serverName?: string;
}

/** One entry of `armonik.endpoints`. */
export interface NamedEndpoint {
  name: string;
  url: string;
  tls?: TlsSettings;
  adminUrl?: string;
}

export interface ArmoniKSettings {
  endpoint: string;
  tls: TlsSettings;
  requestTimeoutMs: number;
  pageSize: number;
  eventsEnabled: boolean;
  endpoints: NamedEndpoint[];
  adminUrl: string;
  simulatorScenario: string;
  simulatorSpeed: number;
  hoverTimeoutMs: number;
}

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SECTION);
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim().length > 0 ? value.trim() : undefined;
}

function clampNumber(value: unknown, fallback: number, min: number, max: number): number {
  const n = typeof value === 'number' && Number.isFinite(value) ? value : fallback;
  return Math.min(max, Math.max(min, n));
}

/** Keeps the well-formed entries of `armonik.endpoints`; a malformed one is reported, not fatal. */
export function parseNamedEndpoints(raw: unknown, report: (problem: string) => void = () => undefined): NamedEndpoint[] {
  if (!Array.isArray(raw)) return [];
  const out: NamedEndpoint[] = [];
  raw.forEach((entry: unknown, index) => {
    if (!entry || typeof entry !== 'object') {
      report(`armonik.endpoints[${index}] is not an object`);
      return;
    }
    const e = entry as Record<string, unknown>;
    const url = nonEmpty(e.url);
    if (!url) {
      report(`armonik.endpoints[${index}] has no "url"`);
      return;
    }
    const tlsRaw = e.tls && typeof e.tls === 'object' ? (e.tls as Record<string, unknown>) : {};
    out.push({
      name: nonEmpty(e.name) ?? url,
      url,
      tls: {
        caFile: nonEmpty(tlsRaw.caFile),
        certFile: nonEmpty(tlsRaw.certFile),
        keyFile: nonEmpty(tlsRaw.keyFile),
        serverName: nonEmpty(tlsRaw.serverName),
      },
      adminUrl: nonEmpty(e.adminUrl),
    });
  });
  return out;
}

export function readSettings(report?: (problem: string) => void): ArmoniKSettings {
  const c = config();
  return {
    endpoint: nonEmpty(c.get(SettingKeys.endpoint)) ?? '',
    tls: {
      caFile: nonEmpty(c.get(SettingKeys.tlsCaFile)),
      certFile: nonEmpty(c.get(SettingKeys.tlsCertFile)),
      keyFile: nonEmpty(c.get(SettingKeys.tlsKeyFile)),
      serverName: nonEmpty(c.get(SettingKeys.tlsServerName)),
    },
    requestTimeoutMs: clampNumber(c.get(SettingKeys.requestTimeoutMs), 15_000, 500, 600_000),
    pageSize: Math.round(clampNumber(c.get(SettingKeys.pageSize), 50, 1, 1000)),
    eventsEnabled: c.get<boolean>(SettingKeys.eventsEnabled) !== false,
    endpoints: parseNamedEndpoints(c.get(SettingKeys.endpoints), report),
    adminUrl: nonEmpty(c.get(SettingKeys.adminUrl)) ?? '',
    simulatorScenario: nonEmpty(c.get(SettingKeys.simulatorScenario)) ?? 'demo',
    simulatorSpeed: clampNumber(c.get(SettingKeys.simulatorSpeed), 1, 0.01, 1000),
    hoverTimeoutMs: clampNumber(c.get(SettingKeys.hoverTimeoutMs), 1500, 100, 30_000),
  };
}

/** Where a restricted setting's effective value comes from, to decide whether an untrusted
 * workspace set it. */
export function settingSource(key: SettingKey): 'default' | 'user' | 'workspace' {
  const inspected = config().inspect(key);
  if (!inspected) return 'default';
  if (inspected.workspaceFolderValue !== undefined || inspected.workspaceValue !== undefined) return 'workspace';
  if (inspected.globalValue !== undefined) return 'user';
  return 'default';
}

/** The value the workspace itself sets, even where VS Code ignores it in restricted mode. */
export function workspaceSettingValue<T>(key: SettingKey): T | undefined {
  const inspected = config().inspect<T>(key);
  return inspected?.workspaceFolderValue ?? inspected?.workspaceValue;
}

export function affectsArmoniK(event: vscode.ConfigurationChangeEvent, ...keys: SettingKey[]): boolean {
  if (keys.length === 0) return event.affectsConfiguration(SECTION);
  return keys.some((k) => event.affectsConfiguration(`${SECTION}.${k}`));
}

export function openSettings(): Thenable<unknown> {
  return vscode.commands.executeCommand('workbench.action.openSettings', `@ext:armonik-trace.armonik-trace ${SECTION}.`);
}
