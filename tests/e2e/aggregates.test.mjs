// aggregates.test.mjs — the page opens daily counts (aggregates.jsonl of scripts/pipeline.sh on the
// Reuters sample): the timeline counts articles, the network of a date range equals the one the
// explorer computes from the articles themselves (CLI), the entity table likewise; the list holds days
// that say their text is not included, link evidence says so, sentence scope is not offered; the copy
// kept in the browser reopens with the same counts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, openApp, waitForState, frames, screenshot } from './harness.mjs';
import { csvRows } from '../../scripts/csv.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const sample = path.join(root, 'assets/samples/reuters-1987.jsonl.gz');
const outDir = path.join(root, 'build/pipeline/reuters-1987');
const aggregates = path.join(outDir, 'aggregates.jsonl');
const explorer = path.join(root, 'build/native-release/src/cli/explorer');
const FROM = '1987-03-01', TO = '1987-03-31';

let env;
before(async () => {
  // The pipeline's output (tests/pipeline makes it first in scripts/test.sh; made here when missing).
  if (!fs.existsSync(aggregates) || !fs.existsSync(explorer))
    execFileSync('bash', [path.join(root, 'scripts/pipeline.sh'), sample, '--out', outDir], { stdio: 'ignore' });
  env = await launch();
});
after(async () => { await env.close(); });

const csvPairs = (csv) => {
  const m = new Map();
  for (const [s, t, st, tt, count] of csvRows(csv).slice(1)) {
    const a = `${st}:${s}`, b = `${tt}:${t}`;
    m.set(a < b ? `${a}|${b}` : `${b}|${a}`, Number(count));
  }
  return m;
};

test('the page opens daily counts: timeline, network, entity table and a kept copy, from counts alone', async () => {
  const { page, consoleErrors } = await openApp(env);
  const text = fs.readFileSync(aggregates, 'utf8');
  const header = JSON.parse(text.slice(0, text.indexOf('\n')));
  assert.equal(await page.evaluate((t) => window.explorer.loadText(t, 'aggregates.jsonl'), text), true);
  let s = await page.evaluate(() => window.explorer.state());
  assert.equal(s.daily_counts, true);
  assert.equal(s.articles_counted_total, header.articles);  // 4,761 articles in counts
  assert.ok(s.articles_total < 100, `one row per day (${s.articles_total})`);
  assert.equal(s.load.format, 'aggregates');

  // The network of March 1987, every link, against the explorer's own from the articles.
  assert.equal(await page.evaluate(([f, t]) => window.explorer.setRange(f, t), [FROM, TO]), true);
  await page.evaluate(() => window.explorer.setNetwork({ scope: 'document', measure: 'count', minCount: 1, topN: 100000 }));
  await frames(page, 3);
  const fromPage = csvPairs(await page.evaluate(() => window.explorer.exportData('edges.csv')));
  const fromArticles = csvPairs(execFileSync(explorer, ['edges', sample, '--from', FROM, '--to', TO, '--top', '0',
    '--format', 'csv'], { maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] }).toString());
  assert.ok(fromPage.size > 1000, `links in March (${fromPage.size})`);
  let same = 0, differ = [];
  for (const [k, c] of fromArticles) (fromPage.get(k) === c ? ++same : differ.push(k));
  // Only links of the few entities whose name and type two entities share may differ (the aggregates
  // key entities by name and type).
  assert.ok(differ.length <= 20 && same > 0.995 * fromArticles.size, `differing links: ${differ.slice(0, 5)}`);
  s = await page.evaluate(() => window.explorer.state());
  assert.equal(s.articles_counted_in_range,
    Number(execFileSync(explorer, ['articles', sample, '--from', FROM, '--to', TO], { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString().trim().split('\n').length));

  // Sentence scope is not to be had: the session stays by article.
  await page.evaluate(() => window.explorer.setNetwork({ scope: 'sentence' }));
  s = await page.evaluate(() => window.explorer.state());
  assert.equal(s.network.scope, 'document');

  // A link's evidence says the text is not included; a day opens in the reader and says so too.
  await page.evaluate(() => window.explorer.setNetwork({ topN: 40 }));
  await frames(page, 2);
  assert.equal(await page.evaluate(() => window.explorer.selectEdge('United States', 'Japan')), true);
  await frames(page, 4);
  await screenshot(page, 'aggregates-link.png');
  s = await page.evaluate(() => window.explorer.state());
  assert.ok(s.articles_in_range > 0 && s.articles_in_range <= 31, 'the days on which articles name both');
  assert.equal(await page.evaluate((id) => window.explorer.openArticle(id), '1987-03-02'), true);
  await frames(page, 3);
  await screenshot(page, 'aggregates-reader.png');

  // Kept in the browser: reopening the page reopens the counts.
  await page.waitForTimeout(1500);
  await page.reload();
  await page.waitForFunction(() => window.explorer && window.explorer.state && window.explorer.state() !== null, null, { timeout: 30000 });
  await page.evaluate(() => window.explorer.ready);
  await waitForState(page, '(s) => s.daily_counts === true', 30000);
  s = await page.evaluate(() => window.explorer.state());
  assert.equal(s.articles_counted_total, header.articles);
  assert.deepEqual(consoleErrors, []);
});

test('a damaged aggregates file is refused with its line, and the corpus loaded before stays', async () => {
  const { page } = await openApp(env);
  const before = await page.evaluate(() => window.explorer.state());
  const bad = '{"format":"article-explorer-aggregates","version":1}\n{"entities":[["Iraq","place"]]}\n' +
    '{"day":"2026-01-21","articles":1,"entities":[[5,1,1]]}\n';
  assert.equal(await page.evaluate((t) => window.explorer.loadText(t, 'bad.jsonl'), bad), false);
  const s = await page.evaluate(() => window.explorer.state());
  assert.equal(s.articles_total, before.articles_total);
  assert.match(s.errors.at(-1), /line 3 of the aggregates: entity 5 is not listed/);
});
