#!/usr/bin/env node
// Releases the published packages, or proves they can be released.
//
//   node scripts/release.mjs --dry-run   build and pack every published package into .release/,
//                                        check each tarball, print a table; changes nothing else
//   node scripts/release.mjs             changeset version -> install -> build -> the same checks
//                                        -> changeset publish
//
// A tarball passes when it holds its built bundle, LICENSE and README, no tests, fixtures or
// source maps, a package.json without workspace specifiers or private package names, and
// repository/homepage/bugs; publint (strict) and arethetypeswrong (ESM-only profile) accept it;
// and a bin reports the version of the package.json it was packed with. Then all tarballs
// together pass scripts/install-check.mjs: `npm install -g` of them runs no install script and
// compiles nothing, so a dependency that brings one fails the release. The installed bins then
// pass scripts/oldest-node-check.mjs under the oldest Node every package's `engines` names.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installCheck } from './install-check.mjs';
import { OLDEST_NODE } from './node-runtime.mjs';
import { enginesFloor, oldestNodeCheck } from './oldest-node-check.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, '.release');
const dryRun = process.argv.includes('--dry-run');
const { packageManager } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Runs a command, returning its output; a failure stops the release with the command's output. */
function run(command, args, cwd = root) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${result.stdout}${result.stderr}`);
  }
  return result.stdout;
}

const pnpm = (args, cwd) => run('npx', ['--yes', packageManager, ...args], cwd);

/** Every workspace package: its directory and package.json. */
function workspacePackages() {
  return ['packages', 'apps'].flatMap((group) =>
    readdirSync(join(root, group)).map((name) => {
      const dir = join(root, group, name);
      return { dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) };
    }),
  );
}

const FORBIDDEN_FILES = [/\.test\.[cm]?[jt]s$/, /\.test-d\.ts$/, /(^|\/)test\//, /fixtures?\//, /\.map$/, /\.test-support\./];
const REQUIRED_FILES = ['package/package.json', 'package/LICENSE', 'package/README.md'];
const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];

/** The problems of one packed package.json. */
function manifestProblems(manifest, privateNames) {
  const problems = [];
  for (const field of ['license', 'repository', 'homepage', 'bugs', 'engines']) {
    if (!manifest[field]) problems.push(`package.json has no "${field}"`);
  }
  for (const field of DEPENDENCY_FIELDS) {
    for (const [name, range] of Object.entries(manifest[field] ?? {})) {
      if (String(range).startsWith('workspace:')) problems.push(`${field}.${name} is "${range}"`);
      if (privateNames.has(name)) problems.push(`${field} names the private package ${name}`);
    }
  }
  return problems;
}

/** The problems of a tarball's file list. */
function contentProblems(entries) {
  const names = entries.map((entry) => entry.name);
  const problems = REQUIRED_FILES.filter((file) => !names.includes(file)).map((file) => `${file} is missing`);
  if (!names.some((name) => name.startsWith('package/dist/') && name.endsWith('.js'))) problems.push('no built dist/*.js');
  for (const name of names) {
    if (FORBIDDEN_FILES.some((pattern) => pattern.test(name.slice('package/'.length)))) problems.push(`${name} should not be published`);
  }
  return problems;
}

/** The tarball's entries with their sizes (`tar -tvzf`). */
function tarEntries(tarball) {
  return run('tar', ['-tvzf', tarball])
    .trim()
    .split('\n')
    .map((line) => {
      const fields = line.trim().split(/\s+/);
      return { size: Number(fields[2]), name: fields.slice(5).join(' ') };
    })
    .filter((entry) => !entry.name.endsWith('/'));
}

/** Problems of each bin: it must print the packed version for `--version`. */
function binProblems(dir, manifest) {
  return Object.entries(manifest.bin ?? {}).flatMap(([name, path]) => {
    const printed = run(process.execPath, [join(dir, path), '--version']).trim();
    return printed.includes(manifest.version) ? [] : [`${name} --version printed "${printed}", not ${manifest.version}`];
  });
}

/** Packs one package (its prepack builds it first) and checks the tarball. */
function packAndCheck({ dir, manifest }, privateNames) {
  const before = new Set(readdirSync(outDir));
  pnpm(['pack', '--pack-destination', outDir], dir);
  const tarball = join(
    outDir,
    readdirSync(outDir).find((name) => name.endsWith('.tgz') && !before.has(name)),
  );
  const entries = tarEntries(tarball);
  const packed = JSON.parse(run('tar', ['-xzOf', tarball, 'package/package.json']));
  const problems = [
    ...manifestProblems(packed, privateNames),
    ...contentProblems(entries),
    ...binProblems(dir, packed),
    ...toolProblems('publint', ['exec', 'publint', 'run', tarball, '--strict']),
    ...toolProblems('attw', ['exec', 'attw', tarball, '--profile', 'esm-only', '--format', 'ascii']),
  ];
  return {
    name: manifest.name,
    version: packed.version,
    tarball: tarball.slice(root.length + 1),
    tarballBytes: statSync(tarball).size,
    unpackedBytes: entries.reduce((sum, entry) => sum + entry.size, 0),
    files: entries.map((entry) => entry.name.slice('package/'.length)),
    problems,
  };
}

/** A checking tool's complaints, as one problem naming the tool. */
function toolProblems(tool, args) {
  const result = spawnSync('npx', ['--yes', packageManager, ...args], { cwd: root, encoding: 'utf8' });
  return result.status === 0 ? [] : [`${tool}: ${(result.stdout + result.stderr).trim()}`];
}

async function main() {
  const all = workspacePackages();
  const published = all.filter((pkg) => pkg.manifest.private !== true);
  const privateNames = new Set(all.filter((pkg) => pkg.manifest.private === true).map((pkg) => pkg.manifest.name));
  if (!dryRun) {
    pnpm(['exec', 'changeset', 'version']);
    pnpm(['install', '--no-frozen-lockfile']);
  }
  // A fresh dist/ for every package, so no file of an earlier build is packed.
  for (const pkg of all) rmSync(join(pkg.dir, 'dist'), { recursive: true, force: true });
  pnpm(['exec', 'turbo', 'run', 'build', '--output-logs=errors-only']);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const reports = published.map((pkg) => packAndCheck(pkg, privateNames));
  writeFileSync(join(outDir, 'report.json'), `${JSON.stringify(reports, null, 2)}\n`);
  for (const report of reports) {
    const size = `${(report.tarballBytes / 1024).toFixed(1)} KiB packed, ${(report.unpackedBytes / 1024).toFixed(1)} KiB unpacked`;
    console.log(`${report.problems.length ? 'FAIL' : 'ok  '} ${report.name}@${report.version}: ${report.files.length} files, ${size}`);
    for (const problem of report.problems) console.log(`     - ${problem}`);
  }
  const install = installCheck(reports.map((report) => join(root, report.tarball)));
  let oldest;
  try {
    oldest = await oldestNodeCheck(install.prefix, root);
  } finally {
    rmSync(install.prefix, { recursive: true, force: true });
  }
  const installed = `${install.packages} packages, ${(install.kib / 1024).toFixed(1)} MiB, ${install.seconds.toFixed(1)} s`;
  console.log(
    `${install.problems.length ? 'FAIL' : 'ok  '} npm install -g of every tarball: ${installed}, no install script or native addon`,
  );
  for (const problem of install.problems) console.log(`     - ${problem}`);
  for (const pkg of published) {
    const floor = enginesFloor(join(pkg.dir, 'package.json'));
    if (floor !== OLDEST_NODE) oldest.problems.push(`${pkg.manifest.name}'s engines start at ${floor}, not at the checked ${OLDEST_NODE}`);
  }
  console.log(`${oldest.problems.length ? 'FAIL' : 'ok  '} Node ${OLDEST_NODE}: ${oldest.figures}`);
  for (const problem of oldest.problems) console.log(`     - ${problem}`);
  const failed = [...reports.map((report) => report.problems), install.problems, oldest.problems].some((list) => list.length > 0);
  if (failed) process.exit(1);
  if (dryRun) console.log(`dry run: ${reports.length} tarballs in .release/, nothing published`);
  else pnpm(['exec', 'changeset', 'publish']);
}

await main();
