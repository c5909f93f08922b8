#!/usr/bin/env node
// The main job: start the sandbox with a generated ilert organization, sync it with the built
// baton-ilert into ./sync.c1z, then print the file's stats. Run through `npm run demo`, which
// installs and builds first.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { startSandbox } = await import(pathToFileURL(join(root, 'apps/sandbox/dist/index.js')).href);
const ilertBin = join(root, 'packages/connector-ilert/dist/main.js');
const file = join(root, 'sync.c1z');

const sandbox = await startSandbox({ seed: 42, ilert: { users: 2000, teams: 150 } });
const { baseUrl, token } = sandbox.services.ilert;
console.log(`sandbox: fake ilert API at ${baseUrl} (2000 users, 150 teams)`);

/**
 * Runs baton-ilert with the sandbox's credentials and resolves to its exit status. The child
 * runs asynchronously: the sandbox serves from this process's event loop.
 */
async function baton(...args) {
  const child = spawn(process.execPath, [ilertBin, ...args, '--file', file], {
    stdio: 'inherit',
    env: { ...process.env, BATON_ILERT_API_TOKEN: token, BATON_ILERT_BASE_URL: baseUrl, BATON_LOG_FORMAT: 'console' },
  });
  const [code] = await once(child, 'exit');
  return code ?? 1;
}

let status = 1;
try {
  status = await baton();
  if (status === 0) status = await baton('stats');
} finally {
  await sandbox.close();
}
console.log(status === 0 ? `\nwrote ${file}` : `\ndemo failed with exit code ${status}`);
process.exit(status);
