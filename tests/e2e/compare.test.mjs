// compare.test.mjs — what changed between two periods, on eight months of real news (the Reuters-21578
// sample): the range B and the baseline A drawn by dragging on the timeline (Shift+drag for A), the
// comparison read through window.explorer.state() and checked against a known new link, the entity
// table's A/B columns, the three-way network drawn (new links in B's colour, links only in A dashed in
// A's), the changes-only switch, the key A, the URL hash that reproduces the comparison, and the exports.
import test from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, waitForState, frames, screenshot, centre, clickAt } from './harness.mjs';

let env;
test.before(async () => { env = await launch(); });
test.after(async () => { if (env) await env.close(); });

const st = (page) => page.evaluate(() => window.explorer.state());

// The screen x of the middle of a day on the timeline (x grows linearly with the day).
function dayX(s, iso) {
  const [x, , w] = s.ui.timeline.rect;
  const k = (Date.parse(iso) - Date.parse(s.ui.timeline.first)) / 86400000;
  return x + (w * (k + 0.5)) / s.ui.timeline.days;
}

// A drag across the timeline from one date's bucket to another's, as a person makes it.
async function dragTimeline(page, s, fromIso, toIso, shift = false) {
  const [, y, , h] = s.ui.timeline.rect;
  const yy = y + h / 2;
  const x0 = dayX(s, fromIso), x1 = dayX(s, toIso);
  await page.mouse.move(x0, yy);
  await frames(page, 1);
  if (shift) await page.keyboard.down('Shift');
  await page.mouse.down();
  await frames(page, 1);
  for (let k = 1; k <= 6; k++) {
    await page.mouse.move(x0 + ((x1 - x0) * k) / 6, yy);
    await frames(page, 1);
  }
  await page.mouse.up();
  if (shift) await page.keyboard.up('Shift');
  await frames(page, 2);
}

test('two periods of real news: A and B by dragging, a known new link, the table, the three-way network', async () => {
  const { page, consoleErrors } = await openApp(env, { query: '?sample=reuters-1987' });
  await waitForState(page, 's => s.articles_total === 4761 && !s.load.running', 60000);
  let s = await st(page);
  assert.equal(s.compare, null);
  assert.equal(s.ui.timeline.unit, 'week');
  // With "snap to weeks" a drag takes whole weeks (from Mondays) ...
  await clickAt(page, centre(s.ui.controls.snap).x, centre(s.ui.controls.snap).y, 'left', 2);
  await waitForState(page, 's => s.ui.timeline.snap');
  await dragTimeline(page, s, '1987-03-18', '1987-04-01');
  s = await st(page);
  assert.deepEqual([s.range_from, s.range_to], ['1987-03-16', '1987-04-05']);
  await clickAt(page, centre(s.ui.controls.snap).x, centre(s.ui.controls.snap).y, 'left', 2);
  await waitForState(page, 's => !s.ui.timeline.snap');
  // ... and without it the brush follows the pointer to the day, though the bars are weeks.
  await dragTimeline(page, s, '1987-05-06', '1987-05-13');
  s = await st(page);
  assert.deepEqual([s.range_from, s.range_to], ['1987-05-06', '1987-05-13']);
  // B: a drag from 16 March to 5 April; A: Shift+drag over the two weeks before it.
  await dragTimeline(page, s, '1987-03-16', '1987-04-05');
  s = await st(page);
  assert.equal(s.compare, null);
  const b = [s.range_from, s.range_to];
  assert.deepEqual(b, ['1987-03-16', '1987-04-05']);
  await dragTimeline(page, s, '1987-03-02', '1987-03-15', true);
  await waitForState(page, 's => s.compare !== null');
  s = await st(page);
  const c = s.compare;
  assert.deepEqual([c.b_from, c.b_to], b, 'dragging A leaves B where it was');
  assert.ok(c.a_to < c.b_from, `A ${c.a_from}..${c.a_to} before B ${c.b_from}..${c.b_to}`);
  assert.ok(c.a_articles > 300 && c.b_articles > 300, `${c.a_articles} / ${c.b_articles}`);
  // The days dragged: A the two weeks from 2 March, B three from 16 March.
  assert.deepEqual([c.a_from, c.a_to, c.b_from, c.b_to], ['1987-03-02', '1987-03-15', '1987-03-16', '1987-04-05']);
  // A known new link (checked with `explorer diff` on the same sample and dates, see the README):
  // Europe and Japan, never together in A, in seven articles of B.
  const key = (l) => [l[0], l[1]].sort().join(' + ');
  const fresh = new Map(c.new_links.map((l) => [key(l), l[2]]));
  assert.equal(fresh.get('Europe + Japan'), 7, JSON.stringify([...fresh].slice(0, 10)));
  assert.ok(c.links_shown.only_b > 0 && c.links_shown.only_a > 0 && c.links_shown.both > 0, JSON.stringify(c.links_shown));
  // The biggest changes (the 50 of the state report) have something new; the whole table (compare.csv)
  // has entities gone too, with nothing in B.
  const trends = new Set(c.entities.map((e) => e.trend));
  assert.ok(trends.has('new'), [...trends].join(','));
  const whole = (await page.evaluate(() => window.explorer.exportData("compare.csv"))).trim().split("\n").slice(1);
  const gone = whole.filter((l) => l.endsWith(",gone"));
  assert.ok(gone.length > 10, `${gone.length} entities gone`);
  for (const l of gone) assert.equal(l.split(',').at(-4), '0', l);  // name,type,count_a,count_b,change,log_ratio,trend
  for (const e of c.entities) {
    if (e.trend === 'new') assert.equal(e.a, 0, e.name);
    if (e.trend === 'gone') assert.equal(e.b, 0, e.name);
  }
  await frames(page, 40);
  await screenshot(page, 'compare-network.png');

  // The entity table with A and B: a real click on its tab; the rows are sorted by the ratio, a new
  // entity first, and an entity only in A has a row too.
  await clickAt(page, centre(s.ui.controls.tab_entities).x, centre(s.ui.controls.tab_entities).y, 'left', 3);
  await waitForState(page, 's => s.ui.tab === "entities" && s.ui.entities.length > 10');
  await frames(page, 3);
  await screenshot(page, 'compare-table.png');
  const table = await page.evaluate(() => window.explorer.exportData('compare.csv'));
  assert.ok(table.startsWith('name,type,count_a,count_b,change,log_ratio,trend\n'));
  assert.ok(/\n[^\n]*,0,[1-9]\d*,[1-9]\d*,[\d.]+,new\n/.test(table), 'a new entity in the CSV');
  assert.ok(/\n[^\n]*,[1-9]\d*,0,-\d+,-[\d.]+,gone\n/.test(table), 'a gone entity in the CSV');
  const gexf = await page.evaluate(() => window.explorer.exportData('compare.gexf'));
  for (const side of ['only_a', 'only_b', 'both']) assert.ok(gexf.includes(`value="${side}"`), side);

  // Changes only: a real click on the switch; the links in both go, the others stay.
  s = await st(page);
  await clickAt(page, centre(s.ui.controls.changes_only).x, centre(s.ui.controls.changes_only).y, 'left', 3);
  await waitForState(page, 's => s.compare && s.compare.changes_only');
  s = await st(page);
  assert.equal(s.compare.links_shown.both, 0);
  assert.equal(s.compare.links_shown.only_b, c.links_shown.only_b);
  assert.ok(s.hash.includes('a=1987-03-02..1987-03-15') && s.hash.includes('changes=1'), s.hash);
  await frames(page, 40);
  await screenshot(page, 'compare-changes-only.png');

  // The address reproduces the comparison in a new page.
  const href = await page.evaluate(() => location.href);
  const { page: p2 } = await openApp(env, { query: href.slice(href.indexOf('?')) });
  await waitForState(p2, 's => s.articles_total === 4761 && !s.load.running && s.compare !== null', 60000);
  const s2 = await st(p2);
  assert.deepEqual([s2.compare.a_from, s2.compare.a_to, s2.compare.b_from, s2.compare.b_to],
    [c.a_from, c.a_to, c.b_from, c.b_to]);
  assert.equal(s2.compare.changes_only, true);
  assert.deepEqual(s2.compare.links_shown, s.compare.links_shown);
  assert.deepEqual(s.errors, []);
  assert.deepEqual(consoleErrors, []);
});

test('the key A compares with the period just before; the button ends it; bursts of a selected entity', async () => {
  const { page, consoleErrors } = await openApp(env, { query: '?sample=reuters-1987#from=1987-04-01&to=1987-04-30' });
  await waitForState(page, "s => s.articles_total === 4761 && !s.load.running && s.range_from === '1987-04-01'", 60000);
  await page.mouse.move(640, 500);
  await page.keyboard.press('a');
  await waitForState(page, 's => s.compare !== null');
  let s = await st(page);
  assert.deepEqual([s.compare.a_from, s.compare.a_to], ['1987-03-02', '1987-03-31']);  // 30 days before
  assert.equal(s.compare.b_articles, s.articles_in_range);
  // A link's evidence: a click on a new link lists B's articles that name both.
  const [x, y] = [s.compare.new_links[0][0], s.compare.new_links[0][1]];
  assert.equal(await page.evaluate(([a, b]) => window.explorer.selectEdge(a, b), [x, y]), true);
  await frames(page, 3);
  s = await st(page);
  assert.ok(s.articles_in_range > 0);
  await waitForState(page, 's => s.ui.evidence.length > 0');
  // The bursts: the entity table says how bursty each is in the range; the timeline marks a
  // selected entity's bursts (the CSV lists them with their dates).
  const bursts = await page.evaluate(() => window.explorer.exportData('bursts.csv'));
  const lines = bursts.trim().split('\n');
  assert.equal(lines[0], 'name,type,from,to,weight,articles');
  assert.ok(lines.length > 20, String(lines.length));
  const top = lines[1].split(',');
  assert.equal(await page.evaluate((n) => window.explorer.select(n), top[0].replace(/^"|"$/g, '')), true);
  await frames(page, 5);
  await screenshot(page, 'compare-bursts.png');
  // End comparison: a real click on the button.
  s = await st(page);
  await clickAt(page, centre(s.ui.controls.end_compare).x, centre(s.ui.controls.end_compare).y, 'left', 3);
  await waitForState(page, 's => s.compare === null');
  s = await st(page);
  assert.ok(!s.hash.includes('a='), s.hash);
  assert.equal(await page.evaluate(() => window.explorer.exportData('compare.csv')), null);
  assert.equal(await page.evaluate(() => window.explorer.setBaseline('1987-13-45', 'x')), false);
  assert.ok((await st(page)).errors.some((e) => e.includes('setBaseline')));
  assert.deepEqual(consoleErrors, []);
});
