import { describe, expect, it } from 'vitest';
import { batonProfileKeys } from './baton-profile.js';

describe('batonProfileKeys', () => {
  it('names the user facts as Baton reads them and leaves out empty ones', () => {
    expect(batonProfileKeys({ firstName: ' Ada ', lastName: 'King', email: 'ada@example.com', login: '', userId: '42' })).toEqual({
      first_name: 'Ada',
      last_name: 'King',
      email: 'ada@example.com',
      user_id: '42',
    });
    expect(batonProfileKeys({})).toEqual({});
  });
});
