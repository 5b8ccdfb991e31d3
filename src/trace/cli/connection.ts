// Endpoint and TLS flags → a client, with the endpoint's source announced (stderr in text mode,
// inside the report in JSON mode).

import type { ArmoniKClient } from '../../armonik/api';
import { discoverEndpoint, type DiscoveredEndpoint } from '../../armonik/discovery';
import type { EndpointConfig } from '../../armonik/endpoint';
import type { OptionSpec, ParsedArgs } from './args';
import type { CliDeps, CliIo } from './cli-io';

export const CONNECTION_OPTIONS: Record<string, OptionSpec> = {
  endpoint: { kind: 'value' },
  ca: { kind: 'value' },
  cert: { kind: 'value' },
  key: { kind: 'value' },
  'server-name': { kind: 'value' },
};

export interface Connection {
  client: ArmoniKClient;
  endpoint: DiscoveredEndpoint;
}

export function connect(args: ParsedArgs, io: CliIo, deps: CliDeps, announce: boolean): Connection {
  const endpoint = discoverEndpoint({ flag: args.values.get('endpoint'), env: io.env, cwd: io.cwd });
  const config: EndpointConfig = { url: endpoint.url };
  const ca = args.values.get('ca');
  const cert = args.values.get('cert');
  const key = args.values.get('key');
  const serverName = args.values.get('server-name');
  if (ca !== undefined) config.caFile = ca;
  if (cert !== undefined) config.certFile = cert;
  if (key !== undefined) config.keyFile = key;
  if (serverName !== undefined) config.serverName = serverName;
  for (const warning of endpoint.warnings) io.stderr.write(`armonik-trace: ${warning}\n`);
  if (announce) io.stderr.write(`armonik-trace: endpoint ${endpoint.url} (from ${endpoint.origin})\n`);
  return { client: deps.createClient(config), endpoint };
}
