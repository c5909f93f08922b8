/**
 * Terminal escape sequences: CSI (`ESC [ ... final`, or the 8-bit CSI U+009B), OSC (`ESC ] ...`
 * ended by BEL or ST, which can retitle a window or write the clipboard), and the other
 * two-character `ESC x` sequences.
 */
const ESCAPE_SEQUENCES =
  // eslint-disable-next-line no-control-regex -- these are the characters to find
  /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]?|(?:\u001b\]|\u009d)[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[ -~]?/g;

/**
 * Control characters other than newline and tab (C0, DEL, C1) and the bidirectional overrides
 * that make text read differently from what it is.
 */
// eslint-disable-next-line no-control-regex -- these are the characters to find
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** JSON-safe characters a terminal may still act on: C1 controls, line separators, bidi overrides. */
const JSON_UNSAFE = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text from an API or a file made safe to show on a terminal, in a log or in an error: escape
 * sequences are removed whole, other control characters are dropped; newlines and tabs stay.
 * Everything the CLI presents (errors, tables, console logs) goes through this.
 */
export function plainText(text: string): string {
  return text.replace(ESCAPE_SEQUENCES, '').replace(CONTROLS, '');
}

/** A JSON text with every character a terminal could act on written as a `\u` escape (still the same JSON value). */
export function terminalSafeJson(json: string): string {
  return json.replace(JSON_UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
