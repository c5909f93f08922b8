import { describe, expect, it } from 'vitest';
import { isLoopbackHost } from './loopback.js';

describe('isLoopbackHost', () => {
  it('counts localhost, ::1 and 127.x.x.x, and not other names under .localhost', () => {
    expect(['localhost', 'LOCALHOST', '[::1]', '::1', '127.0.0.1', '127.1.2.3'].every(isLoopbackHost)).toBe(true);
    expect(['api.localhost', 'evil.localhost', 'localhost.example', '128.0.0.1', '10.0.0.1'].some(isLoopbackHost)).toBe(false);
  });
});
