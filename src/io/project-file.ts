/**
 * Reading and writing the project file `cluster-atlas.json`, and `--confine` (`confineProject`):
 * without it the paths in a project file may point anywhere (a local tool reads what its user
 * names); with it every input and the workspace must lie under the project directory.
 */
import { readFileSync, realpathSync, writeFileSync, renameSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { InputError } from '../core/errors.js';
import { Project } from '../model/project.js';
import { refuseNonRegular } from './input-file.js';

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
  refuseNonRegular(abs, path);
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

/**
 * The real path of `path` with symlinks resolved; for a path that does not exist yet (a workspace
 * before the first ingest), the real path of its nearest existing ancestor joined with the rest.
 */
function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch (e) {
    const parent = dirname(path);
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || parent === path) throw e;
    return join(realPath(parent), basename(path));
  }
}

/**
 * `--confine`: every input file, the classification file and the workspace (the project's, or
 * `workspace` when given on the command line) must lie under the project directory once symlinks
 * are resolved, or InputError E_FILE names the first that does not (field: `inputs.<kind>.file`,
 * `classificationFile` or `workspace`). For project files from someone else; checked before
 * anything is read or written.
 */
export function confineProject(loaded: LoadedProject, options: { workspace?: string } = {}): void {
  const { project, dir } = loaded;
  const root = realPath(dir);
  const named: [string, string][] = [
    ...Object.entries(project.inputs).filter(([, spec]) => spec !== undefined).map(([kind, spec]) => [`inputs.${kind}.file`, resolve(dir, spec!.file)] as [string, string]),
    ...(project.classificationFile ? [['classificationFile', resolve(dir, project.classificationFile)] as [string, string]] : []),
    ...(project.categories ? [['categories.file', resolve(dir, project.categories.file)] as [string, string], ...(project.categories.related ? [['categories.related', resolve(dir, project.categories.related)] as [string, string]] : [])] : []),
    ...(project.diagnosis?.ioSectorMap ? [['diagnosis.ioSectorMap', resolve(dir, project.diagnosis.ioSectorMap)] as [string, string]] : []),
    ['workspace', options.workspace !== undefined ? resolve(options.workspace) : resolve(dir, project.workspace)],
  ];
  for (const [field, path] of named) {
    const rel = relative(root, realPath(path));
    if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
      throw new InputError('E_FILE', `--confine: ${field} ${path} lies outside the project directory ${root}`, { file: path, field, value: path });
    }
  }
}
