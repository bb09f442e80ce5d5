/**
 * The chart script inlined into report.html: the TypeScript of src/report/client/ (entry
 * client/main.ts) bundled by esbuild into one IIFE.
 *
 * - Built: `npm run build` runs `node dist/src/report/client-script.js`, which writes
 *   dist/src/report/client.bundle.js; `clientScript()` running from dist/ reads that file.
 * - From the TypeScript sources (vitest, tsx) there is no bundle next to this file, so
 *   `clientScript()` bundles client/main.ts in memory with the same options (esbuild is a
 *   development dependency; an installed package always has the built bundle).
 *
 * Type checking is separate: tsconfig.client.json (lib dom) checks the client folder, the main
 * tsconfig checks the pure builders (every file of the folder but main.ts) without the DOM.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as Esbuild from 'esbuild';
import { InternalError } from '../core/errors.js';

const BUNDLE = new URL('./client.bundle.js', import.meta.url);
/** The entry from src/report/ (sources) and from dist/src/report/ (the build). */
const ENTRIES = [new URL('./client/main.ts', import.meta.url), new URL('../../../src/report/client/main.ts', import.meta.url)];

let script: string | undefined;

/** Bundle the client sources with esbuild (one IIFE, ES2020, no source map). */
export function bundleClient(): string {
  const entry = ENTRIES.find((u) => existsSync(fileURLToPath(u)));
  if (!entry) throw new InternalError('report: neither the client bundle nor its sources (src/report/client/main.ts) were found; run npm run build');
  const esbuild = createRequire(import.meta.url)('esbuild') as typeof Esbuild;
  const out = esbuild.buildSync({
    entryPoints: [fileURLToPath(entry)], bundle: true, format: 'iife', target: 'es2020', platform: 'browser',
    write: false, legalComments: 'none', charset: 'utf8', logLevel: 'warning',
  });
  const text = out.outputFiles[0].text;
  if (/<\/script/i.test(text)) throw new InternalError('report: the client bundle contains </script and cannot be inlined');
  return text;
}

/** The chart script: the built bundle when there is one, else the sources bundled now (once per process). */
export function clientScript(): string {
  script ??= existsSync(fileURLToPath(BUNDLE)) ? readFileSync(BUNDLE, 'utf8') : bundleClient();
  return script;
}

// `node dist/src/report/client-script.js` (the build) writes the bundle next to this file.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) writeFileSync(BUNDLE, bundleClient());
