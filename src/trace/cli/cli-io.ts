// What a CLI command needs from its surroundings, injected so that tests run commands in-process
// against a fake control plane and capture their output.

import type { ArmoniKClient } from '../../armonik/api';
import type { EndpointConfig } from '../../armonik/endpoint';

export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Aborted on Ctrl-C: commands stop and report what they have. */
  signal?: AbortSignal;
}

export interface CliDeps {
  createClient(endpoint: EndpointConfig): ArmoniKClient;
}
