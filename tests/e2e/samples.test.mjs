// samples.test.mjs — the sample corpus and how corpora travel: the Samples menu (real clicks) loads
// eight months of news on demand, ?sample=NAME opens it from a link with the view in the hash, gzip
// files load through the file API whatever their name, a truncated one and a decompression bomb are
// refused with the previous corpus kept, a local file says the link cannot include it, and ?data= addresses that fail or return
// a web page are refused with a message.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { launch, openApp, waitForState, frames, screenshot, centre, clickAt } from './harness.mjs';

let env, fixtures;
test.before(async () => {
  fixtures = fs.mkdtempSync(path.join(os.tmpdir(), 'ae-samples-'));
  fs.writeFileSync(path.join(fixtures, 'page.html'), '<!doctype html><html><body>Not a corpus</body></html>');
  env = await launch({ mounts: { '/fixtures': fixtures } });
});
test.after(async () => { if (env) await env.close(); });

const st = (page) => page.evaluate(() => window.explorer.state());

test('Samples menu: a real click loads eight months of news; the address keeps the sample', async () => {
  const { page, consoleErrors } = await openApp(env);
  const first = await st(page);
  assert.equal(first.articles_total, 2);  // the demo first; the sample is not part of the first load
  let s = first;
  await clickAt(page, centre(s.ui.controls.samples).x, centre(s.ui.controls.samples).y);
  await waitForState(page, 's => s.ui.controls["sample_reuters-1987"]');
  s = await st(page);
  await clickAt(page, centre(s.ui.controls['sample_reuters-1987']).x, centre(s.ui.controls['sample_reuters-1987']).y);
  await waitForState(page, 's => s.articles_total === 4761 && !s.load.running', 60000);
  s = await st(page);
  assert.equal(s.ui.corpus_source, 'sample');
  assert.ok(s.range_from <= '1987-02-26' && s.range_to >= '1987-10-20', `${s.range_from}..${s.range_to}`);
  assert.ok((await page.evaluate(() => location.search)).includes('sample=reuters-1987'));
  await frames(page, 5);
  await screenshot(page, 'sample-reuters.png');
  assert.deepEqual(consoleErrors, []);
});

test('?sample=NAME opens the sample from a link, with the view of its hash', async () => {
  const { page, consoleErrors } = await openApp(env, { query: '?sample=reuters-1987#from=1987-03-01&to=1987-03-31&sel=Japan' });
  await waitForState(page, 's => s.articles_total === 4761 && !s.load.running', 60000);
  await waitForState(page, "s => s.range_from === '1987-03-01' && s.range_to === '1987-03-31'");
  const s = await st(page);
  assert.equal(s.selected, 'Japan');
  // The list shows March's articles that name Japan.
  assert.ok(s.articles_in_range > 50 && s.articles_in_range < 2000, String(s.articles_in_range));
  assert.deepEqual(s.errors, []);
  assert.deepEqual(consoleErrors, []);
  // An unknown sample: a message, the demo stays.
  const { page: p2 } = await openApp(env, { query: '?sample=no-such-thing' });
  await waitForState(p2, "s => s.errors.some((e) => e.includes('no-such-thing'))");
  assert.equal((await st(p2)).articles_total, 2);
});

test('gzip by its bytes through the file API; a truncated one is refused and nothing is lost', async () => {
  const { page } = await openApp(env);
  const ok = await page.evaluate(async () => {
    const blob = await (await fetch('samples/reuters-1987.jsonl.gz')).blob();
    return window.explorer.loadFile(new File([blob], 'news-without-extension'));
  });
  assert.equal(ok, true);
  let s = await st(page);
  assert.equal(s.articles_total, 4761);
  assert.equal(s.ui.corpus_source, 'file');
  assert.ok(!(await page.evaluate(() => location.search)).includes('sample='));
  // The link cannot include a local file, and says so.
  await clickAt(page, centre(s.ui.controls.copy_link).x, centre(s.ui.controls.copy_link).y);
  await frames(page, 2);
  await page.mouse.move(centre(s.ui.controls.copy_link).x, centre(s.ui.controls.copy_link).y + 1);
  await frames(page, 20);
  await screenshot(page, 'copy-link-local.png');
  const refused = await page.evaluate(async () => {
    const buf = new Uint8Array(await (await fetch('samples/reuters-1987.jsonl.gz')).arrayBuffer());
    return window.explorer.loadFile(new File([buf.subarray(0, 50000)], 'cut.jsonl.gz'));
  });
  assert.equal(refused, false);
  s = await st(page);
  assert.equal(s.articles_total, 4761);
  assert.ok(s.errors.some((e) => e.includes('damaged or ends too early')), JSON.stringify(s.errors));

  // A decompression bomb (80 MB of zeros in 78 kB): refused once it grows past 300 times its size.
  const bomb = zlib.gzipSync(Buffer.alloc(80 * 1024 * 1024), { level: 9 }).toString('base64');
  const bombed = await page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    return window.explorer.loadFile(new File([bytes], 'innocent.json'));
  }, bomb);
  assert.equal(bombed, false);
  s = await st(page);
  assert.equal(s.articles_total, 4761, 'the corpus loaded before stays');
  assert.ok(s.errors.some((e) => e.includes("Could not read 'innocent.json'") && e.includes('decompression bomb')),
    JSON.stringify(s.errors.slice(-2)));
});

test('?data= that fails or returns a web page: a message naming the address; the demo stays', async () => {
  for (const [query, expect] of [['?data=fixtures/page.html', 'web page (HTML)'], ['?data=fixtures/missing.json', 'HTTP 404'],
    ['?data=javascript:alert(1)', 'only http and https']]) {
    const { page, consoleErrors } = await openApp(env, { query });
    await waitForState(page, `s => s.errors.some((e) => e.includes(${JSON.stringify(expect)}))`);
    const s = await st(page);
    assert.equal(s.articles_total, 2, query);
    assert.ok(s.errors[s.errors.length - 1].includes('Could not fetch'), s.errors.join(' | '));
    assert.deepEqual(consoleErrors.filter((e) => !/404|Failed to load resource/.test(e)), [], query);
  }
});
