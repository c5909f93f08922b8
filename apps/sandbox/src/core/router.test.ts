import { describe, expect, it } from 'vitest';
import { Router } from './router.js';

describe('Router', () => {
  const router = new Router<string>()
    .on('GET', '/users/current', 'current')
    .on('GET', '/users/:id', 'user')
    .on('DELETE', '/teams/:id/members/:userId', 'remove');

  it('prefers earlier literal routes and decodes parameters', () => {
    expect(router.match('GET', '/users/current')).toMatchObject({ kind: 'found', handler: 'current' });
    expect(router.match('GET', '/users/a%20b')).toEqual({ kind: 'found', handler: 'user', params: { id: 'a b' } });
    expect(router.match('delete', '/teams/1/members/2/')).toEqual({ kind: 'found', handler: 'remove', params: { id: '1', userId: '2' } });
  });

  it('tells a wrong method from an unknown path', () => {
    expect(router.match('POST', '/users/7')).toEqual({ kind: 'method-not-allowed', allowed: ['GET'] });
    expect(router.match('GET', '/nope')).toEqual({ kind: 'not-found' });
  });
});
