import { defineConfig } from 'vitest/config';

/** Lets `npx vitest` at the root run every package's tests as one set of projects. */
export default defineConfig({ test: { projects: ['packages/*', 'apps/*'] } });
