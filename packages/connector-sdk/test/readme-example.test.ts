/**
 * Keeps the README's walk-through honest: its code blocks are the files in examples/acme,
 * those files compile, and the example's own tests (imported below) run against MockAgent.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import '../examples/acme/connector.test.js';
import '../examples/jsonapi/connector.test.js';
import '../examples/scim/connector.test.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const exampleDir = join(packageDir, 'examples', 'acme');

async function readmeExamples(): Promise<Map<string, string>> {
  const readme = await readFile(join(packageDir, 'README.md'), 'utf8');
  const blocks = new Map<string, string>();
  for (const match of readme.matchAll(/<!-- example: (\S+) -->\n\n?```ts\n([\s\S]*?)```/g)) {
    blocks.set(match[1] as string, match[2] as string);
  }
  return blocks;
}

describe('README example', () => {
  it('shows every file of examples/acme verbatim', async () => {
    const blocks = await readmeExamples();
    const files = (await readdir(exampleDir)).filter((name) => name.endsWith('.ts')).sort();
    expect([...blocks.keys()].filter((key) => key.startsWith('examples/acme/')).sort()).toEqual(
      files.map((name) => `examples/acme/${name}`).sort(),
    );
    for (const name of files) {
      expect(blocks.get(`examples/acme/${name}`), name).toBe(await readFile(join(exampleDir, name), 'utf8'));
    }
  });

  it('shows the protocol kit examples verbatim', async () => {
    const blocks = await readmeExamples();
    for (const name of ['examples/scim/connector.ts', 'examples/jsonapi/connector.ts']) {
      expect(blocks.get(name), name).toBe(await readFile(join(packageDir, name), 'utf8'));
    }
  });

  it('compiles with tsc', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'readme-example-'));
    try {
      const config = join(dir, 'tsconfig.json');
      await writeFile(
        config,
        JSON.stringify({
          extends: join(packageDir, 'tsconfig.json'),
          compilerOptions: { noEmit: true, rootDir: packageDir, typeRoots: [join(packageDir, 'node_modules', '@types')] },
          include: [join(exampleDir, '*.ts')],
        }),
      );
      const tsc = join(packageDir, 'node_modules', 'typescript', 'bin', 'tsc');
      const result = await promisify(execFile)(process.execPath, [tsc, '-p', config], { cwd: packageDir }).catch(
        (error: { stdout?: string }) => ({ stdout: error.stdout ?? String(error) }),
      );
      expect(result.stdout).toBe('');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
