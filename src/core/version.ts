/**
 * The package's version, read from package.json (the one place it is written). The CLI's
 * `--version`, the report's generator line and results.json all take it from here.
 */
import pkg from '../../package.json' with { type: 'json' };

export const VERSION: string = pkg.version;
