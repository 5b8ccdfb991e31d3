// Builds the ArmoniK client for an endpoint target: TLS file paths relative to the workspace are
// resolved against its first folder, and the key passphrase comes from SecretStorage.

import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ArmoniKClient } from '../../armonik/api';
import type { EndpointConfig } from '../../armonik/endpoint';
import { readSettings } from '../config/settings';
import type { EndpointTarget } from './endpoint-target';
import type { PassphraseStore } from './passphrase-store';
import { loadCore } from '../core/load-core';

function absolute(file: string | undefined): string | undefined {
  if (!file) return undefined;
  const home = process.env.HOME ?? process.env.USERPROFILE;
  if (file.startsWith('~/') && home) return path.join(home, file.slice(2));
  if (path.isAbsolute(file)) return file;
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? path.join(folder.uri.fsPath, file) : file;
}

export async function endpointConfigOf(target: EndpointTarget, passphrases: PassphraseStore): Promise<EndpointConfig> {
  const keyFile = absolute(target.tls.keyFile);
  const keyPassphrase = keyFile ? ((await passphrases.get(keyFile)) ?? (target.tls.keyFile ? await passphrases.get(target.tls.keyFile) : undefined)) : undefined;
  return {
    url: target.url,
    caFile: absolute(target.tls.caFile),
    certFile: absolute(target.tls.certFile),
    keyFile,
    keyPassphrase,
    serverName: target.tls.serverName,
  };
}

export async function createArmoniKClient(target: EndpointTarget, passphrases: PassphraseStore): Promise<ArmoniKClient> {
  const settings = readSettings();
  // Loaded on first use: the gRPC stack is most of the bundle, and activation must stay fast.
  const { createClient } = await loadCore();
  return createClient(await endpointConfigOf(target, passphrases), {
    timeoutMs: settings.requestTimeoutMs,
    pageSize: settings.pageSize,
  });
}
