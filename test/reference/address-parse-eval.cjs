/* Evaluation of npm address-parse@1.2.19 (MIT, akebe) on test/fixtures/register/addresses.csv, run once to decide whether to use it
 * (docs/ingest.md, "Enterprise registers"): in a scratch dir, npm install address-parse@1.2.19, then node address-parse-eval.cjs.
 * Result (2026-12-04): 252 / 307 exact; 0 / 22 ambiguous addresses reported (it picks one of the same-named districts),
 * 22 / 33 historical names, municipalities given pseudo-prefecture codes (110100, 500100) that are not GB/T 2260 2024 codes,
 * 2021+ districts missing (钱塘区, 临平区), 8 / 22 garbage strings placed. Declined: it guesses where the issue requires reporting. */
const AP = require('address-parse').default ?? require('address-parse');
const fs = require('fs');
const lines = fs.readFileSync('/work/wt/register/test/fixtures/register/addresses.csv','utf8').split('\n').slice(1).filter(Boolean);
let ok = 0, n = 0; const byCase = {}; const bad = [];
for (const l of lines) {
  const m = l.match(/^("(?:[^"]|"")*"|[^,]*),([^,]*),([^,]*),(.*)$/);
  const [ , addr, exp, amb, kase] = m;
  const a = addr.replace(/^"|"$/g,'').replace(/""/g,'"');
  let code = '';
  try { const [r] = AP.parse(a); code = r && r.code ? r.code : ''; } catch (e) { code = 'ERR'; }
  // compare at the expected level: ambiguous → expected code (or none)
  const good = code === exp;
  n++; if (good) ok++; byCase[kase] = byCase[kase] || [0,0]; byCase[kase][1]++; if (good) byCase[kase][0]++;
  if (!good && bad.length < 40) bad.push(`${kase} ${a}: expected ${exp||'-'} got ${code||'-'}`);
}
console.log(ok, '/', n); console.log(byCase); console.log(bad.join('\n'));
