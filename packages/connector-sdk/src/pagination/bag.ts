import * as v from 'valibot';
import { ConnectorError } from '../errors/connector-error.js';

/** One level of a {@link Bag}: a page token and the resource it pages through. */
export interface PageState {
  token?: string;
  /** A resource type id, Baton's `type`. */
  resourceTypeId?: string;
  /** A resource id, Baton's `id`. */
  resourceId?: string;
}

const WirePageState = v.object({ token: v.optional(v.string()), type: v.optional(v.string()), id: v.optional(v.string()) });

const WireBag = v.nullable(v.object({ states: v.nullish(v.array(WirePageState)), current_state: v.nullish(WirePageState) }));

type WireState = v.InferOutput<typeof WirePageState>;

function fromWire(state: WireState): PageState {
  const result: PageState = {};
  if (state.token) result.token = state.token;
  if (state.type) result.resourceTypeId = state.type;
  if (state.id) result.resourceId = state.id;
  return result;
}

/** Baton's field order with empty fields left out (Go's `omitempty`). */
function toWire(state: PageState): WireState {
  const result: WireState = {};
  if (state.token) result.token = state.token;
  if (state.resourceTypeId) result.type = state.resourceTypeId;
  if (state.resourceId) result.id = state.resourceId;
  return result;
}

/**
 * Baton's page-token bag: a stack of page states serialized as
 * `{"states":[...],"current_state":{"token","type","id"}}`, so tokens are interchangeable with
 * Go connectors. Use it to page through nested listings (teams, then each team's members).
 */
export class Bag {
  /** Saved outer levels, oldest first; null until something is saved (Go's nil slice). */
  #states: PageState[] | null = null;
  #current: PageState | undefined;

  /** A bag read from `token` (`''` gives an empty bag). Throws "page token corrupt" on bad JSON. */
  static from(token: string): Bag {
    const bag = new Bag();
    bag.unmarshal(token);
    return bag;
  }

  /** Replaces the contents with those serialized in `token`. */
  unmarshal(token: string): void {
    if (token === '') {
      this.#states = null;
      this.#current = undefined;
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(token);
    } catch (error) {
      throw corrupt(error instanceof Error ? error.message : String(error));
    }
    if (Array.isArray(json)) throw corrupt('expected an object, got an array');
    const parsed = v.safeParse(WireBag, json);
    if (!parsed.success) throw corrupt(v.summarize(parsed.issues).replace(/\s+/g, ' '));
    this.#states = parsed.output?.states?.map(fromWire) ?? null;
    this.#current = parsed.output?.current_state ? fromWire(parsed.output.current_state) : undefined;
  }

  /** The serialized bag; `''` when no state is current, meaning paging is done. */
  marshal(): string {
    if (!this.#current) return '';
    return JSON.stringify({ states: this.#states === null ? null : this.#states.map(toWire), current_state: toWire(this.#current) });
  }

  /** Makes `state` current, saving the current one beneath it. */
  push(state: PageState): void {
    if (this.#current) this.#states = [...(this.#states ?? []), this.#current];
    this.#current = { ...state };
  }

  /** Removes and returns the current state; the one beneath becomes current. */
  pop(): PageState | undefined {
    const popped = this.#current;
    if (!popped) return undefined;
    if (this.#states && this.#states.length > 0) {
      this.#current = this.#states[this.#states.length - 1];
      this.#states = this.#states.slice(0, -1);
    } else {
      this.#current = undefined;
    }
    return { ...popped };
  }

  /** A copy of the current state, if any. */
  current(): PageState | undefined {
    return this.#current ? { ...this.#current } : undefined;
  }

  /**
   * Pops the current state and, when `pageToken` is not empty, pushes a copy of it with that
   * token: the next page of the same listing. Throws when no state is current.
   */
  next(pageToken: string): void {
    const popped = this.pop();
    if (!popped) throw new ConnectorError('no active page state', { code: 'internal' });
    if (pageToken !== '') this.push({ ...popped, token: pageToken });
  }

  /**
   * {@link next}, then {@link marshal}: the token to return for the next page (`''` when every
   * level is done). On an empty bag it starts a state holding `pageToken`.
   */
  nextToken(pageToken: string): string {
    if (!this.#current) {
      if (pageToken !== '') this.push({ token: pageToken });
    } else {
      this.next(pageToken);
    }
    return this.marshal();
  }

  /** The current state's page token, `''` when none. */
  pageToken(): string {
    return this.#current?.token ?? '';
  }

  /** The current state's resource type id, `''` when none. */
  resourceTypeId(): string {
    return this.#current?.resourceTypeId ?? '';
  }

  /** The current state's resource id, `''` when none. */
  resourceId(): string {
    return this.#current?.resourceId ?? '';
  }
}

function corrupt(detail: string): ConnectorError {
  return new ConnectorError(`page token corrupt: ${detail}`, { code: 'invalid-argument' });
}
