#!/usr/bin/env node
// Generates TypeScript types for our ArmoniK protos into src/armonik/wire/generated/.
//
// Uses proto-loader-gen-types (shipped with @grpc/proto-loader) with the SAME
// representation options as the runtime loader in src/armonik/wire/load.ts, so the
// generated types describe exactly the objects grpc-js hands us.
//
// Usage: node scripts/gen-wire-types.mjs [--force] [--quiet]
//   Skips work when no .proto (nor this script) is newer than the output stamp.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const protosDir = join(root, 'protos');
const serviceDir = join(protosDir, 'armonik', 'api', 'grpc', 'v1');
const outDir = join(root, 'src', 'armonik', 'wire', 'generated');
const stampFile = join(outDir, '.stamp');
// Name of the top-level ProtoGrpcType file: the generator names it after the entry proto.
const entryName = 'armonik';

// Keep in sync with PROTO_LOADER_OPTIONS in src/armonik/wire/load.ts.
const genOptions = [
  '--longs=Number',
  '--enums=String',
  '--bytes=Buffer',
  '--defaults',
  '--oneofs',
  '--arrays',
  '--objects',
  '--grpcLib=@grpc/grpc-js',
  // keepCase=false is the tool's default (camelCase); it has no --no-keepCase spelling we need.
];

const args = new Set(process.argv.slice(2));
const force = args.has('--force');
const quiet = args.has('--quiet');
const log = (msg) => {
  if (!quiet) console.log(`[gen-wire-types] ${msg}`);
};

function fail(msg, detail) {
  console.error(`[gen-wire-types] ERROR: ${msg}`);
  if (detail) console.error(detail.trimEnd());
  process.exit(1);
}

function listProtos(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) listProtos(path, out);
    else if (name.endsWith('.proto')) out.push(path);
  }
  return out;
}

if (!existsSync(serviceDir)) fail(`proto folder not found: ${relative(root, serviceDir)}`);
const protoFiles = listProtos(protosDir);
const serviceFiles = readdirSync(serviceDir)
  .filter((f) => f.endsWith('_service.proto'))
  .sort()
  .map((f) => `armonik/api/grpc/v1/${f}`);
if (serviceFiles.length === 0) fail(`no *_service.proto under ${relative(root, serviceDir)}`);

const newestInput = Math.max(statSync(fileURLToPath(import.meta.url)).mtimeMs, ...protoFiles.map((f) => statSync(f).mtimeMs));
const upToDate =
  existsSync(stampFile) && existsSync(join(outDir, `${entryName}.ts`)) && statSync(stampFile).mtimeMs >= newestInput;
if (upToDate && !force) {
  log('up to date');
  process.exit(0);
}

const require = createRequire(import.meta.url);
let genBin;
try {
  genBin = join(dirname(require.resolve('@grpc/proto-loader/package.json')), 'build', 'bin', 'proto-loader-gen-types.js');
} catch {
  fail('@grpc/proto-loader is not installed (run npm install)');
}

// The generator emits one ProtoGrpcType file per entry proto, named after it. A
// throw-away entry that imports every service gives a single armonik.ts covering all.
const entryDir = mkdtempSync(join(tmpdir(), 'armonik-gen-'));
writeFileSync(
  join(entryDir, `${entryName}.proto`),
  ['syntax = "proto3";', ...serviceFiles.map((f) => `import "${f}";`), ''].join('\n'),
);

// Generate next to the output and swap, so a concurrent reader (or a failed run)
// never sees a half-written tree, and files of deleted messages do not linger.
const stagingDir = `${outDir}.tmp-${process.pid}`;
rmSync(stagingDir, { recursive: true, force: true });
mkdirSync(stagingDir, { recursive: true });

const started = Date.now();
const run = spawnSync(
  process.execPath,
  // Relative include dir + cwd keep machine-specific absolute paths out of the
  // "Original file:" comments, so output is identical across checkouts.
  [genBin, ...genOptions, '-I', 'protos', '-I', entryDir, '-O', stagingDir, join(entryDir, `${entryName}.proto`)],
  { encoding: 'utf8', cwd: root },
);
rmSync(entryDir, { recursive: true, force: true });

// protobufjs reports syntax errors with a line number but no file name; on failure
// only, re-parse each proto on its own to say which file is broken.
function locateSyntaxErrors() {
  const protobuf = require('protobufjs');
  const found = [];
  for (const file of protoFiles) {
    try {
      protobuf.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      found.push(`  ${relative(root, file)}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return found;
}

const stderr = run.stderr ?? '';
if (run.error || run.status !== 0 || /not found in any of the include paths/.test(stderr)) {
  rmSync(stagingDir, { recursive: true, force: true });
  const syntax = locateSyntaxErrors();
  const detail = syntax.length
    ? ['syntax errors:', ...syntax].join('\n')
    : [run.error?.message, stderr.split('\n').filter((l) => !/^\s+at /.test(l)).join('\n'), run.stdout]
        .filter(Boolean)
        .join('\n');
  fail(`proto-loader-gen-types failed${run.status !== null ? ` (exit ${run.status})` : ''}; previous output kept`, detail);
}
if (!existsSync(join(stagingDir, `${entryName}.ts`))) {
  rmSync(stagingDir, { recursive: true, force: true });
  fail(`generator produced no ${entryName}.ts`, stderr);
}

writeFileSync(
  join(stagingDir, 'README.md'),
  '# Generated — do not edit\n\nProduced by `npm run gen` (scripts/gen-wire-types.mjs) from `protos/`. Import through `src/armonik/wire/types.ts` and `load.ts`, not from here.\n',
);
writeFileSync(join(stagingDir, '.stamp'), `${new Date().toISOString()}\n`);

const oldDir = `${outDir}.old-${process.pid}`;
try {
  renameSync(outDir, oldDir);
} catch (err) {
  if (err.code !== 'ENOENT') throw err;
}
try {
  renameSync(stagingDir, outDir);
} catch (err) {
  // A concurrent run swapped in its output (same inputs, same result) first: keep it.
  rmSync(stagingDir, { recursive: true, force: true });
  if (!existsSync(join(outDir, `${entryName}.ts`))) throw err;
}
rmSync(oldDir, { recursive: true, force: true });

log(`generated ${relative(root, outDir)} from ${serviceFiles.length} services in ${Date.now() - started} ms`);
