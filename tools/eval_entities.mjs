// eval_entities.mjs — document-level precision/recall/F1 per entity type of predicted surface strings
// against a corpus with gold lists ({"gold": {"people": [...], "orgs": [...], "places": [...]}}).
// Usage: node tools/eval_entities.mjs GOLD.jsonl PRED.jsonl [--split testa]
//   PRED.jsonl: lines {"id", "entities": {"people", "orgs", "places"}} (`explorer entities FILE --jsonl`).
// A prediction counts when the same string (whitespace-normalised) is in the document's gold list of
// that type. "typed" is micro-averaged over the three types.
import fs from 'node:fs';
import readline from 'node:readline';

const [goldFile, predFile, ...rest] = process.argv.slice(2);
const split = rest[0] === '--split' ? rest[1] : null;
const norm = (s) => s.replace(/\s+/g, ' ').trim();
const TYPES = ['people', 'orgs', 'places'];

async function readJsonl(file) {
  const out = new Map();
  const rl = readline.createInterface({ input: fs.createReadStream(file) });
  for await (const line of rl) { if (line.trim()) { const o = JSON.parse(line); out.set(o.id, o); } }
  return out;
}
const gold = await readJsonl(goldFile);
const pred = await readJsonl(predFile);
const tally = Object.fromEntries(TYPES.map((t) => [t, { tp: 0, fp: 0, fn: 0 }]));
let docs = 0;
for (const [id, g] of gold) {
  if (split && !(g.meta && g.meta.split === split)) continue;
  docs++;
  const p = pred.get(id) || { entities: {} };
  for (const t of TYPES) {
    const gs = new Set((g.gold[t] || []).map(norm));
    const ps = new Set(((p.entities || {})[t] || []).map(norm));
    for (const x of ps) (gs.has(x) ? tally[t].tp++ : tally[t].fp++);
    for (const x of gs) if (!ps.has(x)) tally[t].fn++;
  }
}
const prf = ({ tp, fp, fn }) => {
  const p = tp + fp ? tp / (tp + fp) : 0, r = tp + fn ? tp / (tp + fn) : 0;
  return { precision: +p.toFixed(3), recall: +r.toFixed(3), f1: +(p + r ? 2 * p * r / (p + r) : 0).toFixed(3), tp, fp, fn };
};
const all = TYPES.reduce((a, t) => ({ tp: a.tp + tally[t].tp, fp: a.fp + tally[t].fp, fn: a.fn + tally[t].fn }), { tp: 0, fp: 0, fn: 0 });
const result = { documents: docs, ...Object.fromEntries(TYPES.map((t) => [t, prf(tally[t])])), typed: prf(all) };
console.log(JSON.stringify(result, null, 1));
