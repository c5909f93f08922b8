/**
 * Checks for end-to-end tests of failure paths, as an operator meets them. They return what is
 * wrong (an empty list when nothing is) instead of asserting, so they work with any test
 * framework: `expect(cleanFailureProblems(result, {...})).toEqual([])`.
 */
import { readFile } from 'node:fs/promises';
import type { CliRunResult } from './connector-cli.js';
import { operatorMessageLines } from './connector-cli.js';

/** What a clean failure of a connector CLI looks like. */
export interface CleanFailureExpectation {
  /** `baton-<name>`: the prefix of the one message line. */
  binary: string;
  /** The exit code (1 for a failed job, 2 for bad usage). */
  code: number;
  /** Text the message line contains, or a pattern it matches. */
  message: string | RegExp;
  /** Values that must appear in neither stdout nor stderr. */
  secrets: readonly string[];
}

/**
 * What keeps a run from being a clean failure: the expected exit code, nothing on stdout, one
 * `<binary>: ...` message line on stderr besides the JSON log lines, no stack trace, no
 * "unexpected error", and no secret anywhere.
 */
export function cleanFailureProblems(result: CliRunResult, expected: CleanFailureExpectation): string[] {
  const problems: string[] = [];
  if (result.code !== expected.code) problems.push(`exit code ${result.code}, expected ${expected.code}`);
  if (result.stdout !== '') problems.push(`stdout is not empty: ${result.stdout.slice(0, 200)}`);
  const lines = operatorMessageLines(result.stderr);
  if (lines.length !== 1) problems.push(`${lines.length} message lines on stderr, expected 1: ${lines.join(' | ')}`);
  const [line = ''] = lines;
  if (!line.startsWith(`${expected.binary}: `)) problems.push(`the message does not start with "${expected.binary}: ": ${line}`);
  const matches = typeof expected.message === 'string' ? line.includes(expected.message) : expected.message.test(line);
  if (!matches) problems.push(`the message does not match ${String(expected.message)}: ${line}`);
  if (/^\s+at /m.test(result.stderr)) problems.push('stderr holds a stack trace');
  if (result.stderr.includes('unexpected error')) problems.push('stderr reports an unexpected error');
  problems.push(...secretsShown(result, expected.secrets));
  return problems;
}

/** Which of `secrets` appear in the run's stdout or stderr, as problem descriptions. */
export function secretsShown(result: CliRunResult, secrets: readonly string[]): string[] {
  return secrets
    .filter((secret) => result.stdout.includes(secret) || result.stderr.includes(secret))
    .map((secret) => `a secret (${secret.length} characters) was printed`);
}

/** Runs `action` and says whether `file` is byte-identical afterwards. */
export async function fileUnchangedBy(file: string, action: () => Promise<void>): Promise<boolean> {
  const before = await readFile(file);
  await action();
  return (await readFile(file)).equals(before);
}
