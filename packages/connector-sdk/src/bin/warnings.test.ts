import { describe, expect, it } from 'vitest';
import { isBuiltinExperimentalNotice } from './warnings.js';

describe('isBuiltinExperimentalNotice', () => {
  it("matches Node's experimental notices for the built-in SQLite and zstd", () => {
    expect(isBuiltinExperimentalNotice('SQLite is an experimental feature and might change at any time', 'ExperimentalWarning')).toBe(true);
    expect(
      isBuiltinExperimentalNotice('Zstd is an experimental feature and might change at any time', { type: 'ExperimentalWarning' }),
    ).toBe(true);
  });

  it('leaves every other warning alone', () => {
    expect(isBuiltinExperimentalNotice('SQLite is an experimental feature', 'DeprecationWarning')).toBe(false);
    expect(isBuiltinExperimentalNotice('WASI is an experimental feature and might change at any time', 'ExperimentalWarning')).toBe(false);
    expect(isBuiltinExperimentalNotice(new Error('SQLite went away'), undefined)).toBe(false);
    expect(isBuiltinExperimentalNotice('Possible EventEmitter memory leak detected', 'MaxListenersExceededWarning')).toBe(false);
  });
});
