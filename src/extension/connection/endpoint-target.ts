// What the extension is (or would be) connected to. A target is chosen from, in order: an
// explicit choice made in this window (switch endpoint, local deployment, simulator), then the
// `armonik.endpoint` setting. It carries everything needed to create a client.

import type { TlsSettings } from '../config/settings';

export type EndpointSource = 'settings' | 'named' | 'deployment' | 'simulator' | 'manual';

export interface EndpointTarget {
  url: string;
  tls: TlsSettings;
  source: EndpointSource;
  /** Short name for the status bar and pickers. */
  label: string;
  /** Admin GUI base URL that goes with this endpoint, when known (deployment output file). */
  adminUrl?: string;
}

/** `http://127.0.0.1:5001/` → `127.0.0.1:5001`; anything unparsable is returned trimmed. */
export function shortEndpoint(url: string): string {
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/]+)/i.exec(url.trim());
  return m ? (m[1] as string) : url.trim().replace(/\/+$/, '');
}

export function sameTarget(a: EndpointTarget | undefined, b: EndpointTarget | undefined): boolean {
  if (!a || !b) return a === b;
  return (
    a.url === b.url &&
    a.tls.caFile === b.tls.caFile &&
    a.tls.certFile === b.tls.certFile &&
    a.tls.keyFile === b.tls.keyFile &&
    a.tls.serverName === b.tls.serverName
  );
}

export function describeSource(source: EndpointSource): string {
  switch (source) {
    case 'settings':
      return 'the armonik.endpoint setting';
    case 'named':
      return 'a named endpoint (armonik.endpoints)';
    case 'deployment':
      return 'the local deployment output (armonik-output.json)';
    case 'simulator':
      return 'the local simulator started from VS Code';
    case 'manual':
      return 'an endpoint entered by hand';
  }
}
