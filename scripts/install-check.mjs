#!/usr/bin/env node
// Installs packed tarballs the way a user does (`npm install -g`) into a scratch prefix and
// reports what would need more than copying files: a package that declares an install script
// (preinstall, install, postinstall), a binding.gyp (npm compiles it even without a script)
// or a prebuilt `.node` addon.
//
//   node scripts/install-check.mjs <a.tgz> [<b.tgz> ...]   prints the figures, exits 1 on a problem
//
// scripts/release.mjs runs the same check on every tarball of a release or dry run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall'];

/** Every file under `dir`, as paths relative to it. */
function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

/** The problems of an installed tree: install scripts, binding.gyp files and native addons. */
export function treeProblems(dir, files = filesUnder(dir)) {
  const problems = [];
  for (const file of files) {
    if (file.endsWith('.node')) problems.push(`${file} is a native addon`);
    if (file.endsWith('/binding.gyp')) problems.push(`${file}: npm compiles it on install`);
    if (!file.endsWith('/package.json')) continue;
    const manifest = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    for (const script of INSTALL_SCRIPTS) {
      if (manifest.scripts?.[script])
        problems.push(`${manifest.name}@${manifest.version} (${file}) declares "${script}": ${manifest.scripts[script]}`);
    }
  }
  return problems;
}

/** Runs `npm install -g --prefix <new dir>` of the tarballs; returns the prefix and the seconds it took. */
function installGlobally(tarballs, extraArgs = []) {
  const prefix = mkdtempSync(join(tmpdir(), 'install-check-'));
  const started = process.hrtime.bigint();
  const result = spawnSync('npm', ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', ...extraArgs, ...tarballs], {
    encoding: 'utf8',
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) {
    rmSync(prefix, { recursive: true, force: true });
    throw new Error(`npm install -g ${tarballs.join(' ')} failed:\n${result.stdout}${result.stderr}`);
  }
  return { prefix, seconds };
}

/**
 * Installs the tarballs globally twice, with and without `--ignore-scripts`, and returns the
 * problems (install scripts, binding.gyp, `.node` files, a tree that scripts would change) and
 * the figures of the plain install.
 */
export function installCheck(tarballs) {
  const plain = installGlobally(tarballs);
  const quiet = installGlobally(tarballs, ['--ignore-scripts']);
  try {
    const files = filesUnder(plain.prefix);
    const problems = treeProblems(plain.prefix, files);
    const same = JSON.stringify(files) === JSON.stringify(filesUnder(quiet.prefix));
    if (!same) problems.push('the installed tree differs with --ignore-scripts');
    const packages = files.filter((file) => /(^|\/)node_modules\/(@[^/]+\/)?[^/@]+\/package\.json$/.test(file)).length;
    const du = spawnSync('du', ['-sk', plain.prefix], { encoding: 'utf8' }).stdout;
    return { problems, packages, files: files.length, kib: Number.parseInt(du, 10), seconds: plain.seconds, prefix: plain.prefix };
  } finally {
    rmSync(quiet.prefix, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const tarballs = process.argv.slice(2).map((tarball) => resolve(tarball));
  if (tarballs.length === 0) {
    console.error('usage: node scripts/install-check.mjs <a.tgz> [<b.tgz> ...]');
    process.exit(2);
  }
  const report = installCheck(tarballs);
  console.log(
    `installed ${report.packages} packages, ${report.files} files, ${report.kib} KiB in ${report.seconds.toFixed(1)} s at ${report.prefix}`,
  );
  for (const problem of report.problems) console.log(`  - ${problem}`);
  console.log(
    report.problems.length === 0 ? 'no install scripts, no binding.gyp, no .node files; same tree with --ignore-scripts' : 'FAIL',
  );
  process.exit(report.problems.length === 0 ? 0 : 1);
}
