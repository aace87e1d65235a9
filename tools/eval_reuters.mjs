// eval_reuters.mjs — Reuters-21578 document-level evaluation. The gold labels are category codes with
// derived names (gold_names.places/people/orgs), not mention spans, so predictions (canonical names per
// article: `explorer entities FILE --jsonl --canonical`, or any tool's names in that form) are mapped
// to one name space first: every name goes through the gazetteer's alias table (assets/gazetteer.json:
// "U.S." and "United States" and "USA" are one key), is lower-cased, and people also match on their last
// name ("Volcker" = "Paul Volcker"). Reported per type:
//   precision_all   — share of predicted names that are gold for the article
//   precision_vocab — the same over predictions whose key is in the corpus's gold vocabulary of that type
//                     (Reuters codes only 147 places, 114 people, 32 organisations; other names are unlabelled)
//   recall, f1 (with precision_vocab)
// Usage: node tools/eval_reuters.mjs reuters21578.jsonl PRED.jsonl
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const gaz = JSON.parse(fs.readFileSync(path.join(here, '../assets/gazetteer.json'), 'utf8'));
const keyOf = (s) => s.toLowerCase().replace(/[.'’]/g, '').replace(/[-\s]+/g, ' ').replace(/^the /, '').trim();
const alias = new Map();
for (const sec of ['places', 'orgs', 'people'])
  for (const e of gaz[sec]) for (const n of [e.name, ...(e.aliases || [])]) if (!alias.has(keyOf(n))) alias.set(keyOf(n), keyOf(e.name));
const norm = (s) => alias.get(keyOf(s)) || keyOf(s);
const last = (s) => keyOf(s).split(' ').pop();
const TYPES = ['people', 'orgs', 'places'];

async function readJsonl(file) {
  const out = new Map();
  const rl = readline.createInterface({ input: fs.createReadStream(file) });
  for await (const line of rl) if (line.trim()) { const o = JSON.parse(line); out.set(o.id, o); }
  return out;
}
const gold = await readJsonl(process.argv[2]);
const pred = await readJsonl(process.argv[3]);
const vocab = Object.fromEntries(TYPES.map((t) => [t, new Set()]));
for (const g of gold.values()) for (const t of TYPES) for (const n of g.gold_names[t] || []) vocab[t].add(norm(n));
const vocabLast = new Set([...vocab.people].map((k) => k.split(' ').pop()));
const tally = Object.fromEntries(TYPES.map((t) => [t, { tp: 0, tpg: 0, fp: 0, fpv: 0, fn: 0, predicted: 0 }]));
for (const [id, g] of gold) {
  const p = (pred.get(id) || { entities: {} }).entities;
  for (const t of TYPES) {
    const gs = [...new Set((g.gold_names[t] || []).map(norm))];
    const ps = [...new Set((p[t] || []).map(norm))];
    const match = (x, y) => x === y || (t === 'people' && x.split(' ').pop() === y.split(' ').pop());
    const inVocab = (x) => vocab[t].has(x) || (t === 'people' && vocabLast.has(x.split(' ').pop()));
    tally[t].predicted += ps.length;
    for (const x of ps) {
      if (gs.some((y) => match(x, y))) tally[t].tp++;
      else { tally[t].fp++; if (inVocab(x)) tally[t].fpv++; }
    }
    for (const y of gs) (ps.some((x) => match(x, y)) ? tally[t].tpg++ : tally[t].fn++);
  }
}
const out = {};
for (const t of TYPES) {
  const { tp, tpg, fp, fpv, fn } = tally[t];
  // precision counts matching predictions, recall counts matched gold labels
  const pa = tp / Math.max(1, tp + fp), pv = tp / Math.max(1, tp + fpv), r = tpg / Math.max(1, tpg + fn);
  out[t] = { precision_all: +pa.toFixed(3), precision_vocab: +pv.toFixed(3), recall: +r.toFixed(3),
    f1: +(pv + r ? 2 * pv * r / (pv + r) : 0).toFixed(3), tp, fp, fn };
}
console.log(JSON.stringify(out, null, 1));
