import { setImmediate as nextTurn } from 'node:timers/promises';
import { Composer, CST, Lexer, LineCounter, Parser, YAMLParseError, type Document } from 'yaml';

/** How many lexical tokens are read between two turns of the event loop. */
const TOKENS_PER_TURN = 2000;

/** The outcome of {@link parseYamlInTurns}. */
export type YamlOutcome =
  | { ok: true; value: unknown }
  /** A YAML error, with its line and column when known (never the content around it). */
  | { ok: false; error: YAMLParseError; line?: number; column?: number }
  /** The document holds more scalar values than allowed; nothing was built from it. */
  | { ok: false; tooManyValues: true };

/** What {@link parseYamlInTurns} needs besides the text. */
export interface YamlOptions {
  /** Checked between turns: parsing stops with the signal's reason once it aborts. */
  signal?: AbortSignal;
  /** The most scalar values the document may hold; building a document costs time per value. */
  maxValues: number;
}

/**
 * Parses one YAML document with the failsafe schema (every scalar stays text) the way `yaml`'s
 * `parse` does, but reads the tokens in slices, giving the event loop a turn between slices:
 * a SIGTERM arriving while a large file is parsed is handled at once. The document is built only
 * when it holds at most `maxValues` scalars, which bounds the one step that cannot be sliced.
 * Warnings are dropped (they would quote the line); the first error is returned.
 */
export async function parseYamlInTurns(text: string, options: YamlOptions): Promise<YamlOutcome> {
  const lines = new LineCounter();
  const parser = new Parser(lines.addNewLine);
  const composer = new Composer({ schema: 'failsafe', logLevel: 'error' });
  const documents: Document.Parsed[] = [];
  lines.addNewLine(0);
  let tokens = 0;
  let values = 0;
  for (const lexeme of new Lexer().lex(text)) {
    if (lexeme === CST.SCALAR && ++values > options.maxValues) return { ok: false, tooManyValues: true };
    for (const token of parser.next(lexeme)) documents.push(...composer.next(token));
    if (++tokens % TOKENS_PER_TURN === 0) {
      await nextTurn();
      options.signal?.throwIfAborted();
    }
  }
  for (const token of parser.end()) documents.push(...composer.next(token));
  documents.push(...composer.end(true, text.length));
  options.signal?.throwIfAborted();
  const [document, extra] = documents;
  const error =
    document?.errors[0] ??
    (extra && new YAMLParseError([extra.range[0], extra.range[1]], 'MULTIPLE_DOCS', 'the file holds more than one document'));
  if (error) return { ok: false, error, ...position(lines, error) };
  return { ok: true, value: document?.toJS() ?? null };
}

function position(lines: LineCounter, error: YAMLParseError): { line?: number; column?: number } {
  const offset = error.pos[0];
  if (offset === undefined) return {};
  const { line, col } = lines.linePos(offset);
  return { line, column: col };
}
