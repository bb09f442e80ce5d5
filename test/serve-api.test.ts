/**
 * The HTTP API of `cluster-atlas serve` (src/serve/) on a small demo scenario: every route of
 * the OpenAPI document is called and every status it answers is documented there; uploads
 * (good files; wrong type; over the limit; traversal and reserved names; a zip bomb posing as
 * XLSX; text posing as XLSX), the mapping of `init`, ingest and its rejects (malformed CSV,
 * GBK declared wrongly), the analysis outputs by URL (byte-identical to the files analyze
 * wrote), errors as JSON without stack traces, and the loopback rules (Host, Origin).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResultsSchema } from '../src/analyze/results-schema.js';
import { Client, demoFiles, testServer, tree, zipArchive } from './serve-helpers.js';

const FAST = { simulations: 9, permutations: 49, seed: 7 };

describe('serve API', () => {
  let demo: string;
  let srv: Awaited<ReturnType<typeof testServer>>;
  let api: Client;
  let spec: any;
  let project: string;

  beforeAll(async () => {
    demo = await demoFiles();
    srv = await testServer({ limits: { maxBytes: 2 * 1024 ** 2, maxXlsxUncompressedBytes: 8 * 1024 ** 2 } });
    api = new Client(srv.server);
    spec = (await api.json('GET', '/api/openapi.json')).body;
  }, 60_000);

  afterAll(async () => {
    // every route of the document was called, and every status seen is documented for its route
    const documented = new Set<string>();
    for (const [path, ops] of Object.entries(spec.paths as Record<string, Record<string, any>>)) {
      for (const [method, op] of Object.entries(ops)) documented.add(`${method.toUpperCase()} ${path}`), void op;
    }
    const called = new Set(api.calls.map((c) => `${c.method} ${c.route.replace(/:([A-Za-z]+)/g, '{$1}')}`));
    const undocumentedStatus = api.calls.filter((c) => {
      const op = spec.paths[c.route.replace(/:([A-Za-z]+)/g, '{$1}')]?.[c.method.toLowerCase()];
      return !op || !(String(c.status) in op.responses);
    });
    await srv?.done();
    expect([...documented].filter((r) => !called.has(r))).toEqual([]);
    expect(undocumentedStatus).toEqual([]);
  });

  it('serves an OpenAPI 3.1 document listing every route with its schemas', async () => {
    expect(spec.openapi).toBe('3.1.0');
    const routes = srv.server.app.routes.map((r) => `${r.method} ${r.url.replace(/:([A-Za-z]+)/g, '{$1}')}`);
    const docPaths = Object.entries(spec.paths as Record<string, object>).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    expect(docPaths.sort()).toEqual(routes.sort());
    const submit = spec.paths['/api/projects/{project}/jobs'].post;
    expect(JSON.stringify(submit.requestBody.content['application/json'].schema)).toContain('plan-gaps');
    expect(submit.parameters[0]).toMatchObject({ name: 'project', in: 'path', required: true });
    expect((await api.json('GET', '/api/health')).body).toEqual({ ok: true, tokenRequired: false });
  });

  it('creates, lists and deletes projects; unknown ids are 404 JSON', async () => {
    const bad = await api.json('POST', '/api/projects', {}, { name: '' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: 'E_VALIDATION', details: { where: 'request body' } });
    const extra = await api.json('POST', '/api/projects', {}, { name: 'x', path: '../../etc' });
    expect(extra.status).toBe(400);
    const c = await api.json('POST', '/api/projects', {}, { name: '温州鞋业' });
    expect(c.status).toBe(201);
    expect(c.body.id).toMatch(/^p-[0-9a-f]{10}$/);
    const list = await api.json('GET', '/api/projects');
    expect(list.body.projects.map((p: { name: string }) => p.name)).toContain('温州鞋业');
    const one = await api.json('GET', '/api/projects/:project', { project: c.body.id });
    expect(one.body).toMatchObject({ id: c.body.id, files: [], mapped: false, results: false, jobs: [] });
    expect((await api.json('DELETE', '/api/projects/:project', { project: c.body.id })).status).toBe(204);
    const gone = await api.json('GET', '/api/projects/:project', { project: c.body.id });
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual({ error: 'E_NOT_FOUND', message: `project "${c.body.id}" not found`, details: { field: 'project', value: c.body.id } });
    expect((await api.json('DELETE', '/api/projects/:project', { project: '..' })).status).toBe(404);
    const noRoute = await fetch(`${srv.server.url}/api/nothing`);
    expect(noRoute.status).toBe(404);
    expect(await noRoute.json()).toMatchObject({ error: 'E_NOT_FOUND' });
  });

  it('takes the demo files, guesses the mapping like init and ingests them', async () => {
    project = await api.mappedProject(demo);
    const files = await api.json('GET', '/api/projects/:project/files', { project });
    expect(files.body.files.map((f: { name: string }) => f.name)).toContain('firms.csv');
    const m = await api.json('GET', '/api/projects/:project/mapping', { project });
    const firms = m.body.guess.files.find((f: { kind: string }) => f.kind === 'firms');
    expect(firms.mapped).toMatchObject({ id: '企业代码', industry: '行业代码', lon: '经度' });
    expect(firms.missingRequired).toEqual([]);
    expect(m.body.saved.inputs.firms.file).toBe('firms.csv');
    const job = await api.json('POST', '/api/projects/:project/jobs', { project }, { type: 'ingest' });
    expect(job.status).toBe(202);
    const done = await api.waitJob(project, job.body.id);
    expect(done.state, JSON.stringify(done.error)).toBe('done');
    const firmsIn = done.result.inputs.find((i: { kind: string }) => i.kind === 'firms');
    expect(firmsIn.loaded + firmsIn.rejected).toBe(firmsIn.rows);
    const rejects = await api.json('GET', '/api/projects/:project/rejects', { project }, undefined, '?limit=5');
    expect(rejects.status).toBe(200);
    expect(rejects.body.total).toBe(done.result.findings);
    const csv = await api.raw('GET', '/api/projects/:project/rejects.csv', { project });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(Buffer.from(await csv.arrayBuffer()).toString('utf8').startsWith('\uFEFFfile,line,field,value,reason')).toBe(true);
    expect((await api.json('GET', '/api/projects/:project/rejects', { project }, undefined, '?limit=0')).status).toBe(400);
  }, 120_000);

  it('rejects a mapping naming a file that is not an upload of the project', async () => {
    const m = await api.json('GET', '/api/projects/:project/mapping', { project });
    const proj = structuredClone(m.body.saved);
    proj.inputs.firms.file = '../../../etc/passwd';
    const r = await api.json('PUT', '/api/projects/:project/mapping', { project }, { project: proj });
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ error: 'E_FILE', details: { field: 'inputs.firms.file' } });
    const noVersion = await api.json('PUT', '/api/projects/:project/mapping', { project }, { project: { ...proj, version: 2 } });
    expect(noVersion.status).toBe(400);
    expect(noVersion.body.details.issues[0].path).toBe('project.version');
    // the other files a project names must be uploads too
    for (const [field, change] of [
      ['categories.file', { categories: { file: '../../secret.csv' } }],
      ['categories.related', { categories: { file: 'firms.csv', related: 'nope.csv' } }],
      ['diagnosis.ioSectorMap', { diagnosis: { ioSectorMap: '/etc/passwd' } }],
    ] as const) {
      const bad = await api.json('PUT', '/api/projects/:project/mapping', { project }, { project: { ...structuredClone(m.body.saved), ...change } });
      expect(bad.status, field).toBe(422);
      expect(bad.body, field).toMatchObject({ error: 'E_FILE', details: { field } });
    }
  });

  it('refuses bad uploads and writes nothing outside the project', async () => {
    const { body: p } = await api.json('POST', '/api/projects', {}, { name: 'uploads' });
    const before = tree(srv.dir);
    const cases: [string, Buffer | string, number, string][] = [
      ['../escape.csv', 'a,b\n1,2\n', 400, 'E_VALIDATION'],
      ['..%2F..%2Fescape.csv', 'a,b\n1,2\n', 400, 'E_VALIDATION'],
      ['sub/escape.csv', 'a,b\n1,2\n', 400, 'E_VALIDATION'],
      ['.hidden.csv', 'a,b\n1,2\n', 400, 'E_VALIDATION'],
      ['cluster-atlas.json', '{}', 400, 'E_VALIDATION'],
      ['tool.exe', 'MZ', 400, 'E_VALIDATION'],
      ['firms.xlsx', 'id,industry\n1,1811\n', 415, 'E_UNSUPPORTED'],
      ['firms.csv', zipArchive([{ name: 'a.txt', data: Buffer.from('x') }]), 415, 'E_UNSUPPORTED'],
      ['binary.csv', Buffer.from([0x69, 0x00, 0x64, 0x00]), 415, 'E_UNSUPPORTED'],
      ['regions.geojson', 'not json at all', 415, 'E_UNSUPPORTED'],
      ['empty.csv', '', 415, 'E_UNSUPPORTED'],
      ['big.csv', `a,b\n${'1,2\n'.repeat(700_000)}`, 413, 'E_TOO_LARGE'],
    ];
    for (const [name, data, status, code] of cases) {
      const r = await api.upload(p.id, name, data);
      expect([name, r.status, r.body.error]).toEqual([name, status, code]);
      expect(JSON.stringify(r.body)).not.toMatch(/\n\s+at |\/tmp\//);
    }
    // a zip bomb posing as XLSX: 40 MB of zeros in a ~40 KB sheet, over the 8 MB cap; refused from the zip directory
    const bomb = zipArchive([
      { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types/>') },
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(40 * 1024 ** 2) },
    ]);
    expect(bomb.length).toBeLessThan(200_000);
    const b = await api.upload(p.id, 'bomb.xlsx', bomb);
    expect(b.status).toBe(413);
    expect(b.body.error).toBe('E_TOO_LARGE');
    // a CSV whose header is fine but whose body has an unclosed quote is accepted here and rejected by ingest
    expect((await api.upload(p.id, 'ok.csv', 'a,b\n1,2\n')).status).toBe(201);
    expect((await api.upload(p.id, 'ok.csv', 'a,b,c\n1,2,3\n')).body.headers).toEqual(['a', 'b', 'c']);
    expect(tree(srv.dir).filter((f) => !before.includes(f))).toEqual([`${p.id}/data/ok.csv`]);
    expect((await api.json('DELETE', '/api/projects/:project/files/:name', { project: p.id, name: 'ok.csv' })).status).toBe(204);
    expect((await api.json('DELETE', '/api/projects/:project/files/:name', { project: p.id, name: 'ok.csv' })).status).toBe(404);
    expect((await api.json('DELETE', '/api/projects/:project/files/:name', { project: p.id, name: '..%2Fproject.json' })).status).toBe(400);
    expect(existsSync(join(srv.dir, p.id, 'project.json'))).toBe(true);
    const noBody = await api.raw('PUT', '/api/projects/:project/files/:name', { project: p.id, name: 'x.csv' }, { body: '{"a":1}', headers: { 'content-type': 'application/json' } });
    expect(noBody.status).toBe(400);
  }, 60_000);

  it('ingest of a malformed CSV fails with the file and line; GBK declared wrongly is named', async () => {
    const { body: p } = await api.json('POST', '/api/projects', {}, { name: 'bad data' });
    const header = '企业代码,行业代码,经度,纬度,从业人员';
    await api.upload(p.id, 'firms.csv', `${header}\nF1,1811,120.1,30.1,10\nF2,1811,"120.2,30.2,12\nF3,1811,120.3,30.3,9\n`);
    const { body: m } = await api.json('GET', '/api/projects/:project/mapping', { project: p.id });
    expect((await api.json('PUT', '/api/projects/:project/mapping', { project: p.id }, { project: m.guess.project })).status).toBe(200);
    const j = await api.json('POST', '/api/projects/:project/jobs', { project: p.id }, { type: 'ingest' });
    const done = await api.waitJob(p.id, j.body.id);
    // the row with the unclosed quote is a reject at its line, the others load (docs/ingest.md, "Quotes")
    expect(done.state, JSON.stringify(done.error)).toBe('done');
    expect(done.result.rejectsByReason).toMatchObject({ unclosed_quote: 1 });
    const rj = await api.json('GET', '/api/projects/:project/rejects', { project: p.id });
    expect(rj.body.rows[0]).toMatchObject({ file: expect.stringContaining('firms.csv'), line: '3', reason: 'unclosed_quote' });
    expect(JSON.stringify(rj.body)).not.toContain(srv.dir);
    // an unclosed quote in the header is an error at line 1: the job fails and says so
    await api.upload(p.id, 'firms.csv', `"${header}\nF1,1811,120.1,30.1,10\n`);
    const h = await api.waitJob(p.id, (await api.json('POST', '/api/projects/:project/jobs', { project: p.id }, { type: 'ingest' })).body.id);
    expect(h.state).toBe('failed');
    expect(h.error).toMatchObject({ error: expect.stringMatching(/^E_(PARSE|MAPPING)$/) });
    expect(h.error.message).toContain('firms.csv');
    expect(h.error.message).not.toContain(srv.dir);
    expect(JSON.stringify(h.error)).not.toMatch(/\n\s+at /);
    // UTF-8 Chinese declared as GBK
    await api.upload(p.id, 'firms.csv', `${header}\nF1,1811,120.1,30.1,10\n`);
    const proj = structuredClone(m.guess.project);
    proj.inputs.firms.encoding = 'gbk';
    expect((await api.json('PUT', '/api/projects/:project/mapping', { project: p.id }, { project: proj })).status).toBe(200);
    const g = await api.waitJob(p.id, (await api.json('POST', '/api/projects/:project/jobs', { project: p.id }, { type: 'ingest' })).body.id);
    expect(g.state).toBe('failed');
    expect(`${g.error.error} ${g.error.message}`).toMatch(/utf8_declared_gbk|valid UTF-8/);
    // GBK bytes declared UTF-8
    const gbk = readFileSync(join(import.meta.dirname, 'fixtures', 'ingest-gbk', 'firms_gbk.csv'));
    const up = await api.upload(p.id, 'firms_gbk.csv', gbk);
    expect(up.body.encoding).toBe('gb18030');
    const { body: m2 } = await api.json('GET', '/api/projects/:project/mapping', { project: p.id });
    const proj2 = structuredClone(m2.guess.project);
    proj2.inputs.firms = { ...m2.guess.project.inputs.firms, file: 'firms_gbk.csv', encoding: 'utf-8' };
    await api.json('DELETE', '/api/projects/:project/files/:name', { project: p.id, name: 'firms.csv' });
    expect((await api.json('PUT', '/api/projects/:project/mapping', { project: p.id }, { project: proj2 })).status).toBe(200);
    const u = await api.waitJob(p.id, (await api.json('POST', '/api/projects/:project/jobs', { project: p.id }, { type: 'ingest' })).body.id);
    expect(u.state).toBe('failed');
    expect(u.error.message).toMatch(/^firms_gbk\.csv:\d+: not valid UTF-8; declare "encoding": "gbk"/);
  }, 120_000);

  it('runs the analysis as a job and serves its outputs as analyze wrote them', async () => {
    const noMap = await api.json('POST', '/api/projects', {}, { name: 'empty' });
    expect((await api.json('POST', '/api/projects/:project/jobs', { project: noMap.body.id }, { type: 'analyze' })).status).toBe(409);
    expect((await api.json('GET', '/api/projects/:project/results', { project: noMap.body.id })).status).toBe(404);
    expect((await api.json('POST', '/api/projects/:project/jobs', { project }, { type: 'analyze', params: { simulations: -1 } })).status).toBe(400);
    expect((await api.json('POST', '/api/projects/:project/jobs', { project }, { type: 'reboot' })).status).toBe(400);
    const j = await api.json('POST', '/api/projects/:project/jobs', { project }, { type: 'analyze', params: { ...FAST, lang: 'en' } });
    const done = await api.waitJob(project, j.body.id);
    expect(done.state, JSON.stringify(done.error)).toBe('done');
    expect(done.progress.stage).toBe('write');
    const out = join(srv.dir, project, 'out');
    const results = await api.json('GET', '/api/projects/:project/results', { project });
    expect(ResultsSchema.safeParse(results.body).success).toBe(true);
    expect(results.body).toEqual(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')));
    const first = results.body.candidates[0];
    const c = await api.json('GET', '/api/projects/:project/candidates/:candidate', { project, candidate: first.id });
    expect(c.body).toEqual(first);
    expect((await api.json('GET', '/api/projects/:project/candidates/:candidate', { project, candidate: 'nope' })).status).toBe(404);
    const ev = await api.raw('GET', '/api/projects/:project/candidates/:candidate/evidence.csv', { project, candidate: first.id });
    expect(Buffer.from(await ev.arrayBuffer()).toString('utf8')).toBe(readFileSync(join(out, 'tables', `evidence-${first.id}.csv`), 'utf8'));
    expect((await api.raw('GET', '/api/projects/:project/candidates/:candidate/evidence.csv', { project, candidate: '..' })).status).toBe(404);
    const table = await api.raw('GET', '/api/projects/:project/tables/candidates.csv', { project });
    expect(Buffer.from(await table.arrayBuffer()).toString('utf8')).toBe(readFileSync(join(out, 'tables', 'candidates.csv'), 'utf8'));
    const layers = await api.json('GET', '/api/projects/:project/layers', { project });
    expect(layers.body.layers).toEqual(expect.arrayContaining(['candidates', 'candidate-hulls', 'parks', `regions-${first.id}`]));
    const hulls = await api.raw('GET', '/api/projects/:project/layers/:layer', { project, layer: 'candidate-hulls' });
    expect(hulls.headers.get('content-type')).toBe('application/geo+json');
    expect(await hulls.text()).toBe(readFileSync(join(out, 'layers', 'candidate-hulls.geojson'), 'utf8'));
    expect((await api.raw('GET', '/api/projects/:project/layers/:layer', { project, layer: '..%2F..%2Fproject' })).status).toBe(404);
    const report = await api.raw('GET', '/api/projects/:project/report', { project });
    expect(report.headers.get('content-type')).toContain('text/html');
    expect(await report.text()).toBe(readFileSync(join(out, 'report.html'), 'utf8'));
    expect((await api.raw('GET', '/api/projects/:project/report', { project: noMap.body.id })).status).toBe(404);
    const rd = await api.json('GET', '/api/projects/:project/report-data', { project }, undefined, '?lang=zh');
    expect(rd.body.data.candidates.map((x: { id: string }) => x.id)).toEqual(results.body.candidates.map((x: { id: string }) => x.id));
    expect(typeof rd.body.labels.ui.chartFailed).toBe('string');
    expect((await api.json('GET', '/api/projects/:project/report-data', { project: noMap.body.id })).status).toBe(404);
    expect((await api.json('GET', '/api/projects/:project/report-data', { project }, undefined, '?lang=fr')).status).toBe(400);
    const chains = await api.json('GET', '/api/projects/:project/chains', { project });
    const templates = JSON.parse(readFileSync(join(demo, 'chain_templates.json'), 'utf8')) as { id: string }[];
    expect(chains.body.chains.map((x: { id: string }) => x.id).sort()).toEqual(templates.map((t) => t.id).sort());
    expect((await api.json('GET', '/api/projects/:project/chains', { project: noMap.body.id })).status).toBe(404);
    const listed = await api.json('GET', '/api/projects/:project/jobs', { project }, undefined, '?type=analyze');
    expect(listed.body.jobs.map((x: { id: string }) => x.id)).toEqual([j.body.id]);
  }, 180_000);

  it('runs plan gaps and plan network as jobs (the CLI\'s JSON as the result)', async () => {
    const bad = await api.json('POST', '/api/projects/:project/jobs', { project }, { type: 'plan-gaps', params: { place: 'all' } });
    expect(bad.status).toBe(400);
    const chain = (JSON.parse(readFileSync(join(demo, 'chain_templates.json'), 'utf8')) as { id: string }[])[0].id;
    const gaps = await api.json('POST', '/api/projects/:project/jobs', { project }, { type: 'plan-gaps', params: { place: 'all', chain, weakLq: 1 } });
    const net = await api.json('POST', '/api/projects/:project/jobs', { project }, { type: 'plan-network', params: { chain, radius: 150 } });
    const unknown = await api.json('POST', '/api/projects/:project/jobs', { project }, { type: 'plan-gaps', params: { place: 'all', chain: 'no-such-chain' } });
    const g = await api.waitJob(project, gaps.body.id);
    expect(g.state, JSON.stringify(g.error)).toBe('done');
    expect(Array.isArray(g.result.stages)).toBe(true);
    const n = await api.waitJob(project, net.body.id);
    expect(n.state, JSON.stringify(n.error)).toBe('done');
    const geo = await api.json('GET', '/api/projects/:project/jobs/:job/geojson', { project, job: net.body.id });
    expect(geo.body.features.some((f: { properties: { kind: string } }) => f.properties.kind === 'hub')).toBe(true);
    // the CLI's input error comes back as the job's error, without server paths
    const u = await api.waitJob(project, unknown.body.id);
    expect(u.state).toBe('failed');
    expect(u.error.error).toBe('E_INPUT');
    expect(u.error.message).toContain('no-such-chain');
    expect(u.error.message).not.toContain(srv.dir);
    expect(geo.body.type).toBe('FeatureCollection');
    expect((await api.json('GET', '/api/projects/:project/jobs/:job/geojson', { project, job: g.id })).status).toBe(404);
  }, 120_000);

  it('queues two jobs on one project, streams progress by SSE, and cancels', async () => {
    // two analyses submitted at once: the second waits for the first; both finish; the outputs are one run's set
    const a = await api.json('POST', '/api/projects/:project/jobs', { project }, { type: 'analyze', params: { ...FAST, force: true } });
    const b = await api.json('POST', '/api/projects/:project/jobs', { project }, { type: 'analyze', params: { ...FAST, seed: 8, force: true } });
    expect(b.body.state).toBe('queued');
    const events: { state: string; stage: string | null }[] = [];
    const sse = await api.raw('GET', '/api/projects/:project/jobs/:job/events', { project, job: a.body.id });
    expect(sse.headers.get('content-type')).toContain('text/event-stream');
    const text = await sse.text(); // ends when the job ends
    for (const block of text.split('\n\n')) {
      const data = block.split('\n').find((l) => l.startsWith('data: '));
      if (data) { const j = JSON.parse(data.slice(6)); events.push({ state: j.state, stage: j.progress?.stage ?? null }); }
    }
    expect(events.at(-1)?.state).toBe('done');
    expect(events.some((e) => e.state === 'running' && e.stage === 'measures')).toBe(true);
    const mid = await api.json('GET', '/api/projects/:project/jobs/:job', { project, job: b.body.id });
    expect(['queued', 'running']).toContain(mid.body.state);
    expect((await api.json('DELETE', '/api/projects/:project', { project })).status).toBe(409);
    expect((await api.upload(project, 'firms.csv', 'a,b\n')).status).toBe(409);
    const bDone = await api.waitJob(project, b.body.id);
    expect(bDone.state, JSON.stringify(bDone.error)).toBe('done');
    const aDone = (await api.json('GET', '/api/projects/:project/jobs/:job', { project, job: a.body.id })).body;
    expect(Date.parse(bDone.started)).toBeGreaterThanOrEqual(Date.parse(aDone.finished));
    const results = (await api.json('GET', '/api/projects/:project/results', { project })).body;
    expect(ResultsSchema.safeParse(results).success).toBe(true);
    expect(results.key).toBe(bDone.result.key);
    // a finished job's stream sends its last state and ends
    const again = await (await api.raw('GET', '/api/projects/:project/jobs/:job/events', { project, job: a.body.id })).text();
    expect(again).toContain('"state":"done"');
    // cancel a running job (its process is stopped) and a queued one
    const c1 = await api.json('POST', '/api/projects/:project/jobs', { project }, { type: 'analyze', params: { ...FAST, simulations: 199, force: true } });
    const c2 = await api.json('POST', '/api/projects/:project/jobs', { project }, { type: 'ingest' });
    expect((await api.json('POST', '/api/projects/:project/jobs/:job/cancel', { project, job: c2.body.id })).status).toBe(202);
    for (let k = 0; k < 100 && (await api.json('GET', '/api/projects/:project/jobs/:job', { project, job: c1.body.id })).body.state !== 'running'; k++) await new Promise((r) => setTimeout(r, 50));
    expect((await api.json('POST', '/api/projects/:project/jobs/:job/cancel', { project, job: c1.body.id })).status).toBe(202);
    const x1 = await api.waitJob(project, c1.body.id);
    const x2 = await api.waitJob(project, c2.body.id);
    expect([x1.state, x2.state]).toEqual(['cancelled', 'cancelled']);
    expect(x1.error).toMatchObject({ error: 'E_CANCELLED' });
    expect((await api.json('POST', '/api/projects/:project/jobs/:job/cancel', { project, job: 'j-0' })).status).toBe(404);
    // the outputs of the last finished run are intact, and the next run works (the dead run's lock is taken over)
    expect((await api.json('GET', '/api/projects/:project/results', { project })).body.key).toBe(bDone.result.key);
    const next = await api.waitJob(project, (await api.json('POST', '/api/projects/:project/jobs', { project }, { type: 'analyze', params: FAST })).body.id);
    expect(next.state, JSON.stringify(next.error)).toBe('done');
  }, 240_000);

  it('answers an internal failure with a 500 JSON body and no stack trace', async () => {
    const results = join(srv.dir, project, 'out', 'results.json');
    const keep = readFileSync(results);
    writeFileSync(results, '{ broken');
    const r = await api.json('GET', '/api/projects/:project/results', { project });
    writeFileSync(results, keep);
    expect(r.status).toBe(500);
    expect(r.body).toEqual({ error: 'E_INTERNAL', message: 'internal error; the server log has the details', details: {} });
  });

  it('on loopback without a token: refuses other Host headers and cross-origin writes', async () => {
    const { request } = await import('node:http');
    const status = (headers: Record<string, string>, method = 'GET', path = '/api/projects'): Promise<number> => new Promise((resolve, reject) => {
      const req = request(`${srv.server.url}${path}`, { method, headers }, (res) => { res.resume(); resolve(res.statusCode ?? 0); });
      req.on('error', reject);
      req.end(method === 'POST' ? '{"name":"x"}' : undefined);
    });
    expect(await status({ host: 'evil.example:80' })).toBe(403);
    expect(await status({ host: `localhost:${srv.server.port}` })).toBe(200);
    expect(await status({ origin: 'http://evil.example', 'content-type': 'application/json' }, 'POST')).toBe(403);
    expect(await status({ origin: srv.server.url, 'content-type': 'application/json' }, 'POST')).toBe(201);
    const link = await api.json('POST', '/api/auth/link');
    expect(link.status).toBe(409);
    expect((await api.raw('GET', '/auth', {}, {}, '?code=whatever')).status).toBe(401);
  });
});
