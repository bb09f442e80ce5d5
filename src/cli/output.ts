/**
 * Terminal output helpers: aligned tables (CJK-aware widths), JSON, progress bars. Everything
 * printed goes through `terminalText` (src/core/terminal.ts): a control character in a name
 * (an ESC sequence that sets the title or clears the screen) is shown escaped, never sent raw.
 */
import cliProgress from 'cli-progress';
import { terminalText } from '../core/terminal.js';
import type { Lang } from './i18n.js';

export type Format = 'table' | 'json';

export interface CliContext {
  lang: Lang;
  format: Format;
  quiet: boolean;
  out: (s: string) => void;
  err: (s: string) => void;
  /** Progress bars only on a TTY and without --quiet. */
  progress: boolean;
}

/**
 * The same context with `out` and `err` escaping control characters (line feeds kept). Each
 * command that prints data wraps its context with it; wrapping twice changes nothing.
 */
export function terminalContext(ctx: CliContext): CliContext {
  return { ...ctx, out: (s) => ctx.out(terminalText(s, { newlines: true })), err: (s) => ctx.err(terminalText(s, { newlines: true })) };
}

/** Display width: East Asian wide and full-width characters take two columns. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x20000 && c <= 0x3fffd) ? 2 : 1;
  }
  return w;
}

export function renderTable(header: string[], rows: (string | number)[][], numeric: boolean[] = []): string {
  const cells = [header, ...rows].map((r) => r.map((c) => (typeof c === 'number' ? formatNumber(c) : terminalText(String(c ?? '')))));
  const widths = header.map((_, j) => Math.max(...cells.map((r) => displayWidth(String(r[j] ?? '')))));
  const line = (r: (string | number)[]): string =>
    r.map((c, j) => {
      const s = String(c ?? '');
      const pad = ' '.repeat(widths[j] - displayWidth(s));
      return numeric[j] ? pad + s : s + pad;
    }).join('  ').trimEnd();
  return [line(cells[0]), widths.map((w) => '─'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

export function formatNumber(n: number): string {
  if (Number.isInteger(n)) return n.toLocaleString('en-US');
  return n.toLocaleString('en-US', { maximumFractionDigits: 3 });
}

export function createBar(ctx: CliContext, total: number, label: string): { update(v: number, text?: string): void; stop(): void } {
  if (!ctx.progress) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {percentage}% {text}`, hideCursor: true, clearOnComplete: false, stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { text: '' });
  return {
    update: (v, text) => bar.update(v, { text: text ?? '' }),
    stop: () => bar.stop(),
  };
}
