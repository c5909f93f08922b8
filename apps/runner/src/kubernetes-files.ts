import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { renderKubernetesManifests, type ConnectorSetting } from './kubernetes.js';

const run = promisify(execFile);

/** The part of a connector's `config` JSON schema the manifests need. */
interface ConfigDocument {
  properties: Record<string, { description?: string; 'x-env'?: string; 'x-secret'?: boolean }>;
  required?: string[];
}

/** The env names of service mode's own credentials, which the manifests add themselves. */
const C1_ENV = new Set(['BATON_CLIENT_ID', 'BATON_CLIENT_SECRET']);

/** The connector's required and secret settings, as its own `config` command prints them. */
export function settingsFromConfigSchema(document: ConfigDocument): ConnectorSetting[] {
  const required = new Set(document.required ?? []);
  return Object.entries(document.properties)
    .map(([name, property]) => ({
      env: property['x-env'] ?? '',
      description: property.description ?? name,
      required: required.has(name),
      secret: property['x-secret'] === true,
    }))
    .filter((setting) => setting.env !== '' && !C1_ENV.has(setting.env) && (setting.required || setting.secret));
}

/**
 * The connector's required and secret settings, as `<executable> [...args] config` prints them
 * (a command that needs no credentials): the built binary, or `node dist/main.js`.
 */
export async function connectorSettings(executable: string, args: string[] = []): Promise<ConnectorSetting[]> {
  const { stdout } = await run(executable, [...args, 'config'], { maxBuffer: 16 * 1024 * 1024 });
  return settingsFromConfigSchema(JSON.parse(stdout) as ConfigDocument);
}

/**
 * Asks the built executable for its settings and writes `kubernetes/service.yaml` and
 * `kubernetes/cronjob.yaml` into `outDir`.
 */
export async function writeKubernetesFiles(outDir: string, binaryPath: string, binaryName: string, image: string): Promise<void> {
  const settings = await connectorSettings(binaryPath);
  const files = renderKubernetesManifests({ binaryName, image, settings });
  const dir = join(outDir, 'kubernetes');
  await mkdir(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
}
