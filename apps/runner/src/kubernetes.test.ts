import { Deployment } from 'kubernetes-models/apps/v1';
import { CronJob } from 'kubernetes-models/batch/v1';
import { PersistentVolumeClaim, Secret } from 'kubernetes-models/v1';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { settingsFromConfigSchema } from './kubernetes-files.js';
import { IMAGE_UID, kubernetesObjects, renderKubernetesManifests } from './kubernetes.js';

const ironcladSchema = {
  properties: {
    file: { description: 'The c1z file', 'x-env': 'BATON_FILE' },
    'client-id': { description: 'C1 client id', 'x-env': 'BATON_CLIENT_ID' },
    'client-secret': { description: 'C1 client secret', 'x-env': 'BATON_CLIENT_SECRET', 'x-secret': true },
    'ic-client-id': { description: 'Client ID of the Ironclad OAuth app', 'x-env': 'BATON_IC_CLIENT_ID' },
    'ic-client-secret': { description: 'Client secret', 'x-env': 'BATON_IC_CLIENT_SECRET', 'x-secret': true },
    'ic-as-user-email': { description: 'Admin email', 'x-env': 'BATON_IC_AS_USER_EMAIL' },
    environment: { description: 'Ironclad environment', 'x-env': 'BATON_ENVIRONMENT' },
  },
  required: ['ic-client-id', 'ic-client-secret', 'ic-as-user-email'],
};
const input = {
  binaryName: 'baton-ironclad',
  image: 'ghcr.io/c1/baton-ironclad:0.1.0',
  settings: settingsFromConfigSchema(ironcladSchema),
};

/** Validates each object against the Kubernetes JSON schema of its kind; throws on the first error. */
function validate(object: Record<string, unknown>): void {
  const models = { Secret, Deployment, CronJob, PersistentVolumeClaim } as const;
  const Model = models[object['kind'] as keyof typeof models];
  expect(Model, `unexpected kind ${String(object['kind'])}`).toBeDefined();
  new Model(object as never).validate();
}

describe('Kubernetes manifests', () => {
  it('takes the required and secret connector settings, not the SDK flags or C1 credentials', () => {
    expect(input.settings.map((setting) => setting.env)).toEqual([
      'BATON_IC_CLIENT_ID',
      'BATON_IC_CLIENT_SECRET',
      'BATON_IC_AS_USER_EMAIL',
    ]);
  });

  it('writes objects that pass the Kubernetes schemas of their kinds', () => {
    const { service, cronJob } = kubernetesObjects(input);
    expect([...service, ...cronJob].map((object) => object['kind'])).toEqual(['Secret', 'Deployment', 'PersistentVolumeClaim', 'CronJob']);
    for (const object of [...service, ...cronJob]) validate(object);
  });

  it('rejects an object the schema does not allow, so the check above can fail', () => {
    const [secret] = kubernetesObjects(input).service;
    expect(() => validate({ ...secret, stringData: { BATON_CLIENT_ID: 42 } })).toThrow();
  });

  it('puts the C1 and API credentials in the Secret the Deployment reads, and runs as a numeric non-root user', () => {
    const files = renderKubernetesManifests(input);
    const [secret, deployment] = parseAllDocuments(files['service.yaml']).map((doc) => doc.toJS());
    expect(Object.keys(secret.stringData)).toEqual([
      'BATON_CLIENT_ID',
      'BATON_CLIENT_SECRET',
      'BATON_IC_CLIENT_ID',
      'BATON_IC_CLIENT_SECRET',
      'BATON_IC_AS_USER_EMAIL',
    ]);
    const pod = deployment.spec.template.spec;
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: IMAGE_UID, runAsGroup: IMAGE_UID });
    expect(pod.containers[0]).toMatchObject({
      image: 'ghcr.io/c1/baton-ironclad:0.1.0',
      envFrom: [{ secretRef: { name: secret.metadata.name } }],
      securityContext: { readOnlyRootFilesystem: true, allowPrivilegeEscalation: false },
    });
  });

  it('keeps the C1 credentials out of the CronJob, so it syncs once instead of entering service mode', () => {
    const [, cronJob] = parseAllDocuments(renderKubernetesManifests(input)['cronjob.yaml']).map((doc) => doc.toJS());
    const container = cronJob.spec.jobTemplate.spec.template.spec.containers[0];
    expect(container.envFrom).toBeUndefined();
    expect(container.env.map((entry: { name: string }) => entry.name)).toEqual([
      'BATON_IC_CLIENT_ID',
      'BATON_IC_CLIENT_SECRET',
      'BATON_IC_AS_USER_EMAIL',
    ]);
    expect(container.args).toEqual(['--file', '/data/sync.c1z', '--log-format', 'json']);
  });

  it('logs JSON, serves the health probes the Deployment checks, and gives the read-only pod a writable /tmp', () => {
    const [, deployment] = parseAllDocuments(renderKubernetesManifests(input)['service.yaml']).map((doc) => doc.toJS());
    const pod = deployment.spec.template.spec;
    const container = pod.containers[0];
    expect(container.args).toEqual(['--log-format', 'json']);
    expect(container.env).toEqual(
      expect.arrayContaining([
        { name: 'BATON_HEALTH_CHECK', value: 'true' },
        { name: 'BATON_HEALTH_CHECK_BIND_ADDRESS', value: '0.0.0.0' },
      ]),
    );
    expect(container.ports).toEqual([{ name: 'health', containerPort: 8081 }]);
    expect(container.readinessProbe).toEqual({ httpGet: { path: '/ready', port: 'health' } });
    expect(container.livenessProbe).toEqual({ httpGet: { path: '/live', port: 'health' } });
    expect(container.volumeMounts).toContainEqual({ name: 'tmp', mountPath: '/tmp' });
    expect(pod.volumes).toContainEqual({ name: 'tmp', emptyDir: {} });
  });
});
