/**
 * The data page: upload files, map their columns (init's guess: the fields it matched, the
 * columns it left unmapped, the required fields it could not find — each field editable), ingest
 * (summary per input, rejects by line, rejects.csv), and run the analysis with editable
 * thresholds. A job still running when the page is reloaded is picked up again.
 */
import { follow, get, P, send, upload, type Job } from './api.js';
import { clear, h, table } from './dom.js';
import { t, type Lang } from './i18n.js';
import type { Page } from './main.js';

interface FileGuess { file: string; kind?: string; mapped: Record<string, string>; unmappedColumns: string[]; missingRequired: string[] }
interface ProjectFile { inputs: Record<string, { file: string; columns: Record<string, string> } | undefined>; diagnosis?: { thresholds?: Record<string, number> }; categories?: { file: string; related?: string } }

export function jobBox(lang: Lang, job: Job, project: string): HTMLElement {
  const box = h('div', { class: `job job-${job.state}`, 'data-job': job.id, 'data-state': job.state });
  const p = job.progress;
  const share = p && p.total > 0 ? Math.min(1, p.done / p.total) : 0;
  box.append(
    h('span', { class: 'job-type' }, job.type), ' ',
    h('span', { class: 'job-state' }, t(lang, job.state)), ' ',
    p ? h('span', { class: 'job-stage' }, `${p.stage}${p.detail ? ` — ${p.detail}` : ''}`) : '',
    h('progress', { max: '1', value: String(job.state === 'done' ? 1 : share) }),
  );
  if (job.error) box.append(h('div', { class: 'error', role: 'alert' }, `${job.error.error}: ${job.error.message}`));
  if (job.state === 'running' || job.state === 'queued') {
    box.append(h('button', { class: 'cancel', onclick: () => void send('POST', `${P(project)}/jobs/${job.id}/cancel`) }, t(lang, 'cancel')));
  }
  return box;
}

/** Queue a job and show its progress in `slot` until it ends. */
export async function runJob(lang: Lang, project: string, slot: HTMLElement, type: string, params: Record<string, unknown>): Promise<Job> {
  const job = await send<Job>('POST', `${P(project)}/jobs`, { type, params });
  return watch(lang, project, slot, job);
}

export function watch(lang: Lang, project: string, slot: HTMLElement, job: Job): Promise<Job> {
  const show = (j: Job): void => { clear(slot); slot.append(jobBox(lang, j, project)); };
  show(job);
  return follow(project, job.id, show);
}

function ingestSummary(lang: Lang, project: string, result: any, into: HTMLElement): void {
  clear(into);
  into.append(h('h3', {}, t(lang, 'ingestSummary')), table([t(lang, 'kind'), t(lang, 'files'), t(lang, 'rows'), t(lang, 'loaded'), t(lang, 'rejected')],
    (result.inputs as any[]).map((i) => [i.kind, i.file, i.rows, i.loaded, i.rejected]), { id: 'ingest-summary' }));
  for (const w of (result.warnings as string[]).slice(0, 10)) into.append(h('p', { class: 'warning' }, w));
  const rejects = h('div', { id: 'rejects' });
  into.append(h('h3', {}, t(lang, 'rejects')), rejects, h('a', { href: `${P(project)}/rejects.csv`, download: 'rejects.csv', id: 'rejects-csv' }, t(lang, 'downloadRejects')));
  void get<{ total: number; rows: Record<string, string>[] }>(`${P(project)}/rejects?limit=100`).then((r) => {
    rejects.append(h('p', {}, `${r.total}`), table(['file', 'line', 'field', 'value', 'reason'], r.rows.map((x) => [x.file, x.line, x.field, x.value, x.reason])));
  });
}

export async function dataPage(page: Page): Promise<void> {
  const { state, root } = page;
  const lang = state.lang;
  const project = state.project!;
  const info = await get<{ name: string; files: { name: string; bytes: number }[]; jobs: Job[] }>(P(project));
  const fileList = h('div', { id: 'files' });
  const showFiles = (files: { name: string; bytes: number }[]): void => {
    clear(fileList);
    fileList.append(table([t(lang, 'files'), 'bytes'], files.map((f) => [f.name, f.bytes])));
  };
  showFiles(info.files);
  const uploadMsg = h('div', { id: 'upload-messages' });
  const input = h('input', {
    type: 'file', multiple: true, id: 'upload',
    onchange: async () => {
      clear(uploadMsg);
      for (const f of Array.from(input.files ?? [])) {
        try {
          await upload(`${P(project)}/files/${encodeURIComponent(f.name)}`, f);
          uploadMsg.append(h('div', { class: 'ok' }, `✓ ${f.name}`));
        } catch (e) {
          uploadMsg.append(h('div', { class: 'error', role: 'alert' }, `${f.name}: ${(e as Error).message}`));
        }
      }
      showFiles((await get<{ files: { name: string; bytes: number }[] }>(`${P(project)}/files`)).files);
    },
  });

  const mappingBox = h('div', { id: 'mapping' });
  let current: ProjectFile | null = null;
  const showMapping = async (): Promise<void> => {
    clear(mappingBox);
    const m = await get<{ saved: ProjectFile | null; guess: { project: ProjectFile; files: FileGuess[]; skipped: string[] } }>(`${P(project)}/mapping`);
    current = structuredClone(m.saved ?? m.guess.project);
    // a category file uploaded after the mapping was saved is declared as init would
    if (!current.categories && m.guess.project.categories) current.categories = structuredClone(m.guess.project.categories);
    if (current.categories) {
      mappingBox.append(h('p', { id: 'mapping-categories' }, `${t(lang, 'categoryFiles')}: ${current.categories.file}${current.categories.related ? ` + ${current.categories.related}` : ''}`));
    }
    for (const g of m.guess.files) {
      if (!g.kind) continue;
      const spec = current.inputs[g.kind];
      if (!spec) continue;
      const columns = [...new Set([...Object.values(g.mapped), ...g.unmappedColumns])];
      const fields = [...new Set([...Object.keys(spec.columns), ...g.missingRequired])];
      const rows = fields.map((field) => {
        const sel = h('select', { 'data-kind': g.kind!, 'data-field': field, onchange: (e) => {
          const v = (e.target as HTMLSelectElement).value;
          if (v) spec.columns[field] = v; else delete spec.columns[field];
        } }, h('option', { value: '' }, '—'), ...columns.map((c) => h('option', { value: c, ...(spec.columns[field] === c ? { selected: true } : {}) }, c)));
        return [field, sel];
      });
      const unmapped = g.unmappedColumns.filter((c) => !Object.values(spec.columns).includes(c));
      mappingBox.append(h('section', { class: 'mapping-file', 'data-file': g.file },
        h('h4', {}, `${g.file} → ${g.kind}`),
        table([t(lang, 'field'), t(lang, 'column')], rows),
        h('p', {}, `${t(lang, 'unmapped')}: `, h('span', { class: 'unmapped' }, unmapped.join(', ') || t(lang, 'none'))),
        g.missingRequired.length ? h('p', { class: 'warning' }, `${t(lang, 'missing')}: ${g.missingRequired.join(', ')}`) : null));
    }
    const msg = h('span', { id: 'mapping-status' });
    mappingBox.append(h('button', {
      id: 'save-mapping',
      onclick: async () => {
        try {
          await send('PUT', `${P(project)}/mapping`, { project: current });
          msg.textContent = t(lang, 'saved');
        } catch (e) {
          msg.textContent = (e as Error).message;
          msg.className = 'error';
        }
      },
    }, t(lang, 'saveMapping')), ' ', msg);
  };

  const ingestSlot = h('div', { id: 'ingest-job' });
  const summary = h('div', {});
  const analyzeSlot = h('div', { id: 'analyze-job' });
  const simulations = h('input', { id: 'simulations', type: 'number', min: '0', value: '99' });
  const permutations = h('input', { id: 'permutations', type: 'number', min: '0', value: '999' });
  const thresholds = h('textarea', { id: 'thresholds', rows: '3', cols: '50', placeholder: 'lqAgglomerated=1.25' });
  const parseThresholds = (): Record<string, number> => Object.fromEntries(thresholds.value.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => {
    const [k, v] = l.split('=');
    return [k.trim(), Number(v)];
  }));
  root.append(
    h('section', {}, h('h2', {}, t(lang, 'upload')), h('p', { class: 'hint' }, t(lang, 'uploadHint')), input, uploadMsg, fileList),
    h('section', {}, h('h2', {}, t(lang, 'mapping')), h('button', { id: 'guess', onclick: () => void showMapping() }, t(lang, 'guess')), mappingBox),
    h('section', {}, h('h2', {}, t(lang, 'ingest')), h('button', {
      id: 'run-ingest',
      onclick: async () => {
        const j = await runJob(lang, project, ingestSlot, 'ingest', {});
        if (j.state === 'done') ingestSummary(lang, project, j.result, summary);
      },
    }, t(lang, 'ingest')), ingestSlot, summary),
    h('section', {}, h('h2', {}, t(lang, 'analyze')), h('label', {}, t(lang, 'thresholds'), h('br', {}), thresholds), h('br', {}),
      h('label', {}, `${t(lang, 'simulations')} `, simulations), ' ', h('label', {}, `${t(lang, 'permutations')} `, permutations), ' ', h('button', {
      id: 'run-analyze',
      onclick: async () => {
        const j = await runJob(lang, project, analyzeSlot, 'analyze', { lang, thresholds: parseThresholds(), simulations: Number(simulations.value), permutations: Number(permutations.value) });
        if (j.state === 'done') analyzeSlot.append(h('a', { href: '#', id: 'to-overview', onclick: (e) => { e.preventDefault(); page.go({ view: 'overview' }); } }, `→ ${t(lang, 'overview')}`));
      },
    }, t(lang, 'analyze')), analyzeSlot),
  );
  if (info.files.length) await showMapping().catch(() => undefined);
  // pick up what ran before the reload
  const lastIngest = [...info.jobs].reverse().find((j) => j.type === 'ingest');
  if (lastIngest) {
    if (lastIngest.state === 'done') { ingestSlot.append(jobBox(lang, lastIngest, project)); ingestSummary(lang, project, lastIngest.result, summary); } else void watch(lang, project, ingestSlot, lastIngest);
  }
  const lastAnalyze = [...info.jobs].reverse().find((j) => j.type === 'analyze');
  if (lastAnalyze) {
    if (lastAnalyze.state === 'running' || lastAnalyze.state === 'queued') void watch(lang, project, analyzeSlot, lastAnalyze);
    else analyzeSlot.append(jobBox(lang, lastAnalyze, project));
  }
}
