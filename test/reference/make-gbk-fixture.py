#!/usr/bin/env python3
"""Writes test/fixtures/ingest-gbk/firms_gbk.csv: the clean fixture's firms table encoded in GBK
(code page 936), as Chinese statistical offices and Excel on Chinese Windows export it.
The encoder is Python's own 'gbk' codec (independent of Node's TextDecoder used by the ingest).
Run: python3 test/reference/make-gbk-fixture.py  (any Python 3; tested with 3.11)."""
from pathlib import Path

root = Path(__file__).resolve().parent.parent
src = (root / "fixtures" / "ingest" / "firms.csv").read_text(encoding="utf-8")
out = root / "fixtures" / "ingest-gbk"
out.mkdir(exist_ok=True)
(out / "firms_gbk.csv").write_bytes(src.encode("gbk"))
print("wrote", out / "firms_gbk.csv")
