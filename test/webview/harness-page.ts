// Opens the graph webview harness in Debian's Chromium through playwright-core (no browser
// download): one browser per test file, one page per test.

import { chromium, type Browser, type Page } from 'playwright-core';
import { startHarnessServer, type HarnessServer } from '../webview-harness/server';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface HarnessSession {
  server: HarnessServer;
  browser: Browser;
  open(query: string, viewport?: { width: number; height: number }): Promise<OpenPage>;
  close(): Promise<void>;
}

export interface OpenPage {
  page: Page;
  /** Console errors, page errors and CSP violations seen so far. */
  problems: string[];
}

export async function startHarness(): Promise<HarnessSession> {
  const server = await startHarnessServer();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  return {
    server,
    browser,
    async open(query, viewport = { width: 1400, height: 900 }) {
      const page = await browser.newPage({ viewport });
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error' && !m.text().includes('favicon') && !m.text().includes('status of 404')) problems.push(`console: ${m.text()}`);
      });
      await page.addInitScript({
        content: "document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));",
      });
      await page.goto(`${server.url}/?${query}`);
      await page.waitForSelector('#graph[data-ready="true"]', { timeout: 120_000 });
      return { page, problems };
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
