import { describe, expect, it } from 'vitest';
import { baseUrlCheck } from './checks.js';

const check = baseUrlCheck('https://api.example.com/api');

describe('baseUrlCheck', () => {
  it('accepts https anywhere and http on loopback only', () => {
    expect(check('https://api.example.com/api')).toBeUndefined();
    expect(check('http://127.0.0.1:8080/ilert/api')).toBeUndefined();
    expect(check('http://localhost:3000')).toBeUndefined();
    expect(check('http://api.example.com')).toBe('must use https (plain http only for loopback hosts)');
  });

  it('explains what is wrong with other values', () => {
    expect(check('api.example.com')).toBe('must be an absolute URL such as https://api.example.com/api');
    expect(check('ftp://api.example.com')).toBe('must be an http(s) URL');
    expect(check('https://api.example.com/?x=1')).toBe('must not have a query or fragment');
    expect(check('https://admin:pw@api.example.com')).toBe('must not contain a user name or password');
  });
});
