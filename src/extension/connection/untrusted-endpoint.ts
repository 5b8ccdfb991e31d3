// Which `armonik.endpoint` to use, given workspace trust. In an untrusted workspace VS Code
// ignores the workspace's values of our restricted settings (package.json
// `restrictedConfigurations`): a cloned repository must not silently point us at its own server.
// We still read what the workspace asks for, and connect to it only after the user said yes.
//
// No vscode import: EndpointSelection supplies the settings and the question, so that the rule
// "never connect to a workspace-set endpoint in an untrusted workspace without asking" is
// unit-tested.

export interface EndpointSettingsView {
  trusted: boolean;
  /** `armonik.endpoint` as VS Code applies it (untrusted: without the workspace's value). */
  effective: string;
  /** The value the workspace's own settings set, even when VS Code ignores it. */
  workspaceValue: string | undefined;
}

export type SettingsEndpoint =
  /** The effective setting (the user's own, or the workspace's when trusted). */
  | { url: string; from: 'settings' }
  /** The untrusted workspace's value, which the user allowed. */
  | { url: string; from: 'untrusted-workspace' };

export type TrustAnswer = 'connect' | 'manage-trust' | undefined;

/** The workspace endpoint that needs the user's consent, if any: an untrusted workspace asking
 * for a server other than the one the user's settings name. */
export function endpointNeedingConsent(view: EndpointSettingsView): string | undefined {
  if (view.trusted) return undefined;
  const asked = view.workspaceValue?.trim();
  return asked && asked !== view.effective.trim() ? asked : undefined;
}

/**
 * Asks once per URL and window, and one question at a time: the tree, hovers and background
 * checks that all want a client at start-up must not open a dialog each.
 */
export class UntrustedEndpointConsent {
  private readonly answers = new Map<string, boolean>();
  private readonly pending = new Map<string, Promise<boolean>>();

  constructor(
    /** Shows the question (a modal dialog); resolves with the user's answer. */
    private readonly ask: (url: string) => PromiseLike<TrustAnswer>,
    /** Opens the workspace trust editor ("Manage Workspace Trust"). */
    private readonly manageTrust: () => void,
    private readonly log: (message: string) => void,
  ) {}

  allowed(url: string): Promise<boolean> {
    const known = this.answers.get(url);
    if (known !== undefined) return Promise.resolve(known);
    let question = this.pending.get(url);
    if (!question) {
      question = Promise.resolve(this.ask(url))
        .then((answer) => {
          if (answer === 'manage-trust') this.manageTrust();
          const allowed = answer === 'connect';
          this.answers.set(url, allowed);
          this.log(`[trust] untrusted workspace endpoint ${url}: ${allowed ? 'allowed for this window' : 'refused'}`);
          return allowed;
        })
        .finally(() => this.pending.delete(url));
      this.pending.set(url, question);
    }
    return question;
  }
}

/** The endpoint the settings lead to: the workspace's in an untrusted workspace only with the
 * user's consent, otherwise the effective setting (none when empty). */
export async function settingsEndpoint(view: EndpointSettingsView, consent: UntrustedEndpointConsent): Promise<SettingsEndpoint | undefined> {
  const asked = endpointNeedingConsent(view);
  if (asked && (await consent.allowed(asked))) return { url: asked, from: 'untrusted-workspace' };
  const effective = view.effective.trim();
  return effective ? { url: effective, from: 'settings' } : undefined;
}
