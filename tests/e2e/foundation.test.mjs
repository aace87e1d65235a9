// foundation.test.mjs — the seed corpus in the real page: loaded, filtered by date, a row clicked on
// the canvas opens the article; the canvas is drawn, HiDPI honoured, no console errors.
import test from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, waitForState, frames, canvasStats, screenshot } from './harness.mjs';

let env;
test.before(async () => { env = await launch(); });
test.after(async () => { if (env) await env.close(); });

test('seed corpus loads, date range filters, a clicked row opens the article', async () => {
  const { page, consoleErrors } = await openApp(env);
  let s = await page.evaluate(() => window.explorer.state());
  assert.equal(s.articles_total, 2);
  assert.equal(s.articles_in_range, 2);
  assert.equal(s.date_min, '2026-01-21');
  assert.equal(s.date_max, '2026-01-21');
  assert.equal(s.corpus_name, 'Iraq–Syria border security, January 2026 (demo)');
  assert.ok(s.load.bytes > 4000, 'load.bytes');
  assert.ok(s.load.parse_ms >= 0 && s.load.total_ms >= s.load.parse_ms, 'load timings');
  assert.deepEqual(s.errors, []);
  assert.ok(s.entities_total >= 20, `entities_total ${s.entities_total}`);
  assert.ok(s.load.extract_ms > 0, 'load.extract_ms');

  // Narrow the range through the API: the count follows.
  assert.equal(await page.evaluate(() => window.explorer.setRange('2026-01-22', '2026-01-31')), true);
  s = await page.evaluate(() => window.explorer.state());
  assert.equal(s.articles_in_range, 0);
  assert.equal(s.range_from, '2026-01-22');
  await page.evaluate(() => window.explorer.setRange('2026-01-01', '2026-01-21'));
  s = await page.evaluate(() => window.explorer.state());
  assert.equal(s.articles_in_range, 2);
  // A bad date is refused with a message, and the range stays.
  assert.equal(await page.evaluate(() => window.explorer.setRange('soon', '2026-01-21')), false);
  s = await page.evaluate(() => window.explorer.state());
  assert.equal(s.range_from, '2026-01-01');
  assert.match(s.errors.at(-1), /'soon' is not a date/);

  // Click the second row on the canvas with the real mouse.
  await waitForState(page, 's => s.ui.rows.length === 2');
  s = await page.evaluate(() => window.explorer.state());
  const row = s.ui.rows[1];
  assert.equal(s.open_article, null);
  await page.mouse.click(row.x + row.w / 2, row.y + row.h / 2);
  await waitForState(page, `s => s.open_article === ${JSON.stringify(row.id)}`);
  await frames(page, 5);

  const stats = await canvasStats(page);
  assert.equal(stats.width, 1280);
  assert.ok(stats.colours > 20, `canvas has ${stats.colours} colours: blank?`);
  assert.ok(stats.differing > 0.02, `only ${stats.differing} of the canvas differs from the background`);
  s = await page.evaluate(() => window.explorer.state());
  assert.ok(s.frame.p50_ms > 0 && s.frame.p95_ms >= s.frame.p50_ms, 'frame timings');
  await screenshot(page, 'foundation-1280x800.png');
  assert.deepEqual(consoleErrors, []);
  await page.context().close();
});

test('HiDPI: the drawing buffer follows the device pixel ratio and window resizes', async () => {
  const { page, consoleErrors } = await openApp(env, { width: 1024, height: 700, dpr: 2 });
  await frames(page, 3);
  let stats = await canvasStats(page);
  assert.equal(stats.width, 2048);
  assert.equal(stats.height, 1400);
  assert.ok(stats.colours > 20);
  await page.setViewportSize({ width: 900, height: 600 });
  await frames(page, 4);
  stats = await canvasStats(page);
  assert.equal(stats.width, 1800);
  assert.equal(stats.height, 1200);
  await screenshot(page, 'foundation-hidpi.png');
  assert.deepEqual(consoleErrors, []);
  await page.context().close();
});

test('the site works from a sub-path, as on GitHub Pages', async () => {
  const sub = await launch({ mounts: { '/user/article-explorer': (await import('./harness.mjs')).siteDir } });
  try {
    const { page, consoleErrors } = await openApp({ ...sub, url: sub.url + 'user/article-explorer/' });
    const s = await page.evaluate(() => window.explorer.state());
    assert.equal(s.articles_total, 2);
    assert.deepEqual(consoleErrors, []);
  } finally {
    await sub.close();
  }
});

test('a broken corpus is refused with a located message and the loaded one stays', async () => {
  const { page, consoleErrors } = await openApp(env);
  const ok = await page.evaluate(() => window.explorer.loadText('[{"title": "x"},\n {"title": nope}]', 'broken.json'));
  assert.equal(ok, false);
  const s = await page.evaluate(() => window.explorer.state());
  assert.equal(s.articles_total, 2);
  assert.match(s.errors.at(-1), /^Could not load 'broken.json' at line 2, column \d+: invalid JSON in article 2/);
  assert.match(s.errors.at(-1), /previous corpus is still loaded/);
  await frames(page, 3);
  await screenshot(page, 'foundation-error.png');
  assert.deepEqual(consoleErrors, []);
  await page.context().close();
});
