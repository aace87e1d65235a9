// arabic.test.mjs — Arabic (and other scripts) in the page: the demo fetches no font of another script; a mixed Arabic/English corpus
// (tests/data/arabic-mixed.json, written for the tests) fetches it, the reader draws Arabic shaped and
// right to left (compared with a reference image checked by eye), text typed through an input method
// reaches the search box, and search folds Arabic letter variants.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, openApp, waitForState, frames, clickAt, centre, screenshot, repoRoot, shotDir } from './harness.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

const corpus = fs.readFileSync(path.join(repoRoot, 'tests/data/arabic-mixed.json'), 'utf8');
const reference = path.join(repoRoot, 'tests/e2e/reference/arabic-reader.png');

// Share of pixels of two PNGs (same size) whose colours differ by more than a small amount, compared in
// the page (it decodes PNG); 1 when the sizes differ.
async function pixelDifference(page, pngA, pngB) {
  return page.evaluate(async ([a, b]) => {
    const load = async (b64) => createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
    const [ia, ib] = [await load(a), await load(b)];
    if (ia.width !== ib.width || ia.height !== ib.height) return 1;
    const read = (img) => {
      const c = document.createElement('canvas');
      c.width = img.width; c.height = img.height;
      const ctx = c.getContext('2d');
      ctx.drawImage(img, 0, 0);
      return ctx.getImageData(0, 0, c.width, c.height).data;
    };
    const da = read(ia), db = read(ib);
    let differ = 0;
    for (let i = 0; i < da.length; i += 4)
      if (Math.abs(da[i] - db[i]) + Math.abs(da[i + 1] - db[i + 1]) + Math.abs(da[i + 2] - db[i + 2]) > 60) differ++;
    return differ / (da.length / 4);
  }, [pngA.toString('base64'), pngB.toString('base64')]);
}

test('the demo corpus fetches no font of another script', async () => {
  const { page, consoleErrors } = await openApp(env);
  const fonts = [];
  page.on('request', (r) => { if (/fonts\//.test(r.url())) fonts.push(r.url()); });
  await frames(page, 10);
  const s = await page.evaluate(() => window.explorer.state());
  assert.equal(s.ui.fonts_arabic, false);
  assert.deepEqual(fonts, []);
  assert.deepEqual(consoleErrors, []);
});

test('a mixed Arabic/English corpus: Arabic fonts, shaped right-to-left reader, Arabic search', async () => {
  const { page, consoleErrors } = await openApp(env);
  const fonts = [];
  page.on('request', (r) => { if (/fonts\//.test(r.url())) fonts.push(r.url().replace(/^.*\//, '')); });
  assert.equal(await page.evaluate((t) => window.explorer.loadText(t, 'arabic-mixed.json'), corpus), true);
  await waitForState(page, 's => s.ui.fonts_arabic === true', 15000);
  assert.deepEqual(fonts.sort(), ['DejaVuSans-Arabic.ttf', 'DejaVuSans-Bold-Arabic.ttf']);

  // The Arabic article in the reader: its region against the reference image.
  assert.equal(await page.evaluate(() => window.explorer.openArticle('ar-001')), true);
  await waitForState(page, "s => s.open_article === 'ar-001' && s.ui.mentions.length >= 5");
  await frames(page, 5);
  let s = await page.evaluate(() => window.explorer.state());
  // Places named in Arabic are found by the gazetteer's Arabic names and join their English names.
  let mentioned = new Set(s.ui.mentions.map((m) => m.id));
  for (const name of ['Baghdad', 'Iraq', 'Syria', 'Mosul', 'Damascus', 'Islamic State']) assert.ok(mentioned.has(name), [...mentioned].join(', '));
  const [rx, ry, rw] = s.ui.reader_rect;
  const clip = { x: Math.round(rx), y: Math.round(ry), width: Math.round(rw), height: 260 };
  const shot = await page.screenshot({ clip });
  fs.mkdirSync(shotDir, { recursive: true });
  fs.writeFileSync(path.join(shotDir, 'arabic-reader.png'), shot);
  if (!fs.existsSync(reference)) {
    fs.writeFileSync(reference, shot);
    assert.fail(`no reference image: wrote ${reference}; look at it, and commit it if it is right`);
  }
  const diff = await pixelDifference(page, shot, fs.readFileSync(reference));
  assert.ok(diff < 0.01, `the reader differs from the reference in ${(diff * 100).toFixed(2)}% of its pixels ` +
    `(see ${path.join(shotDir, 'arabic-reader.png')})`);

  // Entities given in the input in Arabic are found where the Arabic text names them, and join the
  // gazetteer's entity when their name is one of its Arabic names (الأمم المتحدة: United Nations).
  assert.equal(await page.evaluate(() => window.explorer.openArticle('ar-003')), true);
  await waitForState(page, "s => s.open_article === 'ar-003' && s.ui.mentions.length >= 2");
  s = await page.evaluate(() => window.explorer.state());
  mentioned = new Set(s.ui.mentions.map((m) => m.id));
  assert.ok(mentioned.has('United Nations') && mentioned.has('Islamic State'), [...mentioned].join(', '));
  assert.equal(await page.evaluate(() => window.explorer.openArticle('ar-001')), true);
  await waitForState(page, "s => s.open_article === 'ar-001'");

  // Arabic typed into the search box through an input method (no key carries the text).
  s = await page.evaluate(() => window.explorer.state());
  await clickAt(page, centre(s.ui.controls.search).x, centre(s.ui.controls.search).y, 'left', 2);
  await page.keyboard.insertText('بغداد');
  await waitForState(page, "s => s.search === 'بغداد'");
  s = await page.evaluate(() => window.explorer.state());
  assert.equal(s.articles_in_range, 2);  // ar-001 (title and body) and ar-002 (its title's "(بغداد)")
  await screenshot(page, 'arabic-search.png');
  // Letter variants fold: tatweel, alef with hamza, taa marbuta.
  await page.evaluate(() => window.explorer.setSearch('بغـــداد'));
  await waitForState(page, "s => s.search === 'بغـــداد' && s.articles_in_range === 2");
  await page.evaluate(() => window.explorer.setSearch('الامم المتحده'));  // written أ and ة in the text
  await waitForState(page, "s => s.search === 'الامم المتحده' && s.articles_in_range === 1");
  assert.deepEqual(consoleErrors, []);
});

test('Greek and Cyrillic fonts are fetched only for a corpus written in them', async () => {
  const { page, consoleErrors } = await openApp(env);
  const fonts = [];
  page.on('request', (r) => { if (/fonts\//.test(r.url())) fonts.push(r.url().replace(/^.*\//, '')); });
  const text = JSON.stringify({ articles: [
    { id: 'ru-1', date: '2026-01-20', title: 'Москва и Афины: переговоры', body: 'Αθήνα — Москва. Talks in Athens and Moscow.' }] });
  assert.equal(await page.evaluate((t) => window.explorer.loadText(t, 'scripts.json'), text), true);
  await waitForState(page, 's => s.ui.fonts_greek_cyrillic === true', 15000);
  const s = await page.evaluate(() => window.explorer.state());
  assert.equal(s.ui.fonts_arabic, false);
  assert.deepEqual(fonts.sort(), ['DejaVuSans-Bold-GreekCyrillic.ttf', 'DejaVuSans-GreekCyrillic.ttf']);
  await screenshot(page, 'greek-cyrillic.png');
  assert.deepEqual(consoleErrors, []);
});
