import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../errors/connector-error.js';
import { Bag } from './bag.js';

describe('Bag', () => {
  it('serializes like Baton, leaving empty fields out', () => {
    const bag = new Bag();
    bag.push({ resourceTypeId: 'group' });
    bag.next('page=1');
    expect(bag.marshal()).toBe('{"states":null,"current_state":{"token":"page=1","type":"group"}}');
    const copy = Bag.from(bag.marshal());
    expect(copy.pageToken()).toBe('page=1');
    expect(copy.resourceTypeId()).toBe('group');
    expect(copy.current()).toEqual({ token: 'page=1', resourceTypeId: 'group' });
  });

  it('works as a stack for nested listings', () => {
    const bag = new Bag();
    bag.push({ token: 'page=1', resourceTypeId: 'group' });
    bag.push({ token: 'page=2', resourceTypeId: 'user', resourceId: 'g1' });
    expect(bag.current()).toEqual({ token: 'page=2', resourceTypeId: 'user', resourceId: 'g1' });
    expect(bag.marshal()).toBe('{"states":[{"token":"page=1","type":"group"}],"current_state":{"token":"page=2","type":"user","id":"g1"}}');
    expect(bag.pop()).toEqual({ token: 'page=2', resourceTypeId: 'user', resourceId: 'g1' });
    expect(bag.current()).toEqual({ token: 'page=1', resourceTypeId: 'group' });
    expect(bag.marshal()).toBe('{"states":[],"current_state":{"token":"page=1","type":"group"}}');
    const token = bag.nextToken('page=3');
    expect(token).toBe(bag.marshal());
    bag.next('page=4');
    expect(bag.current()).toEqual({ token: 'page=4', resourceTypeId: 'group' });
  });

  it('is done when the last level drains', () => {
    const bag = Bag.from('{"states":[{"type":"team"}],"current_state":{"token":"5","type":"member","id":"t1"}}');
    expect(bag.nextToken('')).toBe('{"states":[],"current_state":{"type":"team"}}');
    expect(bag.nextToken('')).toBe('');
  });

  it('reads Go tokens with null or missing fields', () => {
    expect(Bag.from('{"states":null,"current_state":null}').marshal()).toBe('');
    expect(Bag.from('{}').current()).toBeUndefined();
    expect(Bag.from('').current()).toBeUndefined();
    expect(Bag.from('{"current_state":{"token":"x","extra":1}}').pageToken()).toBe('x');
  });

  it('starts a state when nextToken is called on an empty bag', () => {
    expect(new Bag().nextToken('abc')).toBe('{"states":null,"current_state":{"token":"abc"}}');
    expect(new Bag().nextToken('')).toBe('');
  });

  it('refuses next without a current state', () => {
    expect(() => new Bag().next('x')).toThrow('no active page state');
  });

  it.each(['not json', '{"states":"x"}', '{"current_state":{"token":5}}', '[1]'])('reports %s as a corrupt token', (token) => {
    const error = (() => {
      try {
        Bag.from(token);
        return undefined;
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).message).toMatch(/^page token corrupt/);
    expect((error as ConnectorError).code).toBe('invalid-argument');
  });
});
