#!/usr/bin/env node
// Installs the offline "real VS Code" used by our extension-host and UI tests: code-server
// 4.100.3 (VS Code 1.100.3, the last line that runs on Node 20) and playwright-core into
// .vscode-test/ (git-ignored), so that `npm ci` of the project itself stays light.
// Idempotent: a second run only checks versions. Follows docs in /work/shared/vscode-offline-testing.md:
//   - Debian packages for code-server's native modules (+ ripgrep and chromium) when missing;
//   - npm_config_unsafe_perm (its postinstall refuses to run as root otherwise) and
//     npm_config_yes (node-pty's postinstall runs `npx node-gyp`, which would prompt);
//   - a ripgrep cache seed, because @vscode/ripgrep downloads `rg` in its postinstall and
//     only the npm registry is reachable here.
//
// Usage: node scripts/install-code-server.mjs [--quiet]
// Prints the code-server entry path on success (last line), exits non-zero with a reason.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, mkdtempSync, copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
export const PLAYWRIGHT_CORE_VERSION = '1.65.1';
const RIPGREP_CACHE = { dir: 'vscode-ripgrep-cache-1.15.11', file: 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz' };
const DEBIAN_PACKAGES = ['libkrb5-dev', 'libx11-dev', 'libxkbfile-dev', 'libsecret-1-dev', 'pkg-config', 'ripgrep', 'chromium'];

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const installDir = join(root, '.vscode-test');
export const codeServerEntry = join(installDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

const quiet = process.argv.includes('--quiet');
const log = (msg) => {
  if (!quiet) console.error(`[install-code-server] ${msg}`);
};

function fail(msg) {
  console.error(`[install-code-server] ERROR: ${msg}`);
  process.exit(1);
}

function installedVersion(pkg) {
  const file = join(installDir, 'node_modules', pkg, 'package.json');
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')).version;
  } catch {
    return undefined;
  }
}

function ensureDebianPackages() {
  if (process.platform !== 'linux' || !existsSync('/usr/bin/dpkg')) {
    log('not a Debian system: make sure a C/C++ toolchain, libkrb5, libx11, libxkbfile, libsecret, ripgrep and Chromium are installed');
    return;
  }
  const missing = DEBIAN_PACKAGES.filter((p) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', p], { encoding: 'utf8' });
    return r.status !== 0 || !r.stdout.includes('install ok installed');
  });
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    fail(`missing Debian packages: ${missing.join(' ')}. Install them with: sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`);
  }
  log(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
  if (update.status !== 0) fail('apt-get update failed');
  const install = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
  if (install.status !== 0) fail(`apt-get install ${missing.join(' ')} failed`);
}

/** @vscode/ripgrep's postinstall looks for this archive before trying to download. */
function seedRipgrepCache() {
  const dir = join(tmpdir(), RIPGREP_CACHE.dir);
  const archive = join(dir, RIPGREP_CACHE.file);
  if (existsSync(archive)) return;
  const rg = ['/usr/bin/rg', '/usr/local/bin/rg'].find((p) => existsSync(p));
  if (!rg) fail('ripgrep (rg) not found; install the Debian package "ripgrep"');
  mkdirSync(dir, { recursive: true });
  const staging = mkdtempSync(join(tmpdir(), 'rg-seed-'));
  copyFileSync(rg, join(staging, 'rg'));
  const tar = spawnSync('tar', ['-czf', archive, '-C', staging, 'rg'], { stdio: 'inherit' });
  rmSync(staging, { recursive: true, force: true });
  if (tar.status !== 0) fail(`could not create ${archive}`);
  log(`seeded ripgrep cache at ${archive}`);
}

function npmInstall(specs) {
  mkdirSync(installDir, { recursive: true });
  const pkgJson = join(installDir, 'package.json');
  if (!existsSync(pkgJson)) {
    writeFileSync(pkgJson, `${JSON.stringify({ name: 'armonik-trace-vscode-test', private: true, description: 'code-server and playwright-core for offline tests; see scripts/install-code-server.mjs' }, null, 2)}\n`);
  }
  log(`npm install ${specs.join(' ')} (about a minute the first time)`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['install', '--no-audit', '--no-fund', '--save-exact', ...specs], {
    cwd: installDir,
    stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
    env: { ...process.env, npm_config_unsafe_perm: 'true', npm_config_yes: 'true' },
  });
  if (r.status !== 0) fail(`npm install ${specs.join(' ')} failed (exit ${r.status}); see the output above`);
}

function main() {
  const wanted = [];
  if (installedVersion('code-server') !== CODE_SERVER_VERSION || !existsSync(codeServerEntry)) wanted.push(`code-server@${CODE_SERVER_VERSION}`);
  if (installedVersion('playwright-core') !== PLAYWRIGHT_CORE_VERSION) wanted.push(`playwright-core@${PLAYWRIGHT_CORE_VERSION}`);
  if (wanted.length > 0) {
    ensureDebianPackages();
    seedRipgrepCache();
    npmInstall(wanted);
  } else {
    log(`code-server ${CODE_SERVER_VERSION} and playwright-core ${PLAYWRIGHT_CORE_VERSION} already installed`);
  }
  if (!existsSync(codeServerEntry)) fail(`code-server entry not found at ${codeServerEntry} after install`);
  const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
  if (!chromium) fail('Chromium not found at /usr/bin/chromium; install the Debian package "chromium"');
  console.log(codeServerEntry);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
