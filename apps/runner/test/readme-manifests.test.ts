/**
 * Each connector README's Kubernetes section shows the `kubernetes/service.yaml` the runner
 * writes for that connector, so the two cannot drift. The block follows the marker
 * `<!-- c1-runner: kubernetes/service.yaml -->`; its image tag reads `:<version>` where the
 * runner writes the package's version. The settings come from the built connector's own
 * `config` command, as in a build. `UPDATE_READMES=1` rewrites the blocks instead of comparing.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { discoverConnectors } from '../src/connectors.js';
import { connectorSettings } from '../src/kubernetes-files.js';
import { renderKubernetesManifests } from '../src/kubernetes.js';
import { imageTag } from '../src/manifest.js';

const workspaceRoot = fileURLToPath(new URL('../../../', import.meta.url));
const connectors = discoverConnectors(workspaceRoot);
const BLOCK = /(<!-- c1-runner: kubernetes\/service\.yaml -->\n\n?```yaml\n)([\s\S]*?)(```)/;

describe('the Kubernetes section of each connector README', () => {
  it('covers every connector of the workspace', () => {
    expect(connectors.map((connector) => connector.name)).toEqual(['ilert', 'ironclad', 'rudderstack', 'scalr', 'teamtailor']);
  });

  it.each(connectors.map((connector) => [connector.name, connector] as const))(
    '%s: shows the service.yaml the runner writes, and names cronjob.yaml',
    async (_name, connector) => {
      expect(existsSync(connector.entry), `${connector.entry} is missing: build the workspace first`).toBe(true);
      const readmePath = join(connector.dir, 'README.md');
      const readme = await readFile(readmePath, 'utf8');
      const settings = await connectorSettings(process.execPath, [connector.entry]);
      const written = renderKubernetesManifests({
        binaryName: connector.binaryName,
        image: imageTag(connector.binaryName, '<version>'),
        settings,
      })['service.yaml'];
      if (process.env['UPDATE_READMES'] === '1' && BLOCK.test(readme)) {
        await writeFile(
          readmePath,
          readme.replace(BLOCK, (_all, open: string, _old: string, close: string) => `${open}${written}${close}`),
        );
        return;
      }
      const shown = BLOCK.exec(readme)?.[2];
      expect(shown, `${readmePath} has no "<!-- c1-runner: kubernetes/service.yaml -->" yaml block`).toBeDefined();
      expect(shown).toBe(written);
      expect(readme).toContain('`kubernetes/cronjob.yaml`');
    },
  );
});
