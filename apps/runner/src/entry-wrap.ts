import ts from 'typescript';

/**
 * Rewrites a bin entry module so it can be bundled as CommonJS: its imports stay at the top and
 * every other statement runs inside an async function, so top-level `await` keeps working.
 * A rejection prints the error and exits with code 1, as an unhandled top-level rejection would.
 * Throws when the module exports anything: a bin entry has nothing to export.
 */
export function wrapTopLevelAwait(source: string, fileName: string): string {
  const kind = /\.[cm]?tsx?$/.test(fileName) ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, kind);
  const imports: string[] = [];
  const body: string[] = [];
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement) || ts.isImportEqualsDeclaration(statement)) {
      imports.push(statement.getText(file));
    } else if (isExport(statement)) {
      throw new Error(`${fileName} exports values; a bin entry must only run`);
    } else {
      body.push(statement.getText(file));
    }
  }
  return [
    ...imports,
    '(async () => {',
    ...body,
    '})().catch((error) => {',
    '  console.error(error);',
    '  process.exit(1);',
    '});',
    '',
  ].join('\n');
}

function isExport(statement: ts.Statement): boolean {
  if (ts.isExportDeclaration(statement) || ts.isExportAssignment(statement)) return true;
  const modifiers = ts.canHaveModifiers(statement) ? ts.getModifiers(statement) : undefined;
  return modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword) ?? false;
}
