// kept.test.mjs — corpora kept in the browser: a corpus opened once reopens with the page, at once and
// without extraction (the core's snapshot in IndexedDB); the Samples menu lists it to reopen or forget;
// a damaged entry or one kept by another build is forgotten with a message and the demo shows instead.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, waitForState, frames, centre, screenshot } from './harness.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

const CORPUS = JSON.stringify([
  { id: 'k1', date: '2026-02-01', title: 'Iraq and Syria agree on border patrols',
    body: 'Iraqi Prime Minister Mohammed Shia\' al-Sudani met Syrian President Ahmad al-Sharaa in Baghdad on Sunday.' },
  { id: 'k2', date: '2026-02-03', title: 'Patrols begin near Al Qaim',
    body: 'The Syrian Democratic Forces (SDF) said patrols began near Al Qaim. Al-Sudani welcomed them.' },
]);

async function reload(page) {
  await page.reload();
  await page.waitForFunction(() => window.explorer && window.explorer.state && window.explorer.state() !== null, null, { timeout: 30000 });
  await page.evaluate(() => window.explorer.ready);
  return page.evaluate(() => window.explorer.state());
}

async function menuClick(page, name) {
  await frames(page, 2);
  const r = (await page.evaluate(() => window.explorer.state())).ui.controls[name];
  assert.ok(r, `control ${name} drawn`);
  await page.mouse.move(centre(r).x, centre(r).y);
  await frames(page, 3);
  await page.mouse.click(centre(r).x, centre(r).y);
  await frames(page, 2);
}

test('a corpus opened once reopens with the page, without extraction; the menu forgets it', async () => {
  const { page, consoleErrors } = await openApp(env);
  assert.equal(await page.evaluate((c) => window.explorer.loadText(c, 'patrols.json'), CORPUS), true);
  const first = await page.evaluate(() => window.explorer.state());
  const entities = await page.evaluate(() => window.explorer.exportData('entities.csv'));
  const kept = await page.evaluate(() => window.explorer.kept());
  assert.equal(kept.length, 1);
  assert.equal(kept[0].name, 'patrols.json');
  assert.equal(kept[0].version, first.version);
  assert.ok(first.version && first.version !== 'unknown', first.version);

  let s = await reload(page);
  assert.equal(s.corpus_name, 'patrols.json');
  assert.equal(s.articles_total, 2);
  assert.ok(s.load.snapshot_bytes > 0, 'reopened from its snapshot');
  assert.equal(s.load.extract_ms, 0, 'nothing extracted again');
  assert.equal(await page.evaluate(() => window.explorer.exportData('entities.csv')), entities);
  console.log(`reopened in ${s.load.total_ms.toFixed(1)} ms (snapshot ${s.load.snapshot_bytes} bytes)`);

  // The Samples menu lists it; Forget… removes it, and the next visit shows the demo.
  await menuClick(page, 'samples');
  s = await page.evaluate(() => window.explorer.state());
  assert.ok(s.ui.controls.kept_0, 'the kept corpus is listed');
  await screenshot(page, 'kept-menu.png');
  await menuClick(page, 'forget');
  await menuClick(page, 'forget_0');
  await page.waitForFunction(async () => (await window.explorer.kept()).length === 0, null, { timeout: 5000 });
  s = await reload(page);
  assert.match(s.corpus_name, /demo/);
  assert.deepEqual(consoleErrors, []);
});

test('a damaged entry, or one kept by another build, is forgotten with a message; the demo shows', async () => {
  const { page } = await openApp(env);
  assert.equal(await page.evaluate((c) => window.explorer.loadText(c, 'patrols.json'), CORPUS), true);
  // Damage the kept bytes (a valid header, then junk).
  await page.evaluate(() => new Promise((resolve, reject) => {
    const req = indexedDB.open('article-explorer', 1);
    req.onsuccess = () => {
      const tx = req.result.transaction(['data'], 'readwrite');
      const junk = new Uint8Array(200);
      junk.set(new TextEncoder().encode('AESNAP01'));
      for (let i = 8; i < junk.length; i++) junk[i] = (i * 37) & 255;
      tx.objectStore('data').put(junk, 'patrols.json');
      tx.oncomplete = () => { req.result.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }));
  let s = await reload(page);
  assert.match(s.corpus_name, /demo/);
  assert.ok(s.errors.some((e) => /Could not open 'patrols\.json': the snapshot is damaged/.test(e)), JSON.stringify(s.errors));
  assert.equal((await page.evaluate(() => window.explorer.kept())).length, 0);

  // Kept by another build: forgotten, said why.
  assert.equal(await page.evaluate((c) => window.explorer.loadText(c, 'patrols.json'), CORPUS), true);
  await page.evaluate(() => new Promise((resolve) => {
    const req = indexedDB.open('article-explorer', 1);
    req.onsuccess = () => {
      const tx = req.result.transaction(['meta'], 'readwrite');
      const store = tx.objectStore('meta');
      store.get('patrols.json').onsuccess = (e) => store.put({ ...e.target.result, version: 'an-older-build' });
      tx.oncomplete = () => { req.result.close(); resolve(); };
    };
  }));
  s = await reload(page);
  assert.match(s.corpus_name, /demo/);
  assert.ok(s.errors.some((e) => /Could not reopen 'patrols\.json' kept in this browser: it was kept by another version/.test(e)),
    JSON.stringify(s.errors));
  assert.equal((await page.evaluate(() => window.explorer.kept())).length, 0);
});

test('the Reuters sample reopens from the browser without reading or extracting it again', async () => {
  const { page } = await openApp(env);
  assert.equal(await page.evaluate(() => window.explorer.loadSample('reuters-1987')), true);
  const first = await page.evaluate(() => window.explorer.state());
  const s = await reload(page);
  assert.equal(s.articles_total, first.articles_total);
  assert.equal(s.entities_total, first.entities_total);
  assert.equal(s.load.extract_ms, 0);
  console.log(`Reuters sample: loaded in ${first.load.total_ms.toFixed(0)} ms, reopened in ${s.load.total_ms.toFixed(0)} ms ` +
    `(snapshot ${(s.load.snapshot_bytes / 1e6).toFixed(1)} MB, ${s.load.frames} frames)`);
  await waitForState(page, 's => !s.load.running');
  // From the browser's store to a usable corpus, timed in the page (IndexedDB read, copy, open, index).
  const wall = await page.evaluate(async () => {
    const [k] = await window.explorer.kept();
    const t0 = performance.now();
    const ok = await window.explorer.openKept(k.name);
    return ok ? performance.now() - t0 : -1;
  });
  console.log(`Reuters sample reopened from IndexedDB in ${wall.toFixed(0)} ms wall time in the page`);
  assert.ok(wall > 0);
});
