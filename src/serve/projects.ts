/**
 * Projects of the server: one directory each under the projects directory (`--dir`):
 *
 *   <dir>/<id>/project.json          id, name, creation time (written by the server)
 *   <dir>/<id>/data/                 uploaded files, cluster-atlas.json, the workspace
 *                                    (data/.cluster-atlas/workspace.duckdb) and rejects.csv
 *   <dir>/<id>/out/                  the outputs of `analyze` (results.json, layers/, tables/, report.html)
 *   <dir>/<id>/jobs/<job>.json       job state (src/serve/jobs.ts), results and logs beside it
 *
 * Ids are generated ([a-z0-9-], never from user text), so a project id cannot name a path
 * outside the directory; a directory without our project.json is not a project and is never
 * listed or deleted.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { HttpError, notFound } from './errors.js';

export const PROJECT_META = 'project.json';
export const PROJECT_ID = /^[a-z0-9][a-z0-9-]{2,63}$/;

export const ProjectMeta = z.object({
  format: z.literal('cluster-atlas-serve-project/1'),
  id: z.string().regex(PROJECT_ID),
  name: z.string(),
  created: z.string(),
});
export type ProjectMeta = z.infer<typeof ProjectMeta>;

export const CreateProjectBody = z.object({ name: z.string().trim().min(1).max(200) }).strict();

export interface ProjectPaths {
  root: string;
  data: string;
  out: string;
  jobs: string;
  projectFile: string;
}

export function projectPaths(dir: string, id: string): ProjectPaths {
  const root = join(dir, id);
  return { root, data: join(root, 'data'), out: join(root, 'out'), jobs: join(root, 'jobs'), projectFile: join(root, 'data', 'cluster-atlas.json') };
}

/** Write `text` to `path` through a temporary file and a rename: readers never see half a file. */
export function writeFileAtomic(path: string, text: string): void {
  const tmp = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

export class ProjectStore {
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  list(): ProjectMeta[] {
    const out: ProjectMeta[] = [];
    for (const name of readdirSync(this.dir).sort()) {
      if (!PROJECT_ID.test(name)) continue;
      const meta = this.readMeta(name);
      if (meta) out.push(meta);
    }
    return out.sort((a, b) => (a.created < b.created ? -1 : a.created > b.created ? 1 : 0));
  }

  private readMeta(id: string): ProjectMeta | null {
    const path = join(this.dir, id, PROJECT_META);
    try {
      if (!lstatSync(join(this.dir, id)).isDirectory()) return null;
      const parsed = ProjectMeta.safeParse(JSON.parse(readFileSync(path, 'utf8')));
      return parsed.success && parsed.data.id === id ? parsed.data : null;
    } catch {
      return null;
    }
  }

  /** The project, or 404. */
  get(id: string): ProjectMeta & { paths: ProjectPaths } {
    const meta = PROJECT_ID.test(id) ? this.readMeta(id) : null;
    if (!meta) throw notFound(`project ${JSON.stringify(id)}`, { field: 'project', value: id });
    return { ...meta, paths: projectPaths(this.dir, id) };
  }

  create(name: string, now = new Date()): ProjectMeta {
    for (let attempt = 0; attempt < 5; attempt++) {
      const id = `p-${randomBytes(5).toString('hex')}`;
      const root = join(this.dir, id);
      if (existsSync(root)) continue;
      mkdirSync(root);
      const paths = projectPaths(this.dir, id);
      for (const d of [paths.data, paths.out, paths.jobs]) mkdirSync(d);
      const meta: ProjectMeta = { format: 'cluster-atlas-serve-project/1', id, name, created: now.toISOString() };
      writeFileAtomic(join(root, PROJECT_META), `${JSON.stringify(meta, null, 2)}\n`);
      return meta;
    }
    throw new HttpError(500, 'E_CONFLICT', 'could not pick a free project id');
  }

  /** Remove the project's directory (only one that holds our project.json). */
  delete(id: string): void {
    const p = this.get(id);
    // rename first so a half-deleted project is never listed
    const trash = join(this.dir, `.deleting-${id}-${randomBytes(3).toString('hex')}`);
    renameSync(p.paths.root, trash);
    rmSync(trash, { recursive: true, force: true });
  }
}
