"""Credit codes with an OLD registering-authority division (positions 3-8), for the division read-out
tests (test/uscc.test.ts). The organisation codes (positions 9-17) are taken from published codes of
the python-stdnum test list (../shared/data/cn-uscc-gb32100); the mod-31 check character is computed by
python-stdnum itself (stdnum.cn.uscc.calc_check_digit), not by our code.

Run with Debian's python (apt-get install python3-stdnum; python-stdnum 1.18):
  /usr/bin/python3 test/reference/uscc-stdnum.py > test/fixtures/register/uscc-old-divisions.csv
"""
import stdnum
from stdnum.cn import uscc

# (division code at issue time, what it was) - from cn_admin_codes_history_1981_2024.csv
OLD = [
    ('371200', '莱芜市 (prefecture, abolished 2019: merged into 济南市 as 莱芜区/钢城区)'),
    ('420600', '襄樊市 renamed 襄阳市 2010 (same code)'),
    ('500228', '梁平县 -> 梁平区 500155 (2016)'),
    ('130124', '栾城县 -> 栾城区 130111 (2014)'),
    ('341400', '巢湖市 (prefecture, abolished 2011, split between 合肥/芜湖/马鞍山)'),
    ('110103', '崇文区 -> 东城区 110101 (2010)'),
    ('652200', '哈密地区 -> 哈密市 650500 (2016)'),
]
ORG = ['600037341', 'MA1K3BTP2', '71526726X']  # positions 9-17 of 91110000600037341L, 91310115MA1K3BTP2B, 9144030071526726XG
print('code,division,what,python_stdnum')
for i, (division, what) in enumerate(OLD):
    first17 = '91' + division + ORG[i % len(ORG)]
    code = first17 + uscc.calc_check_digit(first17)
    assert uscc.is_valid(code)
    print(f'{code},{division},"{what}",{stdnum.__version__}')
# A code whose mod-31 check character is right (computed by python-stdnum) but whose organisation
# code's own GB 11714 check character (position 17) is not: 600037341 with its last digit changed.
first17 = '91110000' + '600037342'
print(f'{first17 + uscc.calc_check_digit(first17)},110000,"org-code check character wrong (mod-31 right)",{stdnum.__version__}')
