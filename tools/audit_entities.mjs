// audit_entities.mjs — counts the kinds of junk a reader trips over in an entity table, from the CSV
// that `explorer export FILE --what entities.csv` prints: names or aliases with line breaks, names that
// start with punctuation, names (compared ignoring case and spacing) that carry two types, and the
// readings of a few names worth checking by hand.
// Usage: explorer export FILE --what entities.csv > E.csv; node tools/audit_entities.mjs E.csv
import fs from 'node:fs';
import { csvRows } from '../scripts/csv.mjs';

const rows = csvRows(fs.readFileSync(process.argv[2], 'utf8'));
const head = rows.shift();
const col = Object.fromEntries(head.map((h, i) => [h, i]));
// A spreadsheet-safe export may prefix a cell with ' (formula guard): read past it.
const cell = (r, k) => { const v = r[col[k]] ?? ''; return v.startsWith("'") ? v.slice(1) : v; };
const ents = rows.filter((r) => r.length >= head.length).map((r) => ({
  name: cell(r, 'name'), type: cell(r, 'type'), mentions: +cell(r, 'mentions'),
  aliases: cell(r, 'aliases') ? cell(r, 'aliases').split('; ') : [],
}));
const lineBreaks = ents.filter((e) => /[\r\n]/.test(e.name) || e.aliases.some((a) => /[\r\n]/.test(a))).length;
const punct = ents.filter((e) => /^[^\p{L}\p{N}]/u.test(e.name));
const byKey = new Map();
for (const e of ents) {
  const k = e.name.toLowerCase().replace(/\s+/g, '');
  if (!byKey.has(k)) byKey.set(k, new Set());
  byKey.get(k).add(e.type);
}
const twoTypes = [...byKey].filter(([, t]) => t.size > 1).map(([k]) => k);
const find = (n) => ents.filter((e) => e.name === n || e.aliases.includes(n)).map((e) => `${e.name} (${e.type}, ${e.mentions})`);
const out = {
  entities: ents.length,
  names_or_aliases_with_line_breaks: lineBreaks,
  names_starting_with_punctuation: punct.length,
  names_starting_with_punctuation_examples: punct.slice(0, 8).map((e) => e.name),
  names_with_two_types: twoTypes.length,
  names_with_two_types_examples: twoTypes.slice(0, 12),
  checks: Object.fromEntries(['Bank Plc', 'Treasury', 'Dlr', 'NOW', 'U.K. OIL', 'Securities and Exchange Commission',
    'Securities Plc', 'Exchange Commission', "Standard and Poor's", "Standard and Poor's Corp", 'Reagan', 'Ronald Reagan',
    'U.S. Company', 'mln', 'dlrs', 'pct', 'cts'].map((n) => [n, find(n)])),
};
console.log(JSON.stringify(out, null, 1));
