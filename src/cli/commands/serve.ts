/**
 * `cluster-atlas serve [--port 8080] [--host 127.0.0.1] [--dir PROJECTS_DIR] [--token T]`: the
 * HTTP API and the dashboard (src/serve/). Loopback by default; any other host needs a token,
 * generated and printed once when not given. `--import DIR` starts with a project holding DIR's
 * files (the demo: `--import demo-output`). Stops cleanly on SIGTERM/SIGINT (running jobs
 * cancelled, queued jobs kept for the next start).
 */
import type { Command } from 'commander';
import type { CliContext } from '../output.js';

export interface ServeCliOptions { port: string; host: string; dir: string; token?: string; maxUpload: string; import?: string }

export async function runServe(ctx: CliContext, o: ServeCliOptions): Promise<void> {
  const { InputError } = await import('../../core/errors.js');
  const port = Number(o.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InputError('E_OPTION', `--port must be an integer in 0–65535, got ${JSON.stringify(o.port)}`, { field: 'port', value: o.port });
  const mb = Number(o.maxUpload);
  if (!(Number.isFinite(mb) && mb > 0)) throw new InputError('E_OPTION', `--max-upload must be a positive number of MiB, got ${JSON.stringify(o.maxUpload)}`, { field: 'max-upload', value: o.maxUpload });
  const token = o.token ?? process.env.CLUSTER_ATLAS_TOKEN;
  const { startServer } = await import('../../serve/server.js');
  const s = await startServer({
    port, host: o.host, dir: o.dir, token, handleSignals: true, limits: { maxBytes: Math.round(mb * 1024 ** 2) },
    log: (m) => ctx.err(m),
  });
  const zh = ctx.lang === 'zh';
  let opened = '';
  if (o.import !== undefined) {
    try {
      const p = await importDirectory(s.url, s.token, o.import);
      opened = `/?project=${p.id}&view=data`;
      ctx.out(zh ? `已导入 ${o.import}：项目 ${p.id}（${p.files} 个文件${p.mapped ? '，沿用其 cluster-atlas.json 的字段映射' : ''}）` : `Imported ${o.import}: project ${p.id} (${p.files} files${p.mapped ? ', column mapping from its cluster-atlas.json' : ''})`);
    } catch (e) {
      await s.stop();
      throw e;
    }
  }
  ctx.out(zh ? `Cluster Atlas 工作台：${s.url}${opened}（项目目录 ${o.dir}）` : `Cluster Atlas workbench: ${s.url}${opened} (projects in ${o.dir})`);
  if (s.token) {
    if (s.generatedToken) ctx.out(zh ? `访问令牌（仅显示这一次）：${s.token}` : `Token (shown this once): ${s.token}`);
    ctx.out(zh ? `浏览器一次性登录链接：${s.loginUrl}` : `One-time browser login URL: ${s.loginUrl}`);
    ctx.out(zh ? 'API 请求需带 Authorization: Bearer <令牌>' : 'API requests need Authorization: Bearer <token>');
  }
  await new Promise<void>((resolve) => s.app.fastify.server.once('close', () => resolve()));
}

/**
 * `--import DIR`: a new project holding DIR's data files, sent through the server's own API (the
 * same name, type and content checks as a browser upload) and, when DIR has a cluster-atlas.json,
 * its column mapping (checked as the dashboard's). Files the API refuses are named in the error.
 */
async function importDirectory(url: string, token: string | null, dir: string): Promise<{ id: string; files: number; mapped: boolean }> {
  const [{ readdirSync, readFileSync, statSync, existsSync }, { join, basename, resolve, extname }, { InputError }] = await Promise.all([import('node:fs'), import('node:path'), import('../../core/errors.js')]);
  const root = resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new InputError('E_FILE', `--import ${dir}: not a directory`, { file: dir, field: 'import' });
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const call = async (method: string, path: string, body?: string | Buffer, type = 'application/json'): Promise<any> => {
    const r = await fetch(url + path, { method, headers: { ...headers, 'content-type': type }, body });
    const v = (await r.json().catch(() => ({}))) as { message?: string; error?: string; [k: string]: unknown };
    if (!r.ok) throw new InputError('E_FILE', `--import ${dir}: ${method} ${path}: ${v.message ?? r.status}`, { file: dir, field: 'import', value: v.error });
    return v;
  };
  const p = await call('POST', '/api/projects', JSON.stringify({ name: basename(root) }));
  let files = 0;
  for (const name of readdirSync(root).sort()) {
    if (name.startsWith('.') || name === 'cluster-atlas.json' || name.startsWith('truth') || !['.csv', '.tsv', '.txt', '.xlsx', '.geojson', '.json', '.parquet'].includes(extname(name).toLowerCase())) continue;
    if (!statSync(join(root, name)).isFile()) continue;
    await call('PUT', `/api/projects/${p.id}/files/${encodeURIComponent(name)}`, readFileSync(join(root, name)), 'application/octet-stream');
    files++;
  }
  const projectFile = join(root, 'cluster-atlas.json');
  let mapped = false;
  if (existsSync(projectFile)) {
    const project = JSON.parse(readFileSync(projectFile, 'utf8')) as Record<string, unknown>;
    await call('PUT', `/api/projects/${p.id}/mapping`, JSON.stringify({ project }));
    mapped = true;
  }
  return { id: p.id as string, files, mapped };
}

export function registerServe(program: Command, context: () => CliContext): Command {
  return program
    .command('serve')
    .description('start the HTTP API and the dashboard (projects, uploads, column mapping, ingest, analysis and planning jobs, maps); loopback only unless given a token')
    .option('--port <n>', 'TCP port (0: any free port)', '8080')
    .option('--host <address>', 'address to bind; anything but loopback (127.0.0.1, ::1, localhost) requires a token', '127.0.0.1')
    .option('--dir <dir>', 'projects directory (created)', 'cluster-atlas-projects')
    .option('--token <token>', 'token required on every request (default: none on loopback; generated and printed once on any other address; or CLUSTER_ATLAS_TOKEN)')
    .option('--max-upload <MiB>', 'largest upload in MiB', '512')
    .option('--import <dir>', 'start with a new project holding the data files of DIR (and its cluster-atlas.json mapping, if any), e.g. the demo: --import demo-output')
    .addHelpText('after', '\nSecurity: bound to loopback without a token, only this machine can reach the server (Host and Origin are checked). On any other address every request needs the token, as "Authorization: Bearer <token>" or the cookie set by the one-time login URL printed at start. See docs/serve.md.')
    .action(async (opts: ServeCliOptions) => {
      await runServe(context(), opts);
    });
}
