// The packaged artifact: `npm run package` builds the .vsix, code-server installs it with
// --install-extension, and the packaged-extension suite runs inside that VS Code against the
// installed copy (not the sources): activation, its bundled simulator, a trace and its graph.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeServerEntry, launchChromium, openWorkbench, prepareWorkspace, root, scratchDir, startCodeServer, workbenchUrl } from '../../scripts/code-server-session.mjs';

test('the VSIX installs into code-server, activates and its commands work', { timeout: 600_000 }, async () => {
  const scratch = scratchDir('vsix');
  try {
    const vsix = join(scratch.dir, 'armonik-trace.vsix');
    const pack = spawnSync(process.execPath, [join(root, 'scripts', 'package-vsix.mjs'), '--out', vsix], { encoding: 'utf8', cwd: root });
    assert.equal(pack.status, 0, `npm run package failed:\n${pack.stderr}`);

    const extensionsDir = join(scratch.dir, 'extensions');
    mkdirSync(extensionsDir, { recursive: true });
    const install = spawnSync(process.execPath, [codeServerEntry, '--extensions-dir', extensionsDir, '--install-extension', vsix], { encoding: 'utf8' });
    assert.equal(install.status, 0, install.stderr);
    assert.match(install.stdout, /was successfully installed/);
    const list = spawnSync(process.execPath, [codeServerEntry, '--extensions-dir', extensionsDir, '--list-extensions', '--show-versions'], { encoding: 'utf8' });
    assert.match(list.stdout, /armonik-trace\.armonik-trace@0\.\d+\.\d+/);

    const workspace = prepareWorkspace(join(scratch.dir, 'workspace'), { settings: {} });
    // VS Code runs an extensionTestsPath only in an extension development host, so an empty
    // development extension stands in: our extension is then the installed VSIX, nothing else.
    const host = join(scratch.dir, 'test-host');
    mkdirSync(host, { recursive: true });
    writeFileSync(
      join(host, 'package.json'),
      JSON.stringify({ name: 'vsix-test-host', publisher: 'armonik-trace-tests', version: '0.0.0', engines: { vscode: '^1.100.0' } }),
    );
    const server = await startCodeServer({ extensionsDir, env: { ARMONIK_TEST_VSIX: '1' } });
    const browser = await launchChromium();
    const lines: string[] = [];
    try {
      const exit = await new Promise<number | 'timeout'>((resolve) => {
        const timer = setTimeout(() => resolve('timeout'), 300_000);
        void openWorkbench(browser, workbenchUrl(server, { folder: workspace, extensionDevelopmentPath: host, extensionTestsPath: join(root, 'dist', 'test', 'vscode', 'index.js') }), {
          onLog: (_type, args) => {
            const text = (Array.isArray(args) ? args : [args]).map(String).join(' ');
            if (text.startsWith('[armonik-test] ')) lines.push(text.slice('[armonik-test] '.length));
          },
          onExit: (code) => {
            clearTimeout(timer);
            resolve(code);
          },
        });
      });
      const report = lines.join('\n');
      assert.equal(exit, 0, `the packaged-extension suite failed:\n${report}`);
      assert.match(report, /^4 passed, 0 failed/m);
    } finally {
      await browser.close();
      await server.stop();
    }
  } finally {
    scratch.dispose();
  }
});
