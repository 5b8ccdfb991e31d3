import { randomBytes } from 'node:crypto';

/** A fresh CSP nonce for each render of a webview's HTML (128 random bits). */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}
