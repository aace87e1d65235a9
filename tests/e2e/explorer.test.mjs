// explorer.test.mjs — the analyst's tool through real mouse and keyboard input on the canvas: brushing
// the timeline (draw, move, resize, step with keys), the entity table (sort, click to select), the
// search box (typed), the reader (a clicked mention selects, J steps), link evidence (a clicked sentence
// opens the reader at it), the view in the URL hash (restored from a link; Back steps through views),
// the help overlay, the theme switch, and the layout at three window sizes.
import test from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, waitForState, frames, canvasStats, screenshot } from './harness.mjs';

// 30 days of news, 2 articles a day; who appears when is fixed so the counts can be checked.
function corpus() {
  const people = ['Ahmad al-Sharaa', 'Mohammed Shia al-Sudani', 'Hakan Fidan'];
  const places = ['Baghdad', 'Damascus', 'Erbil'];
  const out = [];
  for (let d = 0; d < 30; ++d) {
    const day = new Date(Date.UTC(2026, 2, 1 + d)).toISOString().slice(0, 10);
    for (let k = 0; k < 2; ++k) {
      const p = people[(d + k) % 3], q = places[(d * 2 + k) % 3];
      const border = d % 5 === 0 ? ' Talks covered border security.' : '';
      out.push({ id: `d${d}-${k}`, date: day, source: 'Wire', url: `https://example.org/${d}/${k}`,
        title: `${p} in ${q}`, body: `${p} arrived in ${q} on ${day}. Officials in ${q} met ${p} for talks.${border}` });
    }
  }
  return JSON.stringify(out);
}

let env;
test.before(async () => { env = await launch(); });
test.after(async () => { if (env) await env.close(); });

const centre = (r) => ({ x: r.x + r.w / 2, y: r.y + r.h / 2 });
// A click as a person makes it: the pointer arrives, then the button goes down and up a frame apart.
async function clickAt(page, x, y) {
  await page.mouse.move(x, y);
  await frames(page, 1);
  await page.mouse.down();
  await frames(page, 1);
  await page.mouse.up();
  await frames(page, 1);
}
const st = (page) => page.evaluate(() => window.explorer.state());
// Screen x of the middle of timeline bucket i.
function bucketX(s, i) {
  const [x, , w] = s.ui.timeline.rect;
  return x + (i + 0.5) * w / s.ui.timeline.buckets;
}
const day = (iso, n) => new Date(Date.parse(iso) + n * 86400000).toISOString().slice(0, 10);

test('timeline brush: drawn, moved, resized and stepped with real input; the list and network follow', async () => {
  const { page, consoleErrors } = await openApp(env);
  assert.equal(await page.evaluate((t) => window.explorer.loadText(t, 'month.json'), corpus()), true);
  await frames(page, 3);
  let s = await st(page);
  assert.equal(s.ui.timeline.unit, 'day');
  assert.equal(s.ui.timeline.buckets, 30);
  const y = s.ui.timeline.rect[1] + s.ui.timeline.rect[3] / 2;
  // Draw a new brush over days 5..14.
  await page.mouse.move(bucketX(s, 5), y);
  await page.mouse.down();
  await frames(page, 2);
  await page.mouse.move(bucketX(s, 9), y, { steps: 4 });
  await page.mouse.move(bucketX(s, 14), y, { steps: 4 });
  await frames(page, 2);
  await page.mouse.up();
  await frames(page, 2);
  s = await st(page);
  assert.equal(s.range_from, '2026-03-06');
  assert.equal(s.range_to, '2026-03-15');
  assert.equal(s.articles_in_range, 20);
  await screenshot(page, 'explorer-brush.png');
  // Move it by three days (drag from inside).
  await page.mouse.move(bucketX(s, 10), y);
  await page.mouse.down();
  await frames(page, 2);
  await page.mouse.move(bucketX(s, 13), y, { steps: 5 });
  await frames(page, 2);
  await page.mouse.up();
  await frames(page, 2);
  s = await st(page);
  assert.deepEqual([s.range_from, s.range_to], ['2026-03-09', '2026-03-18']);
  // Resize from the right edge to day 24.
  const [x0, , w] = s.ui.timeline.rect;
  const rightEdge = x0 + 18 * w / 30;
  await page.mouse.move(rightEdge, y);
  await page.mouse.down();
  await frames(page, 2);
  await page.mouse.move(bucketX(s, 23), y, { steps: 5 });
  await frames(page, 2);
  await page.mouse.up();
  await frames(page, 2);
  s = await st(page);
  assert.deepEqual([s.range_from, s.range_to], ['2026-03-09', '2026-03-24']);
  // Keys: ] steps forward one bucket, [ back.
  await page.keyboard.press(']');
  await frames(page, 2);
  s = await st(page);
  assert.deepEqual([s.range_from, s.range_to], ['2026-03-10', '2026-03-25']);
  await page.keyboard.press('[');
  await page.keyboard.press('[');
  await frames(page, 2);
  s = await st(page);
  assert.deepEqual([s.range_from, s.range_to], ['2026-03-08', '2026-03-23']);
  assert.equal(s.articles_in_range, 32);
  // Double-click: all dates.
  // (two clicks a frame apart: a real double-click; automation's instant one falls within one frame)
  await page.mouse.click(bucketX(s, 2), y);
  await frames(page, 1);
  await page.mouse.click(bucketX(s, 2), y);
  await frames(page, 2);
  s = await st(page);
  assert.deepEqual([s.range_from, s.range_to], ['2026-03-01', '2026-03-30']);
  assert.deepEqual(consoleErrors, []);
});

test('entity table, search box, reader mentions, J, evidence: real clicks and typing', async () => {
  const { page, consoleErrors } = await openApp(env);
  assert.equal(await page.evaluate((t) => window.explorer.loadText(t, 'month.json'), corpus()), true);
  await frames(page, 3);
  let s = await st(page);
  // The Entities tab, then a row.
  await clickAt(page, centre(s.ui.controls.tab_entities).x, centre(s.ui.controls.tab_entities).y);
  await waitForState(page, "s => s.ui.tab === 'entities' && s.ui.entities.length >= 6");
  s = await st(page);
  const names = s.ui.entities.map((r) => r.id);
  for (const n of ['Baghdad', 'Damascus', 'Erbil', 'Ahmad al-Sharaa', 'Hakan Fidan']) assert.ok(names.includes(n), `${n} in ${names}`);
  const row = s.ui.entities.find((r) => r.id === 'Damascus');
  await clickAt(page, row.x + 20, row.y + row.h / 2);
  await waitForState(page, "s => s.selected === 'Damascus'");
  s = await st(page);
  assert.equal(s.articles_in_range, 20);  // Damascus: 20 of 60 articles
  await frames(page, 2);
  await screenshot(page, 'explorer-entities.png');

  // Back to the list; type a search.
  await clickAt(page, centre(s.ui.controls.tab_articles).x, centre(s.ui.controls.tab_articles).y);
  await waitForState(page, "s => s.ui.tab === 'articles' && s.ui.controls.search");
  s = await st(page);
  await clickAt(page, centre(s.ui.controls.search).x, centre(s.ui.controls.search).y);
  await frames(page, 2);
  await page.keyboard.type('border', { delay: 30 });
  await waitForState(page, "s => s.search === 'border'");
  s = await st(page);
  // Damascus articles whose day is a multiple of 5.
  assert.ok(s.articles_in_range > 0 && s.articles_in_range < 20, `in range ${s.articles_in_range}`);
  assert.equal(s.search_hits, s.articles_in_range);
  assert.ok(s.hash.includes('q=border') && s.hash.includes('sel=Damascus'), s.hash);
  await page.keyboard.press('Escape');  // leaves the text field
  await frames(page, 2);

  // Open the first row, click a highlighted person in the reader.
  s = await st(page);
  await clickAt(page, s.ui.rows[0].x + 30, s.ui.rows[0].y + s.ui.rows[0].h / 2);
  await waitForState(page, `s => s.open_article === ${JSON.stringify(s.ui.rows[0].id)} && s.ui.mentions.length > 0`);
  s = await st(page);
  const person = s.ui.mentions.find((m) => m.id !== 'Damascus');
  await clickAt(page, centre(person).x, centre(person).y);
  await waitForState(page, `s => s.selected === ${JSON.stringify(person.id)}`);
  // J: the next article of the list.
  await page.evaluate(() => window.explorer.setSearch(''));
  await frames(page, 2);
  s = await st(page);
  const before = s.open_article;
  await page.keyboard.press('j');
  await waitForState(page, `s => s.open_article && s.open_article !== ${JSON.stringify(before)}`);

  // Evidence: select a link, click its first sentence: the reader opens there.
  await page.evaluate(() => window.explorer.selectEdge('Hakan Fidan', 'Damascus'));
  await waitForState(page, 's => s.ui.evidence.length > 0');
  s = await st(page);
  const ev = s.ui.evidence[0];
  await clickAt(page, ev.x + 40, ev.y + ev.h / 2);
  await waitForState(page, `s => s.open_article === ${JSON.stringify(ev.id)} && s.ui.reader_target !== null`);
  await frames(page, 3);
  await screenshot(page, 'explorer-evidence.png');
  assert.deepEqual(consoleErrors, []);
});

test('the view in the URL: written as the user works, restored from a link, Back steps through views', async () => {
  const { page, consoleErrors } = await openApp(env);
  await page.evaluate(() => {
    window.explorer.setRange('2026-01-21', '2026-01-21');
    window.explorer.selectEdge('Iraq', 'Syrian Democratic Forces');
    window.explorer.setSearch('border');
    window.explorer.setNetwork({ scope: 'sentence' });
    window.explorer.openArticle('seed-003-28278e9f02149438');
  });
  await page.waitForFunction(() => location.hash.includes('edge=') && location.hash.includes('open='), null, { timeout: 5000 });
  const s1 = await st(page);
  const url = await page.evaluate(() => location.href);
  assert.ok(url.includes('#'), url);
  assert.ok(s1.hash.includes('scope=sentence'), s1.hash);

  // A fresh page from the link shows the same view.
  const { page: p2, consoleErrors: e2 } = await openApp(env, { query: '#' + s1.hash });
  const s2 = await st(p2);
  for (const k of ['selected_edge', 'search', 'open_article', 'articles_in_range', 'range_from', 'range_to', 'hash', 'network'])
    assert.deepEqual(s2[k], s1[k], k);
  assert.deepEqual(s2.errors, []);
  await frames(p2, 3);
  await screenshot(p2, 'explorer-from-link.png');

  // Back and forward: select Iraq, wait, then select Syria; Back returns to Iraq.
  await p2.evaluate(() => window.explorer.select('Iraq'));
  await p2.waitForFunction(() => location.hash.includes('sel=Iraq'), null, { timeout: 5000 });
  await p2.waitForTimeout(1700);
  await p2.evaluate(() => window.explorer.select('Syria'));
  await p2.waitForFunction(() => location.hash.includes('sel=Syria'), null, { timeout: 5000 });
  await p2.goBack();
  await waitForState(p2, "s => s.selected === 'Iraq'");
  await p2.goForward();
  await waitForState(p2, "s => s.selected === 'Syria'");

  // A link naming what the corpus lacks: the rest applies, the message says what did not.
  const { page: p3 } = await openApp(env, { query: '#sel=Nobody&q=border' });
  const s3 = await st(p3);
  assert.equal(s3.search, 'border');
  assert.match(s3.last_error, /could not be restored entirely: no entity is named 'Nobody'/);
  assert.deepEqual(consoleErrors, []);
  assert.deepEqual(e2, []);
});

test('layout at 1024x700, 1280x800 and 1920x1080; help overlay; theme switch', async () => {
  for (const [width, height] of [[1024, 700], [1280, 800], [1920, 1080]]) {
    const { page, consoleErrors } = await openApp(env, { width, height });
    await page.evaluate(() => window.explorer.openArticle('seed-000-452bef5600211bd9'));
    await frames(page, 5);
    const s = await st(page);
    // Every panel fits: the controls lie inside the window, the timeline and network have room.
    for (const [name, r] of Object.entries(s.ui.controls))
      if (!['edges.csv', 'edges.gexf', 'entities.csv', 'articles.json', 'graph.png'].includes(name))
        assert.ok(r.x >= 0 && r.x + r.w <= width + 1 && r.y >= 0 && r.y + r.h <= height, `${name} at ${width}x${height}: ${JSON.stringify(r)}`);
    assert.ok(s.ui.graph_rect[2] > 250 && s.ui.graph_rect[3] > 300, `graph ${s.ui.graph_rect}`);
    assert.ok(s.ui.timeline.rect[3] >= 30, `timeline ${s.ui.timeline.rect}`);
    assert.ok(s.ui.mentions.length > 10, 'the reader shows highlighted mentions');
    const stats = await canvasStats(page);
    assert.ok(stats.colours > 20, JSON.stringify(stats));
    await screenshot(page, `explorer-${width}x${height}.png`);
    if (width === 1280) {
      await clickAt(page, width / 2, 400);  // the canvas has the keyboard
      await page.keyboard.press('?');
      await waitForState(page, 's => s.ui.help === true');
      await frames(page, 2);
      await screenshot(page, 'explorer-help.png');
      await page.keyboard.press('Escape');
      await waitForState(page, 's => s.ui.help === false');
      const theme = s.ui.theme;
      await clickAt(page, centre(s.ui.controls.theme).x, centre(s.ui.controls.theme).y);
      await waitForState(page, `s => s.ui.theme !== '${theme}'`);
      await frames(page, 3);
      await screenshot(page, 'explorer-theme-switched.png');
    }
    assert.deepEqual(consoleErrors, []);
  }
});
