// Finds local ArmoniK deployments in the workspace: the `generated/armonik-output.json` that
// `make output` writes in infrastructure/quick-deploy/localhost (reference §14), whose
// `armonik.control_plane_url` is the endpoint and `admin_app_url` the Admin GUI.

import * as vscode from 'vscode';
import type { TlsSettings } from '../config/settings';
import type { Log } from '../log';
import { loadCore } from '../core/load-core';
import { shortEndpoint, type EndpointTarget } from './endpoint-target';

export interface DiscoveredDeployment {
  file: vscode.Uri;
  controlPlaneUrl: string;
  adminUrl: string | undefined;
  /** From the `armonik-cli.yaml` written next to the output file, when TLS is on. */
  tls: TlsSettings;
}

const KNOWN_PLACES = [
  'generated/armonik-output.json',
  'infrastructure/quick-deploy/localhost/generated/armonik-output.json',
  'infrastructure/quick-deploy/localhost/all-in-one/generated/armonik-output.json',
];

export async function discoverDeployments(log: Log, token?: vscode.CancellationToken): Promise<DiscoveredDeployment[]> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const candidates = new Map<string, vscode.Uri>();
  for (const folder of folders) {
    for (const rel of KNOWN_PLACES) {
      const uri = vscode.Uri.joinPath(folder.uri, rel);
      candidates.set(uri.toString(), uri);
    }
  }
  if (folders.length > 0) {
    // Deployments checked out below the workspace root (e.g. ./ArmoniK/infrastructure/...).
    const found = await vscode.workspace.findFiles('**/generated/armonik-output.json', '**/node_modules/**', 10, token);
    for (const uri of found) candidates.set(uri.toString(), uri);
  }
  const out: DiscoveredDeployment[] = [];
  // The parsers pull in the YAML library: load them only when there is something to parse.
  const { parseCliConfig, parseDeploymentOutput } = await loadCore();
  for (const uri of candidates.values()) {
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch {
      continue;
    }
    const parsed = parseDeploymentOutput(new TextDecoder().decode(bytes));
    if ('problem' in parsed) {
      log.warn(`[discovery] ${uri.fsPath}: ${parsed.problem}`);
      continue;
    }
    if (out.some((d) => d.controlPlaneUrl === parsed.controlPlaneUrl)) continue;
    out.push({ file: uri, ...parsed, tls: await readCliTls(vscode.Uri.joinPath(uri, '..', 'armonik-cli.yaml'), parseCliConfig) });
  }
  return out;
}

async function readCliTls(uri: vscode.Uri, parseCliConfig: (text: string) => TlsSettings): Promise<TlsSettings> {
  try {
    return parseCliConfig(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
  } catch {
    return {};
  }
}

export function deploymentTarget(d: DiscoveredDeployment): EndpointTarget {
  return {
    url: d.controlPlaneUrl,
    tls: d.tls,
    source: 'deployment',
    label: shortEndpoint(d.controlPlaneUrl),
    adminUrl: d.adminUrl,
  };
}
