import { Writable } from 'node:stream';
import { defineConfig } from '../config/index.js';
import { defineConnector } from '../connector/index.js';
import type { AccountInfo, ConnectorDefinition, CredentialOptionKind, CredentialOptions, Page, Provisioner } from '../connector/index.js';
import { ConnectorError } from '../errors/index.js';
import { defineResourceType, entitlement, grant, groupResource, userResource } from '../model/index.js';
import type { Entitlement, Grant, Resource } from '../model/index.js';
import { runCli } from './run-cli.js';

/** The token the test connector accepts; anything else is "rejected by the API". */
export const GOOD_TOKEN = 'demo-token-0123456789';

/** The data the test connector serves; tests change it between syncs. */
export interface DemoData {
  users: { id: string; name: string; email: string }[];
  teams: { id: string; name: string; members: string[] }[];
}

/** What the test connector's provisioner and account manager were asked to do. */
export interface DemoCalls {
  granted: string[];
  revoked: string[];
  accounts: { info: AccountInfo; credentials: CredentialOptions }[];
  runtime: { userAgent: string; timeoutMs: number; provisioning: boolean }[];
}

/** A token that makes the test connector's `create` fail with a plain (unexpected) Error. */
export const CRASHING_TOKEN = 'crash-token-0123456789';

/** A plaintext password the account manager returns; it must never be printed. */
export const NEW_ACCOUNT_PASSWORD = 'Xq7!vN2#pL9@wR4$';

/** Three users in two teams. */
export function demoData(): DemoData {
  return {
    users: [
      { id: '1', name: 'Ada Lovelace', email: 'ada@example.com' },
      { id: '2', name: 'Grace Hopper', email: 'grace@example.com' },
      { id: '3', name: 'Alan Turing', email: 'alan@example.com' },
    ],
    teams: [
      { id: '901', name: 'Platform', members: ['1', '2'] },
      { id: '902', name: 'Support', members: ['3'] },
    ],
  };
}

const USER = defineResourceType({ id: 'user', displayName: 'User', traits: ['USER'] });
const TEAM = defineResourceType({ id: 'team', displayName: 'Team', traits: ['GROUP'] });

function one<T>(items: T[]): Page<T> {
  return { items };
}

/** Grants and revokes team membership in `data`, recording each change in `calls`. */
function demoProvisioner(data: DemoData, calls: DemoCalls): Provisioner {
  return {
    async grant(principal, ent) {
      const team = data.teams.find((candidate) => candidate.id === ent.resource.id.resource);
      if (team?.members.includes(principal.id.resource)) return { outcome: 'already-exists' };
      calls.granted.push(`${ent.id}:${principal.id.resourceType}:${principal.id.resource}`);
      team?.members.push(principal.id.resource);
      return { outcome: 'granted' };
    },
    async revoke(existing) {
      const team = data.teams.find((candidate) => candidate.id === existing.entitlement.resource.id.resource);
      const index = team?.members.indexOf(existing.principal.id.resource) ?? -1;
      if (!team || index === -1) return { outcome: 'already-revoked' };
      calls.revoked.push(existing.id);
      team.members.splice(index, 1);
      return { outcome: 'revoked' };
    },
  };
}

/**
 * A connector with two resource types (user, team), a provisioner on teams and an account
 * manager, built from the model builders and the contract only.
 */
export function demoDefinition(
  data: DemoData,
  calls: DemoCalls,
  credentialOptions: CredentialOptionKind[] = ['random-password', 'no-password'],
): ConnectorDefinition {
  const config = defineConfig({
    fields: {
      'demo-token': { type: 'string', secret: true, required: true, description: 'API token of the demo service' },
      'demo-region': { type: 'string', choices: ['eu', 'us'], default: 'eu', description: 'Region of the demo service' },
    },
  });
  return defineConnector({
    name: 'demo',
    version: '1.2.3',
    config,
    declaration: {
      metadata: { displayName: 'Demo' },
      resourceTypes: [{ resourceType: USER }, { resourceType: TEAM, provisions: true }],
      accountCreation: { supportedCredentialOptions: credentialOptions, preferredCredentialOption: 'random-password' },
    },
    create(values, runtime) {
      calls.runtime.push({ ...runtime.http, provisioning: runtime.provisioning });
      const token = values['demo-token'];
      if (token === CRASHING_TOKEN) throw new TypeError('demo client exploded');
      const userOf = (id: string): Resource => {
        const user = data.users.find((candidate) => candidate.id === id);
        return userResource({
          type: USER,
          id,
          displayName: user?.name ?? id,
          user: { emails: user ? [{ address: user.email, isPrimary: true }] : [] },
        });
      };
      const teamOf = (team: DemoData['teams'][number]): Resource => groupResource({ type: TEAM, id: team.id, displayName: team.name });
      const membership = (team: Resource): Entitlement =>
        entitlement({ resource: team, slug: 'member', purpose: 'ASSIGNMENT', grantableTo: [USER] });
      return {
        metadata: { displayName: 'Demo' },
        async validate() {
          if (token !== GOOD_TOKEN) {
            throw new ConnectorError('demo rejected the API token (401) - check --demo-token / BATON_DEMO_TOKEN', {
              code: 'unauthenticated',
              status: 401,
            });
          }
          return [{ name: 'API token accepted', detail: `${data.users.length} users visible` }];
        },
        resourceSyncers: [
          { resourceType: USER, list: async () => one(data.users.map((user) => userOf(user.id))) },
          {
            resourceType: TEAM,
            list: async () => one(data.teams.map(teamOf)),
            entitlements: async (team) => one([membership(team)]),
            grants: async (team): Promise<Page<Grant>> => {
              const members = data.teams.find((candidate) => candidate.id === team.id.resource)?.members ?? [];
              return one(members.map((id) => grant({ entitlement: membership(team), principal: userOf(id) })));
            },
            provisioner: demoProvisioner(data, calls),
          },
        ],
        accountManager: {
          capabilityDetails: { supportedCredentialOptions: credentialOptions, preferredCredentialOption: 'random-password' },
          async createAccount(info, credentials) {
            calls.accounts.push({ info, credentials });
            const id = String(100 + calls.accounts.length);
            return {
              outcome: 'created',
              resource: userResource({ type: USER, id, displayName: info.login ?? id, profile: info.profile }),
              secrets: [{ name: 'password', bytes: new TextEncoder().encode(NEW_ACCOUNT_PASSWORD) }],
            };
          },
        },
      };
    },
  });
}

/** A writable stream that keeps what was written, optionally pretending to be a terminal. */
export class MemoryStream extends Writable {
  text = '';
  isTTY: boolean;

  constructor(tty = false) {
    super();
    this.isTTY = tty;
  }

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** Runs the demo binary with in-memory streams and returns the exit code and output. */
export async function runDemo(
  argv: string[],
  options: {
    data?: DemoData;
    calls?: DemoCalls;
    env?: Record<string, string>;
    cwd: string;
    ttyStdout?: boolean;
    signal?: AbortSignal;
    credentialOptions?: CredentialOptionKind[];
  },
): Promise<{ code: number; stdout: string; stderr: string; calls: DemoCalls }> {
  const calls = options.calls ?? emptyCalls();
  const stdout = new MemoryStream(options.ttyStdout ?? false);
  const stderr = new MemoryStream();
  const code = await runCli(demoDefinition(options.data ?? demoData(), calls, options.credentialOptions), {
    argv,
    env: options.env ?? {},
    stdout,
    stderr,
    cwd: options.cwd,
    ...(options.signal && { signal: options.signal }),
  });
  return { code, stdout: stdout.text, stderr: stderr.text, calls };
}

/** A fresh record of calls. */
export function emptyCalls(): DemoCalls {
  return { granted: [], revoked: [], accounts: [], runtime: [] };
}
