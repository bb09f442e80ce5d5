#!/usr/bin/python3
"""Reference values for src/core/geo projections, from pyproj/PROJ.

Writes test/fixtures/geo/projections.json: for a set of supported EPSG codes, geographic points
projected by PROJ (forward) and projected points unprojected by PROJ (inverse), with x = easting
and y = northing (always_xy=True). test/geo.test.ts compares our results at 1 mm and 1e-8 degrees.

Geographic source CRS: EPSG:4326 for Web Mercator and UTM; EPSG:4490 (CGCS2000) for the CGCS2000
Gauss-Kruger codes, so PROJ applies no datum shift and the comparison tests the projection only
(our code treats CGCS2000 geographic as WGS 84; see src/core/geo/projected-crs.ts).

Run on purpose only (the fixture is committed):
    apt-get install -y python3-pyproj        # Debian's package, version recorded in the fixture
    /usr/bin/python3 test/reference/geo-pyproj.py
Debian's pyproj loads in /usr/bin/python3, not in another python3 that may come first on PATH.
"""

import json
import os
import re
import sys

import pyproj
from pyproj import CRS, Transformer

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "fixtures", "geo", "projections.json")


def central_meridian(epsg):
    if 32601 <= epsg <= 32660:
        return 6 * (epsg - 32600) - 183
    if 32701 <= epsg <= 32760:
        return 6 * (epsg - 32700) - 183
    if 4491 <= epsg <= 4501:
        return 6 * (13 + epsg - 4491) - 3
    if 4502 <= epsg <= 4512:
        return 75 + 6 * (epsg - 4502)
    if 4513 <= epsg <= 4533:
        return 3 * (25 + epsg - 4513)
    if 4534 <= epsg <= 4554:
        return 75 + 3 * (epsg - 4534)
    return None


def false_easting(epsg):
    if 4491 <= epsg <= 4501:
        return (13 + epsg - 4491) * 1_000_000 + 500_000
    if 4513 <= epsg <= 4533:
        return (25 + epsg - 4513) * 1_000_000 + 500_000
    if epsg == 3857:
        return 0
    return 500_000


# Gauss-Kruger codes checked on a full grid of points; the others get three points each.
DETAILED_GK = (4491, 4497, 4501, 4502, 4508, 4512, 4513, 4527, 4533, 4534, 4548, 4554)


def wrap(lon):
    """Longitude into [-180, 180), as our API accepts only that range."""
    return lon if -180 <= lon < 180 else ((lon + 180) % 360) - 180


def geographic_points(epsg):
    if epsg == 3857:
        return [
            [lon, lat]
            for lon in (-179.9, -75.5, 0.0, 116.391, 180.0)
            for lat in (-85.0, -30.25, 0.0, 39.907, 85.0511, 89.0)
        ]
    cm = central_meridian(epsg)
    three_degree = 4513 <= epsg <= 4554
    half = 1.5 if three_degree else 3.0
    # Inside the zone, on its edge, and a little outside it (still sub-mm for the series).
    dlons = (-half - 2.0, -half, -0.75 * half, 0.0, 0.123456789, 0.5 * half, half)
    if 32701 <= epsg <= 32760:
        lats = (-0.001, -12.5, -33.9, -55.0, -80.0)
    elif 32601 <= epsg <= 32660:
        lats = (0.0, 18.25, 39.907, 60.5, 84.0)
    else:
        lats = (3.9, 18.25, 23.13, 31.23, 39.907, 45.75, 53.5)
    if epsg >= 32601 or epsg in DETAILED_GK:
        return [[wrap(cm + d), lat] for d in dlons for lat in lats]
    # The other Gauss-Kruger zones: a few points each, so every code is exercised.
    return [[wrap(cm + d), lat] for d, lat in ((-half, 23.13), (0.0, 31.23), (0.6 * half, 45.75))]


def projected_points(epsg):
    if epsg == 3857:
        return [[x, y] for x in (-20037508.34, -1234567.891, 0.0, 12956620.0) for y in (-19000000.0, -3000000.0, 0.0, 4852834.05, 19000000.0)]
    fe = false_easting(epsg)
    if 32701 <= epsg <= 32760:
        ys = (9_999_999.0, 8_500_000.123, 6_000_000.0, 1_500_000.0)
    else:
        ys = (0.0, 1_234_567.891, 3_500_000.0, 5_900_000.0, 9_000_000.0)
    return [[fe + dx, y] for dx in (-320_000.0, -12_345.678, 0.0, 250_000.5) for y in ys]


def compact_json(doc):
    """Indented JSON with every innermost array of numbers on one line, for reviewers."""
    text = json.dumps(doc, indent=1)
    flat = re.sub(
        r"\[\s+([-0-9.eE+,\s]+?)\s+\]",
        lambda m: "[" + ", ".join(v.strip() for v in m.group(1).split(",")) + "]",
        text,
    )
    return flat + "\n"


def main():
    codes = (
        [3857, 32601, 32631, 32649, 32650, 32651, 32660, 32701, 32733, 32750, 32760]
        + list(range(4491, 4555))
    )
    cases = []
    for epsg in codes:
        source = "EPSG:4490" if 4491 <= epsg <= 4554 else "EPSG:4326"
        transformer = Transformer.from_crs(source, f"EPSG:{epsg}", always_xy=True)
        forward = []
        for lon, lat in geographic_points(epsg):
            x, y = transformer.transform(lon, lat)
            forward.append([lon, lat, x, y])
        inverse = []
        # Detailed inverse cases for the codes with many forward points; one for the rest.
        pts = projected_points(epsg)
        if 4491 <= epsg <= 4554 and epsg not in DETAILED_GK:
            pts = [pts[7], pts[18]]
        for x, y in pts:
            lon, lat = transformer.transform(x, y, direction="INVERSE")
            inverse.append([x, y, lon, lat])
        cases.append(
            {
                "epsg": epsg,
                "name": CRS.from_epsg(epsg).name,
                "source": source,
                "pipeline": transformer.definition,
                "forward": forward,
                "inverse": inverse,
            }
        )
    doc = {
        "generator": "test/reference/geo-pyproj.py",
        "pyproj": pyproj.__version__,
        "proj": pyproj.proj_version_str,
        "python": sys.version.split()[0],
        "axis_order": "x = easting, y = northing (always_xy=True)",
        "columns": {"forward": ["lon", "lat", "x", "y"], "inverse": ["x", "y", "lon", "lat"]},
        "tolerance": {"projected_m": 0.001, "geographic_deg": 1e-8},
        "cases": cases,
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        f.write(compact_json(doc))
    print(f"wrote {OUT}: {len(cases)} CRSs, pyproj {pyproj.__version__}, PROJ {pyproj.proj_version_str}")


if __name__ == "__main__":
    main()
