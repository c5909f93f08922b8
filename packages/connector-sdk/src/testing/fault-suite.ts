/**
 * The scenarios a connector's fault suite runs against its fake API, on an {@link E2eFixture}.
 * Like the other end-to-end checks they return what went wrong instead of asserting, so they
 * work with any test framework: `expect(outcome.problems).toEqual([])`.
 */
import type { CliRunResult } from './connector-cli.js';
import type { ClosableFake, E2eFixture, E2eSyncOptions } from './e2e-fixture.js';
import { readLatestSyncContent, type SyncContent } from './sync-content.js';

/** What {@link stormThenResume} runs. */
export interface StormThenResumeOptions<C> {
  /** The sync the storm breaks: its options, with the fault armed by `during` (or set on the fake before the call). */
  storm: E2eSyncOptions;
  /** Read right after the failed run, before the faults are cleared: e.g. how many requests the storm took. */
  countRequests?: () => C;
  /** Clears the fake's faults before the next run. */
  clearFaults: () => void;
  /** The next run's options; default `{ logLevel: 'info' }`, so its log says whether it resumed. */
  next?: E2eSyncOptions;
  /** Whether the next run must log that it resumed from the failed one's checkpoint; default true. */
  resumes?: boolean;
  /** What the file must hold after the next run: the content of a sync without faults. */
  expected: SyncContent;
}

/** How {@link stormThenResume} went. */
export interface StormThenResumeOutcome<C> {
  /** The failed run, to check its exit code and message (`failureProblems`). */
  storm: CliRunResult;
  /** What `countRequests` read after it. */
  requests: C | undefined;
  /** The run after the faults were cleared. */
  next: CliRunResult;
  /**
   * What broke the scenario: the failed run changed the previous file, the next run did not
   * exit 0, printed a secret, did not resume, or left other content than `expected`.
   */
  problems: string[];
}

/**
 * The 5xx-storm scenario: a sync fails under a fault that outlasts its retries and must leave the
 * previous file byte for byte as it was; once the fault is gone the next run completes (resuming
 * where the failed one stopped) with the same content as a sync without faults.
 */
export async function stormThenResume<F extends ClosableFake, C = undefined>(
  fixture: E2eFixture<F>,
  options: StormThenResumeOptions<C>,
): Promise<StormThenResumeOutcome<C>> {
  let storm: CliRunResult | undefined;
  const unchanged = await fixture.fileUnchangedBy(async () => {
    storm = await fixture.sync(options.storm);
  });
  const requests = options.countRequests?.();
  options.clearFaults();
  const next = await fixture.sync(options.next ?? { logLevel: 'info' });
  const problems = unchanged ? [] : ['the failed run changed the previous file'];
  if (next.code !== 0) problems.push(`the next run exited ${next.code}: ${next.stderr.slice(0, 500)}`);
  problems.push(...fixture.secretsShown(next));
  if ((options.resumes ?? true) && !next.stderr.includes('(resumed)')) problems.push('the next run did not log that it resumed');
  if (next.code === 0) problems.push(...(await contentProblems(fixture.file, options.expected)));
  return { storm: storm as CliRunResult, requests, next, problems };
}

/** Which of the file's resources, entitlements and grants differ from `expected`, counted. */
async function contentProblems(file: string, expected: SyncContent): Promise<string[]> {
  const actual = await readLatestSyncContent(file);
  return (['resources', 'entitlements', 'grants'] as const).flatMap((kind) => {
    const want = new Set(expected[kind]);
    const have = new Set(actual[kind]);
    const missing = expected[kind].filter((item) => !have.has(item)).length;
    const extra = actual[kind].filter((item) => !want.has(item)).length;
    return missing + extra === 0 && actual[kind].length === expected[kind].length
      ? []
      : [
          `the file's ${kind} differ from the expected: ${missing} missing, ${extra} not expected, ${actual[kind].length} of ${expected[kind].length}`,
        ];
  });
}
