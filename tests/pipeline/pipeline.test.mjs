// pipeline.test.mjs — the batch path end to end on the Reuters sample (4,761 articles, in the
// repository): scripts/pipeline.sh (entities on two threads, then DuckDB), and its aggregates checked
// against the explorer's own counts from the articles: the network of a date range (every link, document
// scope) and the entity table of the range must be the same, whether read from the Parquet files or from
// aggregates.jsonl. Also: the per-article output is the same on one thread as on two.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { csvRows } from '../../scripts/csv.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const input = path.join(root, 'assets/samples/reuters-1987.jsonl.gz');
const out = path.join(root, 'build/pipeline/reuters-1987');
const explorer = path.join(root, 'build/native-release/src/cli/explorer');
const RANGES = [['1987-03-01', '1987-03-31'], ['1987-06-15', '1987-06-21'], ['1987-02-01', '1987-12-31']];

const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] }).toString();

// A spreadsheet-safe cell starts with ' when the text would run as a formula (csv_cell); undo it.
const cell = (s) => (/^'[=+\-@\t\r]/.test(s) ? s.slice(1) : s);
const pairKey = (t1, n1, t2, n2) => {
  const a = `${t1}\u0000${n1}`, b = `${t2}\u0000${n2}`;
  return a < b ? `${a}\u0001${b}` : `${b}\u0001${a}`;
};

let db;
before(async () => {
  run('bash', [path.join(root, 'scripts/pipeline.sh'), input, '--out', out, '--threads', '2']);
  db = await (await DuckDBInstance.create(':memory:')).connect();
});

test('the pipeline writes the Parquet files and aggregates.jsonl with a header the explorer can check', async () => {
  for (const f of ['articles.jsonl', 'daily_articles.parquet', 'daily_entities.parquet', 'daily_pairs.parquet', 'aggregates.jsonl'])
    assert.ok(fs.statSync(path.join(out, f)).size > 0, f);
  const first = JSON.parse(fs.readFileSync(path.join(out, 'aggregates.jsonl'), 'utf8').split('\n')[0]);
  assert.equal(first.format, 'article-explorer-aggregates');
  assert.equal(first.version, 1);
  assert.equal(first.articles, 4761);
  assert.equal(first.from, '1987-02-26');
  const lines = fs.readFileSync(path.join(out, 'articles.jsonl'), 'utf8').trim().split('\n');
  assert.equal(lines.length, 4761);
});

test('the per-article entities are the same on one thread as on two', () => {
  const one = run(explorer, ['entities', input, '--jsonl', '--canonical', '--counts', '--threads', '1']);
  assert.equal(one, fs.readFileSync(path.join(out, 'articles.jsonl'), 'utf8'));
});

// Entities whose name and type two entities share: the aggregates (keyed by name and type) add them
// up, the explorer keeps them apart, so they are left out of the comparison (and counted).
function sharedNames() {
  const table = run(explorer, ['export', input, '--what', 'entities.csv']);
  const seen = new Map();
  for (const r of csvRows(table).slice(1)) {
    const k = `${r[1]}\u0000${cell(r[0])}`;
    seen.set(k, (seen.get(k) ?? 0) + 1);
  }
  return new Set([...seen].filter(([, n]) => n > 1).map(([k]) => k));
}

async function aggregatePairs(from, to) {
  const file = path.join(out, 'daily_pairs.parquet').replace(/'/g, "''");
  const rows = (await db.runAndReadAll(`SELECT source_type, source, target_type, target, SUM(articles)::INTEGER
    FROM read_parquet('${file}') WHERE day BETWEEN DATE '${from}' AND DATE '${to}'
    GROUP BY ALL`)).getRows();
  return new Map(rows.map(([t1, n1, t2, n2, c]) => [pairKey(t1, n1, t2, n2), Number(c)]));
}

// The same sums from aggregates.jsonl, the file the explorer opens.
function jsonlPairs(from, to) {
  const lines = fs.readFileSync(path.join(out, 'aggregates.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const ents = lines.filter((l) => Array.isArray(l.entities) && !l.day).flatMap((l) => l.entities);
  const m = new Map();
  for (const l of lines) {
    if (!l.day || l.day < from || l.day > to) continue;
    for (const [i, j, c] of l.pairs) {
      const k = pairKey(ents[i][1], ents[i][0], ents[j][1], ents[j][0]);
      m.set(k, (m.get(k) ?? 0) + c);
    }
  }
  return m;
}

test('the network of a date range from the aggregates equals the one computed from the articles', async () => {
  const shared = sharedNames();
  assert.ok(shared.size < 10, `few shared names (${shared.size})`);
  const touches = (k) => [...shared].some((s) => k.split('\u0001').includes(s));
  for (const [from, to] of RANGES) {
    const csv = run(explorer, ['edges', input, '--from', from, '--to', to, '--top', '0', '--scope', 'document',
      '--measure', 'count', '--format', 'csv']);
    const direct = new Map();
    for (const r of csvRows(csv).slice(1))
      direct.set(pairKey(r[2], cell(r[0]), r[3], cell(r[1])), Number(r[4]));
    const agg = await aggregatePairs(from, to);
    const fromFile = jsonlPairs(from, to);
    // The explorer's core reading the aggregates (what the page opens): the same network.
    const viaCore = new Map();
    const coreCsv = run(explorer, ['edges', path.join(out, 'aggregates.jsonl'), '--from', from, '--to', to, '--top', '0',
      '--format', 'csv']);
    for (const r of csvRows(coreCsv).slice(1)) {
      const k = pairKey(r[2], cell(r[0]), r[3], cell(r[1]));
      viaCore.set(k, (viaCore.get(k) ?? 0) + Number(r[4]));
    }
    assert.ok(direct.size > 100, `${from}..${to}: links (${direct.size})`);
    let compared = 0;
    for (const [k, c] of direct) {
      if (touches(k)) continue;
      assert.equal(agg.get(k), c, `${from}..${to} ${k.replace(/[\u0000\u0001]/g, ' | ')}`);
      assert.equal(fromFile.get(k), c);
      assert.equal(viaCore.get(k), c, `core: ${from}..${to} ${k.replace(/[\u0000\u0001]/g, ' | ')}`);
      ++compared;
    }
    for (const k of agg.keys()) if (!touches(k)) assert.ok(direct.has(k), `only in the aggregates: ${k}`);
    assert.equal([...fromFile.keys()].filter((k) => !touches(k)).length, compared);
    assert.equal([...viaCore.keys()].filter((k) => !touches(k)).length, compared);
  }
});

test('the entity table of a date range from the aggregates equals the explorer\'s', async () => {
  const shared = sharedNames();
  const file = path.join(out, 'daily_entities.parquet').replace(/'/g, "''");
  for (const [from, to] of RANGES) {
    const table = run(explorer, ['export', input, '--what', 'entities.csv', '--from', from, '--to', to]);
    const rows = (await db.runAndReadAll(`SELECT type, name, SUM(articles)::INTEGER, SUM(mentions)::INTEGER
      FROM read_parquet('${file}') WHERE day BETWEEN DATE '${from}' AND DATE '${to}' GROUP BY ALL`)).getRows();
    const agg = new Map(rows.map(([t, n, a, m]) => [`${t}\u0000${n}`, [Number(a), Number(m)]]));
    let compared = 0;
    for (const r of csvRows(table).slice(1)) {
      const k = `${r[1]}\u0000${cell(r[0])}`;
      if (shared.has(k)) continue;
      assert.deepEqual(agg.get(k), [Number(r[2]), Number(r[3])], `${from}..${to} ${cell(r[0])}`);
      ++compared;
    }
    assert.equal(compared, [...agg.keys()].filter((k) => !shared.has(k)).length);
    assert.ok(compared > 100);
    // The explorer's own table from the aggregates: the same articles and mentions.
    const coreTable = run(explorer, ['export', path.join(out, 'aggregates.jsonl'), '--what', 'entities.csv', '--from', from, '--to', to]);
    let coreRows = 0;
    for (const r of csvRows(coreTable).slice(1)) {
      const k = `${r[1]}\u0000${cell(r[0])}`;
      if (shared.has(k)) continue;
      assert.deepEqual([Number(r[2]), Number(r[3])], agg.get(k), `core table: ${from}..${to} ${cell(r[0])}`);
      ++coreRows;
    }
    assert.equal(coreRows, compared);
  }
});

test('a cut of the page\'s file keeps the days of its range, the entities with enough articles, and their counts', () => {
  const cutDir = path.join(root, 'build/pipeline/reuters-1987-cut');
  run('node', [path.join(root, 'scripts/aggregate.mjs'), path.join(out, 'articles.jsonl'), cutDir,
    '--from', '1987-03-01', '--to', '1987-03-31', '--min-articles', '5']);
  const lines = fs.readFileSync(path.join(cutDir, 'aggregates.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(lines[0].cut, { from: '1987-03-01', to: '1987-03-31', min_articles: 5 });
  const ents = lines.filter((l) => Array.isArray(l.entities) && !l.day).flatMap((l) => l.entities);
  const days = lines.filter((l) => l.day);
  assert.ok(days.length > 10 && days.every((d) => d.day >= '1987-03-01' && d.day <= '1987-03-31'));
  const totals = new Array(ents.length).fill(0);
  for (const d of days) for (const [e, a] of d.entities) totals[e] += a;
  assert.ok(totals.every((t) => t >= 5), 'every entity kept has 5 articles or more in the range');
  const full = jsonlPairs('1987-03-01', '1987-03-31');
  let pairs = 0;
  const sums = new Map();
  for (const d of days) for (const [i, j, c] of d.pairs) {
    const k = pairKey(ents[i][1], ents[i][0], ents[j][1], ents[j][0]);
    sums.set(k, (sums.get(k) ?? 0) + c);
  }
  for (const [k, c] of sums) { assert.equal(c, full.get(k), k); ++pairs; }
  assert.ok(pairs > 1000, `pairs kept (${pairs})`);
  assert.equal(lines[0].articles, days.reduce((n, d) => n + d.articles, 0));
});
