"""Reference DBSCAN labels for test/pointpattern-footprints.test.ts.

Run with the system Python that has scikit-learn (Debian python3-sklearn):
    /usr/bin/python3 test/reference/pointpattern-sklearn-dbscan.py
Writes test/fixtures/pointpattern/sklearn-dbscan.json: seeded synthetic points (blobs + uniform
noise, planar and lon/lat) and sklearn.cluster.DBSCAN labels for several (eps, min_samples), with
the library versions. Regenerate only on purpose.
"""
import json
import numpy as np
import sklearn
from sklearn.cluster import DBSCAN

rng = np.random.default_rng(20261127)
cases = []

# planar: three blobs of different spread plus uniform background, in km
centres = np.array([[20.0, 30.0], [60.0, 70.0], [75.0, 20.0]])
pts = [c + rng.normal(scale=s, size=(n, 2)) for c, s, n in zip(centres, [2.0, 4.0, 1.0], [120, 200, 60])]
pts.append(rng.uniform(0, 100, size=(300, 2)))
xy = np.round(np.vstack(pts), 6)
for eps, ms in [(2.0, 5), (3.5, 8), (1.0, 3), (6.0, 20)]:
    labels = DBSCAN(eps=eps, min_samples=ms).fit(xy).labels_
    cases.append({"metric": "euclidean", "eps": eps, "min_samples": ms, "labels": labels.tolist()})
planar = {"x": xy[:, 0].tolist(), "y": xy[:, 1].tolist()}

# lon/lat around Guangzhou–Foshan; haversine in radians, eps given in km
R = 6371.0088
lonlat = np.vstack([
    np.column_stack([113.26 + rng.normal(scale=0.05, size=150), 23.13 + rng.normal(scale=0.05, size=150)]),
    np.column_stack([113.12 + rng.normal(scale=0.02, size=80), 23.02 + rng.normal(scale=0.02, size=80)]),
    np.column_stack([rng.uniform(112.8, 113.8, size=200), rng.uniform(22.6, 23.6, size=200)]),
])
lonlat = np.round(lonlat, 6)
hcases = []
for eps_km, ms in [(2.0, 5), (4.0, 10)]:
    labels = DBSCAN(eps=eps_km / R, min_samples=ms, metric="haversine", algorithm="ball_tree").fit(np.radians(lonlat[:, [1, 0]])).labels_
    hcases.append({"metric": "haversine", "eps": eps_km, "min_samples": ms, "labels": labels.tolist()})

out = {
    "source": "test/reference/pointpattern-sklearn-dbscan.py",
    "versions": {"sklearn": sklearn.__version__, "numpy": np.__version__},
    "planar": {**planar, "cases": cases},
    "lonlat": {"lon": lonlat[:, 0].tolist(), "lat": lonlat[:, 1].tolist(), "cases": hcases},
}
with open("test/fixtures/pointpattern/sklearn-dbscan.json", "w") as f:
    json.dump(out, f)
print("wrote test/fixtures/pointpattern/sklearn-dbscan.json", sklearn.__version__)
