"""Write test/fixtures/classifications/gbt-division18-gb18030.csv: a partial GB/T 4754-2017 code
list (division 18 纺织服装、服饰业 with its groups and classes) encoded in GB18030, with the Chinese
header aliases 代码/名称/英文名称/层级/上级代码 and CRLF line ends, as Chinese Excel writes it.

The encoder is CPython's own 'gb18030' codec, independent of the TextDecoder('gb18030') that
loadClassificationFile uses, so the test cross-checks the two. Written with Python 3.11.7.
Codes and titles: GB/T 4754-2017 (division 18). Group 183 is deliberately left out (it is
implied by its only class 1830); code C18 carries the section-letter prefix on purpose.

Run from the repository root:  python3 test/reference/classifications-make-gb18030.py
"""
import pathlib

ROWS = [
    ("代码", "名称", "英文名称", "层级", "上级代码"),
    ("C18", "纺织服装、服饰业", "", "大类", "C"),
    ("181", "机织服装制造", "Manufacture of Woven Apparel", "3", "18"),
    ("1811", "运动机织服装制造", "", "4", "181"),
    ("1819", "其他机织服装制造", "", "4", "181"),
    ("182", "针织或钩针编织服装制造", "", "3", "18"),
    ("1821", "运动休闲针织服装制造", "", "4", "182"),
    ("1829", "其他针织或钩针编织服装制造", "", "4", ""),
    ("1830", "服饰制造", "Manufacture of Apparel Accessories", "小类", ""),
]

text = "".join(",".join(row) + "\r\n" for row in ROWS)
data = text.encode("gb18030")
out = pathlib.Path("test/fixtures/classifications/gbt-division18-gb18030.csv")
out.parent.mkdir(parents=True, exist_ok=True)
out.write_bytes(data)
print(out, len(data), "bytes; first title", "纺织服装、服饰业".encode("gb18030").hex(" "))
