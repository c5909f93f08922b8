import { ConnectorError } from '../errors/connector-error.js';

/** Most pages one listing may take before it counts as running away (10 million objects at 100 a page). */
export const MAX_PAGES_PER_LISTING = 100_000;

/**
 * Watches the pages of one listing for paging that cannot be right, so a misbehaving API fails
 * the sync with a message naming the listing instead of being requested forever: a non-empty
 * page identical to the one before it, a page token seen before in the listing (a cycle, found
 * with Brent's method in constant memory), and more than {@link MAX_PAGES_PER_LISTING} pages.
 * A token equal to the one given is reported as the connector bug it is.
 */
export class PageGuard {
  private pages = 0;
  /** The keys of the page before, to find a page that repeats it. */
  private previous: readonly string[] | undefined;
  /** Brent's cycle detection: a remembered token, compared with each later one. */
  private mark: string | undefined;
  private power = 1;
  private steps = 0;

  constructor(private readonly what: string) {}

  /**
   * Checks one page: `given` is the token it was asked with, `next` the one it returned and
   * `keys` identify its items. Returns the next token (`''` at the end); throws ConnectorError
   * `internal` when the listing cannot be right.
   */
  next(given: string, next: string | undefined, keys: readonly string[]): string {
    this.pages++;
    const token = next ?? '';
    if (given !== '' && token === given) {
      throw new ConnectorError(`${this.what}: next page token unchanged (the connector returned the token it was given, a connector bug)`, {
        code: 'internal',
      });
    }
    this.checkRepeat(token, keys);
    if (token === '') return token;
    if (this.pages >= MAX_PAGES_PER_LISTING) {
      this.fail(`more than ${MAX_PAGES_PER_LISTING} pages; the API keeps returning a next page`);
    }
    this.checkCycle(token);
    return token;
  }

  private checkRepeat(token: string, keys: readonly string[]): void {
    if (keys.length === 0) {
      this.previous = undefined;
      return;
    }
    const previous = this.previous;
    if (token !== '' && previous !== undefined && sameKeys(previous, keys)) {
      this.fail(`page ${this.pages} repeats the previous page (the same ${keys.length} items); the API is not advancing`);
    }
    this.previous = keys;
  }

  private checkCycle(token: string): void {
    if (token === this.mark) this.fail(`page token cycle: page ${this.pages} asks again for a page already listed`);
    if (++this.steps === this.power) {
      this.mark = token;
      this.power *= 2;
      this.steps = 0;
    }
  }

  private fail(problem: string): never {
    throw new ConnectorError(`${this.what}: ${problem}; stopping rather than listing forever or writing a partial listing`, {
      code: 'internal',
    });
  }
}

/** Whether two pages hold the same keys in the same order (most pages differ at the first). */
function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
