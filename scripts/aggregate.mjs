// aggregate.mjs — step 2 of scripts/pipeline.sh: the per-article entities (`explorer entities --jsonl
// --canonical --counts`) into daily aggregates with DuckDB (@duckdb/node-api, from package-lock.json).
//
//   node scripts/aggregate.mjs ARTICLES.jsonl OUTDIR [--name NAME] [--from D] [--to D] [--min-articles N]
//
// --from/--to/--min-articles cut aggregates.jsonl only (the Parquet files keep everything): the days in
// [from, to], the entities with at least N articles in them, the pairs of those entities.
//
// Writes OUTDIR/mentions.parquet (the table the SQL reads, for running it elsewhere),
// daily_articles.parquet, daily_entities.parquet, daily_pairs.parquet and
// aggregates.jsonl (the form the explorer opens; README, "Aggregates"). Loading the JSON Lines into the
// table `mentions` is DuckDB's own SQL (read_json, unnest); the aggregation itself is
// scripts/sql/aggregate.sql, plain SQL that other engines run unchanged (docs/SCALING.md).
import { DuckDBInstance } from '@duckdb/node-api';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
let name = '', cutFrom = null, cutTo = null, minArticles = 1;
const rest = [];
const isoDay = (v, what) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v ?? '')) { console.error(`aggregate: ${what} is a date as YYYY-MM-DD`); process.exit(2); }
  return v;
};
for (let i = 0; i < args.length; ++i) {
  if (args[i] === '--name') name = args[++i] ?? '';
  else if (args[i] === '--from') cutFrom = isoDay(args[++i], '--from');
  else if (args[i] === '--to') cutTo = isoDay(args[++i], '--to');
  else if (args[i] === '--min-articles') minArticles = Math.max(1, Number.parseInt(args[++i], 10) || 1);
  else rest.push(args[i]);
}
if (rest.length !== 2) {
  console.error('usage: node scripts/aggregate.mjs ARTICLES.jsonl OUTDIR [--name NAME] [--from D] [--to D] [--min-articles N]');
  process.exit(2);
}
const [input, outDir] = rest;
if (!fs.existsSync(input)) {
  console.error(`aggregate: cannot read ${input}`);
  process.exit(1);
}
fs.mkdirSync(outDir, { recursive: true });
if (!name) name = path.basename(input).replace(/\.jsonl$/, '');

// A path inside a SQL string literal.
const lit = (s) => `'${String(s).replace(/'/g, "''")}'`;

// The queries of aggregate.sql, each named by the comment line "-- NAME" just above it.
export function namedQueries(sqlText) {
  const out = [];
  let current = null;
  for (const line of sqlText.split('\n')) {
    const m = /^--\s*([a-z_][a-z0-9_]*)\s*$/.exec(line);
    if (m) {
      current = { name: m[1], sql: '' };
      out.push(current);
    } else if (current && !line.startsWith('--')) {
      current.sql += line + '\n';
    }
  }
  return out.map((q) => ({ name: q.name, sql: q.sql.trim().replace(/;$/, '') })).filter((q) => q.sql);
}

const t0 = Date.now();
const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
const run = (sql) => con.run(sql);
const rows = async (sql) => (await con.runAndReadAll(sql)).getRows();

// DuckDB's part: the articles and the table of mentions (one row per article and entity).
await run(`CREATE TABLE articles AS
  SELECT id AS article, TRY_CAST(date AS DATE) AS day, entities, counts
  FROM read_json(${lit(input)}, format = 'newline_delimited', columns = {
    id: 'VARCHAR', date: 'VARCHAR',
    entities: 'STRUCT(people VARCHAR[], orgs VARCHAR[], places VARCHAR[])',
    counts: 'STRUCT(people INTEGER[], orgs INTEGER[], places INTEGER[])'})`);
const typed = (field, type) => `SELECT article, day, '${type}' AS type,
    unnest(entities.${field}) AS name, unnest(counts.${field}) AS mentions
  FROM articles WHERE day IS NOT NULL`;
await run(`CREATE TABLE mentions AS
  SELECT article, day, type, name, CAST(SUM(COALESCE(mentions, 1)) AS INTEGER) AS mentions FROM (
    ${typed('people', 'person')} UNION ALL ${typed('orgs', 'org')} UNION ALL ${typed('places', 'place')})
  GROUP BY article, day, type, name`);
await run(`CREATE TABLE daily_articles AS
  SELECT day, COUNT(*) AS articles FROM articles WHERE day IS NOT NULL GROUP BY day`);

// The portable part.
const sqlText = fs.readFileSync(path.join(here, 'sql', 'aggregate.sql'), 'utf8');
for (const q of namedQueries(sqlText)) await run(`CREATE TABLE ${q.name} AS ${q.sql}`);

for (const table of ['mentions', 'daily_articles', 'daily_entities', 'daily_pairs'])
  await run(`COPY (SELECT * FROM ${table} ORDER BY ALL) TO ${lit(path.join(outDir, table + '.parquet'))} (FORMAT parquet)`);

// aggregates.jsonl: a header; the entities, numbered in order (most articles first) in lines of up to
// 10,000 [name, type]; then one line per day with its article count, its entities [e, articles,
// mentions] and its pairs [e1, e2, articles] (e1 < e2).
const inCut = `day IS NOT NULL${cutFrom ? ` AND day >= DATE '${cutFrom}'` : ''}${cutTo ? ` AND day <= DATE '${cutTo}'` : ''}`;
const cut = cutFrom !== null || cutTo !== null || minArticles > 1;
const [[total, dated, from, to]] = cut
  ? await rows(`SELECT COUNT(*), COUNT(day), MIN(day), MAX(day) FROM articles WHERE ${inCut}`)
  : await rows(`SELECT COUNT(*), COUNT(day), MIN(day), MAX(day) FROM articles`);
const entities = await rows(`SELECT type, name, SUM(articles) AS a FROM daily_entities WHERE ${inCut}
  GROUP BY type, name HAVING SUM(articles) >= ${minArticles} ORDER BY a DESC, name, type`);
const ids = new Map();
entities.forEach(([type, n], i) => ids.set(type + '\u0000' + n, i));
const out = fs.openSync(path.join(outDir, 'aggregates.jsonl'), 'w');
const lines = [];
const flush = (force) => {
  if (lines.length && (force || lines.length >= 1000)) {
    fs.writeSync(out, lines.join('\n') + '\n');
    lines.length = 0;
  }
};
const emit = (obj) => {
  lines.push(JSON.stringify(obj));
  flush(false);
};
emit({
  format: 'article-explorer-aggregates', version: 1, name, scope: 'document',
  articles: Number(total), dated: Number(dated), undated: Number(total) - Number(dated),
  from: from === null ? null : String(from), to: to === null ? null : String(to),
  entities: entities.length,
  ...(cut ? { cut: { from: cutFrom, to: cutTo, min_articles: minArticles } } : {}),
});
for (let i = 0; i < entities.length; i += 10000)
  emit({ entities: entities.slice(i, i + 10000).map(([type, n]) => [n, type]) });
const byDay = new Map();
const dayOf = (d) => {
  const key = String(d);
  if (!byDay.has(key)) byDay.set(key, { day: key, articles: 0, entities: [], pairs: [] });
  return byDay.get(key);
};
for (const [day, a] of await rows(`SELECT day, articles FROM daily_articles WHERE ${inCut}`)) dayOf(day).articles = Number(a);
for (const [day, type, n, a, m] of await rows(`SELECT day, type, name, articles, mentions FROM daily_entities WHERE ${inCut}`)) {
  const e = ids.get(type + '\u0000' + n);
  if (e !== undefined) dayOf(day).entities.push([e, Number(a), Number(m)]);
}
for (const [day, st, s, tt, t, a] of await rows(`SELECT day, source_type, source, target_type, target, articles FROM daily_pairs WHERE ${inCut}`)) {
  const x = ids.get(st + '\u0000' + s), y = ids.get(tt + '\u0000' + t);
  if (x !== undefined && y !== undefined) dayOf(day).pairs.push(x < y ? [x, y, Number(a)] : [y, x, Number(a)]);
}
const cmp = (p, q) => p[0] - q[0] || p[1] - q[1];
for (const key of [...byDay.keys()].sort()) {
  const d = byDay.get(key);
  d.entities.sort(cmp);
  d.pairs.sort(cmp);
  emit(d);
}
flush(true);
fs.closeSync(out);
const [[pairRows]] = await rows('SELECT COUNT(*) FROM daily_pairs');
const [[entityRows]] = await rows('SELECT COUNT(*) FROM daily_entities');
console.error(`aggregate: ${total} articles (${dated} dated), ${entities.length} entities, ` +
  `${entityRows} entity-days, ${pairRows} pair-days in ${((Date.now() - t0) / 1000).toFixed(2)} s -> ${outDir}`);
