/** Counts requests per service and per `METHOD /path` (path relative to the service mount, no query). */
export class RequestCounter {
  readonly #counts = new Map<string, Map<string, number>>();

  /** Records one request. */
  record(service: string, method: string, path: string): void {
    let paths = this.#counts.get(service);
    if (paths === undefined) {
      paths = new Map();
      this.#counts.set(service, paths);
    }
    const key = `${method} ${path}`;
    paths.set(key, (paths.get(key) ?? 0) + 1);
  }

  /**
   * Requests received by one service (or all), optionally only those to one path
   * (`/users`, any method) or one method and path (`GET /users`).
   */
  count(service?: string, path?: string): number {
    let total = 0;
    for (const [name, paths] of this.#counts) {
      if (service !== undefined && name !== service) continue;
      for (const [key, count] of paths) {
        if (path === undefined || key === path || key.slice(key.indexOf(' ') + 1) === path) total += count;
      }
    }
    return total;
  }

  /** Every count, as `{ service: { 'GET /users': n } }`. */
  snapshot(): Record<string, Record<string, number>> {
    const result: Record<string, Record<string, number>> = {};
    for (const [name, paths] of this.#counts) result[name] = Object.fromEntries(paths);
    return result;
  }

  /** Forgets every count. */
  reset(): void {
    this.#counts.clear();
  }
}
