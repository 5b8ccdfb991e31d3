// Bundles each entry point of the product separately. Type checking is `npm run typecheck`;
// esbuild only transpiles and bundles.
//   node esbuild.config.mjs [--watch] [--production] [--only=extension,extension-core,webview,cli,simulator,tests]
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const argv = process.argv.slice(2);
const watch = argv.includes('--watch');
const production = argv.includes('--production');
const onlyArg = argv.find((a) => a.startsWith('--only='));
const only = onlyArg ? new Set(onlyArg.slice('--only='.length).split(',')) : undefined;

const node = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  sourcesContent: false,
  minify: production,
  logLevel: 'warning',
  // `vscode` is provided by the extension host. The optional native/peer modules below are
  // never reached at run time but are referenced by libraries we bundle.
  external: ['vscode'],
};

// The extension loads its heavy half (gRPC client, trace engine, YAML) from a bundle of its own
// on first use (src/extension/core/load-core.ts), so activation compiles ~10% of the code.
const coreAsSeparateBundle = {
  name: 'extension-core-as-separate-bundle',
  setup(build) {
    build.onResolve({ filter: /^\.\/extension-core$/ }, () => ({ path: './extension-core.js', external: true }));
  },
};

/** name → esbuild options */
const entries = {
  extension: { ...node, entryPoints: ['src/extension/main.ts'], outfile: 'dist/extension.js', plugins: [coreAsSeparateBundle] },
  'extension-core': { ...node, entryPoints: ['src/extension/core/extension-core.ts'], outfile: 'dist/extension-core.js' },
  cli: {
    ...node,
    entryPoints: ['src/trace/cli/main.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
  },
  simulator: { ...node, entryPoints: ['src/simulator/main.ts'], outfile: 'dist/simulator.js' },
  webview: {
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    sourcemap: !production,
    sourcesContent: false,
    minify: production,
    logLevel: 'warning',
    entryPoints: ['webview/main.ts'],
    outfile: 'dist/webview.js',
  },
  // Suites that run inside a real extension host (code-server); see test/vscode/.
  tests: {
    ...node,
    external: ['vscode', 'playwright-core'],
    entryPoints: ['test/vscode/index.ts'],
    outfile: 'dist/test/vscode/index.js',
  },
};

const selected = Object.entries(entries).filter(([name]) => !only || only.has(name));
const missing = selected.filter(([, o]) => !existsSync(o.entryPoints[0]));
if (missing.length > 0) {
  console.error(`esbuild: missing entry point(s): ${missing.map(([n, o]) => `${n} (${o.entryPoints[0]})`).join(', ')}`);
  process.exit(1);
}

const contexts = await Promise.all(selected.map(([, options]) => esbuild.context(options)));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
  console.log(`esbuild: watching ${selected.map(([n]) => n).join(', ')}`);
} else {
  try {
    await Promise.all(contexts.map((c) => c.rebuild()));
  } catch {
    process.exitCode = 1;
  } finally {
    await Promise.all(contexts.map((c) => c.dispose()));
  }
}
