// Parsers for the files a local ArmoniK deployment generates (reference §14):
// `generated/armonik-output.json` and `generated/armonik-cli.yaml`. No vscode here.

import { parse as parseYaml } from 'yaml';
import type { TlsSettings } from '../config/settings';

/** Reads the output file's JSON; undefined (with a reason) when it is not a usable one. */
export function parseDeploymentOutput(text: string): { controlPlaneUrl: string; adminUrl: string | undefined } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { problem: `not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const armonik = value && typeof value === 'object' ? (value as Record<string, unknown>).armonik : undefined;
  if (!armonik || typeof armonik !== 'object') return { problem: 'no "armonik" object (expected the output of `make output`)' };
  const a = armonik as Record<string, unknown>;
  const url = typeof a.control_plane_url === 'string' ? a.control_plane_url.trim() : '';
  if (!url) return { problem: 'no "armonik.control_plane_url"' };
  const admin = typeof a.admin_app_url === 'string' && a.admin_app_url.trim() ? a.admin_app_url.trim() : undefined;
  return { controlPlaneUrl: url, adminUrl: admin };
}

/** TLS file paths of the deployment's `armonik-cli.yaml` (reference §14); empty without TLS. */
export function parseCliConfig(text: string): TlsSettings {
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch {
    return {};
  }
  if (!value || typeof value !== 'object') return {};
  const v = value as Record<string, unknown>;
  const str = (x: unknown): string | undefined => (typeof x === 'string' && x.trim() ? x.trim() : undefined);
  return { caFile: str(v.certificate_authority), certFile: str(v.client_certificate), keyFile: str(v.client_key) };
}

