/** Reading and writing the project file `cluster-atlas.json`. */
import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import { Project } from '../model/project.js';

export const PROJECT_FILE = 'cluster-atlas.json';

export interface LoadedProject {
  project: Project;
  /** Absolute path of the project file. */
  path: string;
  /** Directory that relative paths in the project are resolved against. */
  dir: string;
}

export function loadProject(path: string): LoadedProject {
  const abs = resolve(path);
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch {
    throw new InputError('E_FILE', `no project file at ${path}: write one with \`cluster-atlas init DIR\``, { file: path });
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new InputError('E_PROJECT', `${path}: not valid JSON: ${(e as Error).message}`, { file: path });
  }
  const parsed = Project.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue.path.join('.') || '(top level)';
    throw new InputError('E_PROJECT', `${path}: ${at}: ${issue.message}`, { file: path, field: at });
  }
  return { project: parsed.data, path: abs, dir: dirname(abs) };
}

/** Write a project file atomically. */
export function writeProject(path: string, project: unknown): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, `${JSON.stringify(project, null, 2)}\n`, 'utf8');
  renameSync(tmp, path);
}
