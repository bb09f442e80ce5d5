#!/usr/bin/python3
"""Reference values for test/network.test.ts from networkx (Debian python3-networkx).

Run:  /usr/bin/python3 test/reference/network-networkx.py   (then Rscript test/reference/network-igraph.R)
Writes test/fixtures/linkages/network-graph.json: a seeded random typed multigraph of firms and
institutions (the input, generated here with numpy's seeded Generator so it is not ours), and
networkx's density, reciprocity, degrees and betweenness (exact, directed, normalised) on its
simple directed projection, plus the same for Zachary's karate club.
"""
import json, os, platform
import numpy as np
import networkx as nx

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
OUT = os.path.join(ROOT, 'test', 'fixtures', 'linkages', 'network-graph.json')
TYPES = ['supply', 'subcontract', 'technology', 'joint_rnd', 'finance', 'membership', 'service', 'spinoff']

rng = np.random.default_rng(20261127)
N_FIRMS, N_INST = 70, 10
ids = [f'F{i:03d}' for i in range(N_FIRMS)] + [f'I{i:02d}' for i in range(N_INST)]
kinds = ['firm'] * N_FIRMS + ['institution'] * N_INST
inst_types = [None] * N_FIRMS + [['chamber', 'association', 'bank', 'university', 'research_institute'][i % 5] for i in range(N_INST)]
inside = [bool(i < 50) for i in range(N_FIRMS)] + [bool(i < 7) for i in range(N_INST)]
block = [i % 3 for i in range(N_FIRMS)]  # three planted communities among firms
links = []
for _ in range(420):
    u = int(rng.integers(N_FIRMS))
    same = rng.random() < 0.8
    cand = [v for v in range(N_FIRMS) if v != u and (block[v] == block[u]) == same]
    v = int(cand[int(rng.integers(len(cand)))])
    t = TYPES[int(rng.choice([0, 1, 6, 7], p=[0.6, 0.2, 0.15, 0.05]))]
    links.append([ids[u], ids[v], t, round(float(rng.uniform(1, 100)), 3)])
# a few reciprocal ties and exact duplicates (multigraph)
for k in range(0, 60, 3):
    s, t, ty, val = links[k]
    links.append([t, s, 'supply', round(float(rng.uniform(1, 100)), 3)])
for k in range(5):
    links.append(list(links[k]))
# institutions: membership (firm -> institution), finance/technology/service (institution -> firm)
for i in range(N_INST):
    for _ in range(6):
        f = int(rng.integers(N_FIRMS))
        ty = ['membership', 'finance', 'technology', 'service', 'joint_rnd'][int(rng.integers(5))]
        val = round(float(rng.uniform(1, 50)), 3)
        links.append([ids[f], ids[N_FIRMS + i], ty, val] if ty == 'membership' else [ids[N_FIRMS + i], ids[f], ty, val])

def results(node_ids, edges):
    g = nx.DiGraph()
    g.add_nodes_from(node_ids)
    g.add_edges_from((s, t) for s, t in edges if s != t)
    bc = nx.betweenness_centrality(g, normalized=True)
    return {
        'nodes': len(g), 'edges': g.number_of_edges(),
        'density': nx.density(g),
        'reciprocity': nx.overall_reciprocity(g),
        'inDegree': [g.in_degree(v) for v in node_ids],
        'outDegree': [g.out_degree(v) for v in node_ids],
        'degreeCentrality': [nx.degree_centrality(g)[v] for v in node_ids],
        'betweenness': [bc[v] for v in node_ids],
    }

in_ids = [v for v, ins in zip(ids, inside) if ins]
in_set = set(in_ids)
karate = nx.karate_club_graph()
kedges = [[str(u), str(v)] for u, v in karate.edges()]
doc = {
    '_generated_by': {'script': 'test/reference/network-networkx.py', 'python': platform.python_version(), 'networkx': nx.__version__, 'numpy': np.__version__, 'seed': 20261127},
    'nodes': [{'id': i, 'kind': k, 'institutionType': t, 'inside': ins} for i, k, t, ins in zip(ids, kinds, inst_types, inside)],
    'links': [{'source': s, 'target': t, 'type': ty, 'value': val} for s, t, ty, val in links],
    'networkx': {
        'all': results(ids, [(s, t) for s, t, _, _ in links]),
        'inside': results(in_ids, [(s, t) for s, t, _, _ in links if s in in_set and t in in_set]),
    },
    'karate': {'edges': kedges, 'networkx': results([str(v) for v in karate.nodes()], kedges + [[v, u] for u, v in kedges])},
}
with open(OUT, 'w') as fh:
    json.dump(doc, fh, indent=1)
print('wrote', OUT)
