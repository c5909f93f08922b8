import { stringify } from 'yaml';

/** The numeric user and group the image runs as (distroless's `nonroot`). */
export const IMAGE_UID = 65532;

/** Where the image expects its one writable volume. */
export const DATA_DIR = '/data';

/** One setting of a connector, as its `config` command describes it. */
export interface ConnectorSetting {
  /** `BATON_ILERT_API_TOKEN`. */
  env: string;
  description: string;
  required: boolean;
  secret: boolean;
}

/** What {@link renderKubernetesManifests} needs. */
export interface KubernetesInput {
  /** `baton-ilert`. */
  binaryName: string;
  /** The image reference the workloads run. */
  image: string;
  /** The connector's own settings (not the SDK's standard flags). */
  settings: ConnectorSetting[];
}

type Manifest = Record<string, unknown>;

/** Service-mode credentials: present in the Secret, they make the Deployment take tasks from C1. */
const C1_CREDENTIALS: ConnectorSetting[] = [
  { env: 'BATON_CLIENT_ID', description: 'ConductorOne client id', required: true, secret: true },
  { env: 'BATON_CLIENT_SECRET', description: 'ConductorOne client secret', required: true, secret: true },
];

/** The connector settings that go in the Secret: the required ones and every secret. */
function secretSettings(settings: ConnectorSetting[]): ConnectorSetting[] {
  return settings.filter((setting) => setting.required || setting.secret);
}

function secretManifest(name: string, settings: ConnectorSetting[]): Manifest {
  const stringData = Object.fromEntries(
    [...C1_CREDENTIALS, ...secretSettings(settings)].map((setting) => [setting.env, `<${setting.description}>`]),
  );
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name: `${name}-secrets` }, type: 'Opaque', stringData };
}

/** Where a sync keeps its working files (the SDK's temporary directory): an emptyDir, the root being read-only. */
const TMP_DIR = '/tmp';

/** The port `--health-check` serves `/live`, `/ready` and `/health` on (the SDK's default). */
const HEALTH_PORT = 8081;

/**
 * A pod that runs as the image's numeric user with a read-only root, the `data` volume on
 * `/data` and an emptyDir on `/tmp`.
 */
function podSpec(container: Manifest, volume: Manifest, restartPolicy?: string): Manifest {
  return {
    ...(restartPolicy && { restartPolicy }),
    securityContext: {
      runAsNonRoot: true,
      runAsUser: IMAGE_UID,
      runAsGroup: IMAGE_UID,
      fsGroup: IMAGE_UID,
      seccompProfile: { type: 'RuntimeDefault' },
    },
    containers: [
      {
        ...container,
        imagePullPolicy: 'IfNotPresent',
        securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
        resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '1Gi' } },
        volumeMounts: [
          { name: 'data', mountPath: DATA_DIR },
          { name: 'tmp', mountPath: TMP_DIR },
        ],
      },
    ],
    volumes: [
      { name: 'data', ...volume },
      { name: 'tmp', emptyDir: {} },
    ],
  };
}

function deploymentManifest(input: KubernetesInput): Manifest {
  const name = input.binaryName;
  const labels = { app: name, baton: 'true', 'baton-app': name.replace(/^baton-/, '') };
  const probe = (path: string) => ({ httpGet: { path, port: 'health' } });
  const container = {
    name,
    image: input.image,
    args: ['--log-format', 'json'],
    env: [
      { name: 'BATON_HOST_ID', value: name },
      { name: 'BATON_HEALTH_CHECK', value: 'true' },
      { name: 'BATON_HEALTH_CHECK_BIND_ADDRESS', value: '0.0.0.0' },
    ],
    envFrom: [{ secretRef: { name: `${name}-secrets` } }],
    ports: [{ name: 'health', containerPort: HEALTH_PORT }],
    readinessProbe: probe('/ready'),
    livenessProbe: probe('/live'),
  };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels },
    spec: {
      replicas: 1,
      strategy: { type: 'Recreate' },
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels }, spec: podSpec(container, { emptyDir: {} }) },
    },
  };
}

/**
 * A CronJob for one-shot syncs into a persistent volume. It takes only the connector's own
 * keys from the Secret (not the C1 credentials, which would switch it to service mode).
 */
function cronJobManifests(input: KubernetesInput): Manifest[] {
  const name = input.binaryName;
  const env = secretSettings(input.settings).map((setting) => ({
    name: setting.env,
    valueFrom: { secretKeyRef: { name: `${name}-secrets`, key: setting.env, ...(!setting.required && { optional: true }) } },
  }));
  const container = { name, image: input.image, args: ['--file', `${DATA_DIR}/sync.c1z`, '--log-format', 'json'], env };
  const claim = {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: `${name}-data` },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
  };
  const cronJob = {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: `${name}-sync` },
    spec: {
      schedule: '0 */6 * * *',
      concurrencyPolicy: 'Forbid',
      jobTemplate: {
        spec: {
          backoffLimit: 2,
          template: { spec: podSpec(container, { persistentVolumeClaim: { claimName: `${name}-data` } }, 'Never') },
        },
      },
    },
  };
  return [claim, cronJob];
}

/** The objects of both files, for validation. */
export function kubernetesObjects(input: KubernetesInput): { service: Manifest[]; cronJob: Manifest[] } {
  return { service: [secretManifest(input.binaryName, input.settings), deploymentManifest(input)], cronJob: cronJobManifests(input) };
}

/** Multi-document YAML of some objects. */
export function toYaml(objects: Manifest[]): string {
  // No anchors and aliases for repeated objects (the labels): each manifest reads on its own.
  return objects.map((object) => stringify(object, { lineWidth: 0, aliasDuplicateObjects: false })).join('---\n');
}

/**
 * The Kubernetes files of one connector: `kubernetes/service.yaml` (the Secret with the C1 and
 * API credentials, and a Deployment in service mode with JSON logs and health probes) and `kubernetes/cronjob.yaml` (a volume
 * claim and a CronJob syncing into it every six hours).
 */
export function renderKubernetesManifests(input: KubernetesInput): { 'service.yaml': string; 'cronjob.yaml': string } {
  const objects = kubernetesObjects(input);
  return { 'service.yaml': toYaml(objects.service), 'cronjob.yaml': toYaml(objects.cronJob) };
}
