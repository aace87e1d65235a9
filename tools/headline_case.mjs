// headline_case.mjs — rewrites a JSON Lines corpus in headline case (every word's first letter a
// capital, as news feeds print titles), gold entity strings and spans included, for measuring the
// extractor on text whose capitals say nothing. Offsets are unchanged (one byte for one byte).
// Usage: node tools/headline_case.mjs IN.jsonl > OUT.jsonl [--titles-only]
import fs from 'node:fs';
import readline from 'node:readline';

const [file, flag] = process.argv.slice(2);
const titlesOnly = flag === '--titles-only';
// The same rule as tagger-train's rewrite(): a-z after a byte that is not a letter, digit, apostrophe
// or part of a UTF-8 sequence becomes a capital.
export function headline(s) {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    const p = i ? s[i - 1] : ' ';
    const start = !/[A-Za-z0-9']/.test(p) && p.charCodeAt(0) < 0x80;
    out += c >= 'a' && c <= 'z' && start ? c.toUpperCase() : c;
  }
  return out;
}
const rl = readline.createInterface({ input: fs.createReadStream(file) });
for await (const line of rl) {
  if (!line.trim()) continue;
  const o = JSON.parse(line);
  // Gold strings are rewritten in their context (a name starting mid-word keeps its case).
  const rewriteGold = (text, spans) => spans.map((s) => ({ ...s, text: headline(text).slice(s.start, s.end) }));
  const title = o.title || '', body = o.body || '';
  const gts = rewriteGold(title, o.gold_title_spans || []);
  const gbs = titlesOnly ? [] : rewriteGold(body, o.gold_spans || []);
  const key = { PER: 'people', ORG: 'orgs', LOC: 'places', MISC: 'misc' };
  const gold = { people: [], orgs: [], places: [], misc: [] };
  for (const s of [...gts, ...gbs]) if (!gold[key[s.type]].includes(s.text)) gold[key[s.type]].push(s.text);
  o.title = headline(title);
  o.body = titlesOnly ? '' : headline(body);
  o.gold_title_spans = gts;
  o.gold_spans = gbs;
  o.gold = gold;
  console.log(JSON.stringify(o));
}
