// Typed access to the one VS Code API object a webview gets. `acquireVsCodeApi` may be called
// only once per page, so this module keeps it.

import type { WebviewMessage } from '../src/shared/protocol';

interface RawVsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): RawVsCodeApi;

export interface VsCodeApi {
  post(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}

let api: VsCodeApi | undefined;

export function vscodeApi(): VsCodeApi {
  if (!api) {
    const raw = acquireVsCodeApi();
    api = {
      post: (message) => raw.postMessage(message),
      getState: () => raw.getState(),
      setState: (state) => raw.setState(state),
    };
  }
  return api;
}
