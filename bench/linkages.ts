/**
 * Benchmark of the linkages family, with the peers in the same run:
 *  1. Leontief inverse + Rasmussen–Hirschman linkages (+ hypothetical extraction) of a seeded
 *     153-sector table (the size of China's NBS table), beside numpy.linalg.inv when
 *     /usr/bin/python3 has numpy;
 *  2. Louvain (10 seeded starts, best modularity kept) + local embeddedness on a seeded
 *     1,000,000-link firm network (planted communities), beside igraph's C `cluster_louvain` from
 *     as many seeds on the same graph when Rscript with igraph is present; the modularity of our
 *     best partition is recomputed by networkx (`nx.community.modularity`) when /usr/bin/python3
 *     has it.
 *
 *   npm run bench:linkages                       # 1,000,000 links
 *   node dist/bench/linkages.js --links 200000
 *
 * Target (issue 6): within 2× of igraph's cluster_louvain. Not a test: prints figures, never fails.
 * igraph's time covers cluster_louvain only (the graph is built and collapsed before the clock
 * starts); ours covers louvainCommunities including its undirected projection.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, createWriteStream } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRng } from '../src/core/rng.js';
import { hypotheticalExtraction, rasmussenHirschman, type IoData } from '../src/measures/linkages/index.js';
import { localEmbeddedness, louvainCommunities, type FirmNetwork } from '../src/measures/network/index.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const LINKS = arg('links', 1_000_000);
const SECTORS = arg('sectors', 153);
const SEED = arg('seed', 20261127);
const STARTS = arg('starts', 10);
const OUT = resolve('bench', 'out', 'linkages');
mkdirSync(OUT, { recursive: true });

const time = <T>(f: () => T): [T, number] => { const t0 = performance.now(); const r = f(); return [r, (performance.now() - t0) / 1000]; };
const best = <T>(runs: number, f: () => T): [T, number] => {
  let out: [T, number] = time(f);
  for (let i = 1; i < runs; i++) { const r = time(f); if (r[1] < out[1]) out = r; }
  return out;
};

function ioTable(n: number, seed: number): IoData {
  const rng = createRng(seed);
  const z = new Float64Array(n * n);
  const x = new Float64Array(n);
  for (let j = 0; j < n; j++) x[j] = 1000 + rng.next() * 99000;
  for (let j = 0; j < n; j++) {
    // each column buys ~40 % of its output from ~30 % of the sectors
    const share = 0.2 + 0.4 * rng.next();
    const w = new Float64Array(n);
    let s = 0;
    for (let i = 0; i < n; i++) if (rng.next() < 0.3 || i === j) { w[i] = rng.next(); s += w[i]; }
    for (let i = 0; i < n; i++) z[i * n + j] = (w[i] / s) * share * x[j];
  }
  return { sectors: Array.from({ length: n }, (_, i) => `S${i}`), z, totalOutput: x };
}

function firmNetworkOf(links: number, seed: number): FirmNetwork {
  const rng = createRng(seed);
  const nodes = Math.round(links / 5); // mean degree 10
  const size = 100; // planted community size
  const communities = Math.ceil(nodes / size);
  const source = new Int32Array(links);
  const target = new Int32Array(links);
  const type = new Uint8Array(links);
  const value = new Float64Array(links);
  for (let k = 0; k < links; k++) {
    const u = rng.int(nodes);
    let v: number;
    if (rng.next() < 0.8) { const c = Math.floor(u / size); v = c * size + rng.int(Math.min(size, nodes - c * size)); } else v = rng.int(nodes);
    if (v === u) v = (u + 1) % nodes;
    source[k] = u; target[k] = v; type[k] = rng.int(3) === 0 ? 1 : 0; value[k] = 1 + rng.next() * 99;
  }
  const inside = new Uint8Array(nodes);
  for (let i = 0; i < nodes; i++) inside[i] = Math.floor(i / size) < communities / 2 ? 1 : 0;
  return { ids: Array.from({ length: nodes }, (_, i) => `F${i}`), kind: new Uint8Array(nodes), institutionType: new Array(nodes).fill(null), inside, source, target, type, value };
}

async function writeEdges(path: string, net: FirmNetwork): Promise<void> {
  const out = createWriteStream(path);
  const write = (s: string): Promise<void> => new Promise((res) => { if (out.write(s)) res(); else out.once('drain', () => res()); });
  let chunk: string[] = [];
  for (let k = 0; k < net.source.length; k++) {
    chunk.push(`${net.source[k] + 1} ${net.target[k] + 1} ${net.value[k]}`);
    if (chunk.length === 50000) { await write(`${chunk.join('\n')}\n`); chunk = []; }
  }
  if (chunk.length) await write(`${chunk.join('\n')}\n`);
  await new Promise<void>((res) => out.end(() => res()));
}

function numpyInverse(io: IoData): string {
  const n = io.sectors.length;
  const file = join(OUT, `io-${n}.txt`);
  const lines: string[] = [Array.from(io.totalOutput).join(' ')];
  for (let i = 0; i < n; i++) lines.push(Array.from(io.z.subarray(i * n, (i + 1) * n)).join(' '));
  writeFileSync(file, `${lines.join('\n')}\n`);
  const py = `
import numpy as np, time, sys
d = np.loadtxt(sys.argv[1]); x = d[0]; Z = d[1:]; n = len(x)
best = 1e9
for _ in range(5):
    t = time.perf_counter()
    A = Z / x[None, :]; L = np.linalg.inv(np.eye(n) - A); G = L * x[None, :] / x[:, None]
    bl = L.sum(0) / n / (L.sum() / n**2); fl = G.sum(1) / n / (G.sum() / n**2)
    best = min(best, time.perf_counter() - t)
print(f"{best:.6f} {np.__version__} {L.sum(0)[0]:.12f}")
`;
  const r = spawnSync('/usr/bin/python3', ['-c', py, file], { encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' } });
  if (r.status !== 0) return `numpy unavailable (${(r.stderr || r.error?.message || '').trim().split('\n').pop()})`;
  const [s, v, m0] = r.stdout.trim().split(' ');
  return `numpy ${v} (1 thread): ${(Number(s) * 1000).toFixed(2)} ms for A, L, G = x̂⁻¹Lx̂ and both linkages (multiplier[0] = ${m0})`;
}

function igraphLouvain(edges: string, nodes: number): string {
  const R = `
suppressMessages(library(igraph))
e <- scan("${edges}", what = list(integer(), integer(), numeric()), quiet = TRUE)
g <- make_graph(rbind(e[[1]], e[[2]]), n = ${nodes}, directed = TRUE)
E(g)$weight <- e[[3]]
u <- as.undirected(g, mode = "collapse", edge.attr.comb = list(weight = "sum"))
u <- simplify(u, remove.multiple = FALSE, remove.loops = TRUE)
ts <- c(); qs <- c()
for (s in 1:${STARTS}) { set.seed(s); t <- system.time(cl <- cluster_louvain(u))[["elapsed"]]; ts <- c(ts, t); qs <- c(qs, modularity(cl)) }
cat(sprintf("%.3f %.3f %.6f %.6f %s %d\\n", sum(ts), median(ts), max(qs), min(qs), as.character(packageVersion("igraph")), ecount(u)))
`;
  const script = join(OUT, 'louvain.R');
  writeFileSync(script, R);
  const r = spawnSync('Rscript', [script], { encoding: 'utf8' });
  if (r.status !== 0) return `igraph unavailable (${(r.stderr || r.error?.message || '').trim().split('\n').pop()})`;
  const [tsum, tmed, q, qmin, v, m] = r.stdout.trim().split(' ');
  return `igraph ${v} cluster_louvain × ${STARTS} seeds: ${Number(tsum).toFixed(2)} s in all (median ${Number(tmed).toFixed(2)} s per seed); best modularity ${Number(q).toFixed(6)}, worst ${Number(qmin).toFixed(6)} (${m} undirected edges)`;
}

/** networkx's modularity of a partition (one community per node, in node order) on the same edges. */
function networkxModularity(edges: string, partition: string): string {
  const py = `
import sys, networkx as nx
G = nx.Graph()
for line in open(sys.argv[1]):
    u, v, w = line.split(); w = float(w)
    if u == v: continue
    if G.has_edge(u, v): G[u][v]["weight"] += w
    else: G.add_edge(u, v, weight=w)
comm = {}
for i, c in enumerate(open(sys.argv[2]).read().split()):
    if str(i + 1) in G: comm.setdefault(c, set()).add(str(i + 1))
print(f"{nx.community.modularity(G, comm.values(), weight='weight'):.12f} {nx.__version__}")
`;
  const r = spawnSync('/usr/bin/python3', ['-c', py, edges, partition], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) return `networkx unavailable (${(r.stderr || r.error?.message || '').trim().split('\n').pop()})`;
  const [q, v] = r.stdout.trim().split(' ');
  return `networkx ${v} modularity of our best partition: ${Number(q).toFixed(12)}`;
}

async function main(): Promise<void> {
  console.log(`# bench:linkages (node ${process.version}, seed ${SEED})`);
  const io = ioTable(SECTORS, SEED);
  const [, tl] = best(5, () => rasmussenHirschman(io)); // computes A, L, then G = x̂⁻¹ L x̂, and both linkages
  const [, tx] = best(3, () => hypotheticalExtraction(io));
  const rh = rasmussenHirschman(io).value;
  console.log(`IO ${SECTORS} sectors — ours: ${(tl * 1000).toFixed(2)} ms for A, L, G = x̂⁻¹Lx̂ and both linkages (best of 5; multiplier[0] = ${rh.backwardTotals[0].toFixed(12)}); hypothetical extraction (total, backward, forward): ${(tx * 1000).toFixed(0)} ms`);
  console.log(`IO ${SECTORS} sectors — ${numpyInverse(io)}`);

  const [net, tg] = time(() => firmNetworkOf(LINKS, SEED));
  console.log(`network: ${net.ids.length.toLocaleString('en-US')} firms, ${LINKS.toLocaleString('en-US')} links (generated in ${tg.toFixed(2)} s)`);
  const [lv, tlv] = time(() => louvainCommunities(net, { scope: 'all', seed: 1, starts: STARTS }));
  const qs = lv.value.startModularities;
  const [emb, te] = time(() => localEmbeddedness(net));
  console.log(`ours louvainCommunities, ${STARTS} starts: ${tlv.toFixed(2)} s in all; best modularity ${lv.value.modularity.toFixed(6)} (start ${lv.value.bestStart}), worst ${Math.min(...qs).toFixed(6)} (${lv.value.count} communities)`);
  console.log(`ours localEmbeddedness: ${(te * 1000).toFixed(0)} ms (mean ${emb.value.mean.toFixed(4)} over ${emb.n.toLocaleString('en-US')} inside firms)`);
  const edges = join(OUT, `edges-${LINKS}.txt`);
  await writeEdges(edges, net);
  console.log(igraphLouvain(edges, net.ids.length));
  const partition = join(OUT, `partition-${LINKS}.txt`);
  writeFileSync(partition, `${Array.from(lv.value.community).join('\n')}\n`); // scope 'all': node order
  console.log(networkxModularity(edges, partition));
  console.log(`peak RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`);
}

await main();
