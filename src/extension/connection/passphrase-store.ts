// Passphrases of encrypted client keys live in SecretStorage, never in settings. They are keyed
// by the key file's path so that switching endpoints picks the right one.

import * as vscode from 'vscode';

const PREFIX = 'armonik.tls.keyPassphrase:';

export class PassphraseStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  get(keyFile: string): Thenable<string | undefined> {
    return this.secrets.get(PREFIX + keyFile);
  }

  async set(keyFile: string, passphrase: string | undefined): Promise<void> {
    if (passphrase === undefined || passphrase === '') await this.secrets.delete(PREFIX + keyFile);
    else await this.secrets.store(PREFIX + keyFile, passphrase);
  }

  onDidChange(listener: (keyFile: string) => void): vscode.Disposable {
    return this.secrets.onDidChange((e) => {
      if (e.key.startsWith(PREFIX)) listener(e.key.slice(PREFIX.length));
    });
  }
}
