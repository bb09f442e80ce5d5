/**
 * Text bound for a terminal, made harmless: data we print (region, firm and candidate names,
 * reject values, warnings) may hold ESC sequences or other control characters that would set the
 * window title, clear the screen or move the cursor. `terminalText` replaces each with a visible
 * escape (`\u001b`, `\u202e`), so the user still sees that the name holds one. The escape is
 * JSON's own, so JSON printed through it stays valid JSON with the same values.
 *
 * Escaped: C0 controls (U+0000–U+001F; line feeds kept only with `newlines`), DEL (U+007F),
 * C1 controls (U+0080–U+009F, 8-bit CSI among them) and the bidirectional overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069) that make text display in another order than it is stored.
 * O(length of the text).
 *
 *   terminalText('A\u001b]0;pwned\u0007B') → the same text with both controls spelled out as \u001b and \u0007
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export interface TerminalTextOptions {
  /** Keep line feeds (a multi-line message of ours); default false: a cell is one line. */
  newlines?: boolean;
}

export function terminalText(text: string, options: TerminalTextOptions = {}): string {
  const keepNewlines = options.newlines ?? false;
  return text.replace(CONTROL, (ch) => {
    if (keepNewlines && ch === '\n') return ch;
    return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
