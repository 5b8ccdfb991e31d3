#!/usr/bin/env node
// The in-host suites (test/vscode/) in desktop VS Code, for contributors who have internet access
// and a display: @vscode/test-electron 2.5.2 downloads VS Code (it cannot here: this project's CI
// runs the same suites in code-server through scripts/vscode-host-tests.mjs instead).
//
// Usage: node scripts/vscode-electron-tests.mjs [--vscode-version 1.100.3|stable] [--grep REGEX]
// On a Linux machine without a display: xvfb-run -a node scripts/vscode-electron-tests.mjs
import { join } from 'node:path';
import { build, prepareWorkspace, root, scratchDir } from './code-server-session.mjs';

const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : fallback;
};

let runTests;
try {
  ({ runTests } = await import('@vscode/test-electron'));
} catch {
  console.error('vscode-electron-tests: @vscode/test-electron is not installed (npm install)');
  process.exit(1);
}

build();
const workspace = scratchDir('electron-workspace');
prepareWorkspace(workspace.dir, { settings: { 'files.associations': { '*.log': 'log' } } });
const grep = option('--grep');
try {
  // The suites print their own `N passed, N failed` line; runTests rejects when they fail.
  await runTests({
    version: option('--vscode-version', '1.100.3'),
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'dist', 'test', 'vscode', 'index.js'),
    launchArgs: [workspace.dir, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    extensionTestsEnv: grep ? { ARMONIK_TEST_GREP: grep } : {},
  });
} catch (error) {
  console.error(`vscode-electron-tests: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  workspace.dispose();
}
