// Every use of the heavy half goes through here, so there is exactly one lazy boundary.
export type ExtensionCore = typeof import('./extension-core');

let loading: Promise<ExtensionCore> | undefined;

export function loadCore(): Promise<ExtensionCore> {
  return (loading ??= import('./extension-core'));
}
