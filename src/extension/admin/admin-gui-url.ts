// Links into the ArmoniK Admin GUI for a task, result or session. The GUI's route scheme is not
// part of the API reference (not confirmed): we append `/<kind>s/<id>` to the configured base,
// which is what the GUI's detail pages use at the versions we know of; if a deployment serves a
// language prefix (`…/admin/en`), include it in `armonik.adminUrl`. No vscode here.

export type AdminObjectKind = 'task' | 'result' | 'session';

/** Undefined when the base is not an http(s) URL. */
export function adminGuiUrl(base: string, kind: AdminObjectKind, id: string): string | undefined {
  let url: URL;
  try {
    url = new URL(base.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = `${path}/${kind}s/${encodeURIComponent(id)}`;
  url.search = '';
  url.hash = '';
  return url.toString();
}
