import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where the workplace's real public data sets are (never committed): $CLUSTER_ATLAS_SHARED_DATA,
 * else ../shared/data beside the repository, else /work/shared/data. Tests that need them skip
 * with a message when none exists (a user's fresh clone).
 */
export const SHARED_DATA: string = process.env.CLUSTER_ATLAS_SHARED_DATA
  ?? [join(import.meta.dirname, '..', '..', 'shared', 'data'), '/work/shared/data'].find((p) => existsSync(p))
  ?? join(import.meta.dirname, '..', '..', 'shared', 'data');
