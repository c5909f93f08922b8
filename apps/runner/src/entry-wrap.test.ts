import { describe, expect, it } from 'vitest';
import { wrapTopLevelAwait } from './entry-wrap.js';

const MAIN = `#!/usr/bin/env node
import { runConnectorMain } from '@c1/connector-sdk';
import { ilertConnector } from './connector.js';

await runConnectorMain(ilertConnector);
`;

describe('wrapTopLevelAwait', () => {
  it('keeps the imports on top and runs the rest inside an async function', () => {
    expect(wrapTopLevelAwait(MAIN, 'main.js')).toBe(
      [
        "import { runConnectorMain } from '@c1/connector-sdk';",
        "import { ilertConnector } from './connector.js';",
        '(async () => {',
        'await runConnectorMain(ilertConnector);',
        '})().catch((error) => {',
        '  console.error(error);',
        '  process.exit(1);',
        '});',
        '',
      ].join('\n'),
    );
  });

  it('parses TypeScript entries', () => {
    const wrapped = wrapTopLevelAwait("import type { X } from './x.js';\nconst x: X = await load();\n", 'main.ts');
    expect(wrapped).toContain("import type { X } from './x.js';\n(async () => {\nconst x: X = await load();");
  });

  it('refuses an entry that exports', () => {
    expect(() => wrapTopLevelAwait('export const x = 1;\n', 'main.js')).toThrow('main.js exports values');
    expect(() => wrapTopLevelAwait("export * from './a.js';\n", 'main.js')).toThrow('exports values');
  });
});
