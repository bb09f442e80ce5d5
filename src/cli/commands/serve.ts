/**
 * `cluster-atlas serve [--port 8080] [--host 127.0.0.1] [--dir PROJECTS_DIR] [--token T]`: the
 * HTTP API and the dashboard (src/serve/). Loopback by default; any other host needs a token,
 * generated and printed once when not given. Stops cleanly on SIGTERM/SIGINT (running jobs
 * cancelled, queued jobs kept for the next start).
 */
import type { Command } from 'commander';
import type { CliContext } from '../output.js';

export interface ServeCliOptions { port: string; host: string; dir: string; token?: string; maxUpload: string }

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
  ctx.out(zh ? `Cluster Atlas 工作台：${s.url}（项目目录 ${o.dir}）` : `Cluster Atlas workbench: ${s.url} (projects in ${o.dir})`);
  if (s.token) {
    if (s.generatedToken) ctx.out(zh ? `访问令牌（仅显示这一次）：${s.token}` : `Token (shown this once): ${s.token}`);
    ctx.out(zh ? `浏览器一次性登录链接：${s.loginUrl}` : `One-time browser login URL: ${s.loginUrl}`);
    ctx.out(zh ? 'API 请求需带 Authorization: Bearer <令牌>' : 'API requests need Authorization: Bearer <token>');
  }
  await new Promise<void>((resolve) => s.app.fastify.server.once('close', () => resolve()));
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
    .addHelpText('after', '\nSecurity: bound to loopback without a token, only this machine can reach the server (Host and Origin are checked). On any other address every request needs the token, as "Authorization: Bearer <token>" or the cookie set by the one-time login URL printed at start. See docs/serve.md.')
    .action(async (opts: ServeCliOptions) => {
      await runServe(context(), opts);
    });
}
