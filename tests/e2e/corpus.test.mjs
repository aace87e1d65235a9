// corpus.test.mjs — bringing your own corpus in the real page: the file picker (a real click on
// "Open file…"), drag-and-drop, ?data=URL, Reuters-21578 with a progress bar that advances while the
// page keeps drawing, Cancel, hostile files refused with the previous corpus intact, and the exports
// (the same bytes as the CLI for the same view; a PNG of the network panel; a browser download).
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { launch, openApp, waitForState, frames, screenshot, repoRoot, sharedDir } from './harness.mjs';

const reuters = path.join(sharedDir, 'corpora/reuters21578/reuters21578.jsonl');
const hostileDir = path.join(repoRoot, 'tests/data/hostile');
const seeds = path.join(repoRoot, 'assets/articles.json');
const DEMO = 'Iraq–Syria border security, January 2026 (demo)';

let env;
test.before(async () => {
  env = await launch({ mounts: { '/hostile': hostileDir, '/corpora': path.join(sharedDir, 'corpora') } });
});
test.after(async () => { if (env) await env.close(); });

const hostile = (suffix) => fs.readdirSync(hostileDir).find((f) => f.endsWith(suffix));
const centre = (r) => ({ x: r.x + r.w / 2, y: r.y + r.h / 2 });

test('file picker: a real click on "Open file…" loads the chosen file; mappings are reported', async () => {
  const { page, consoleErrors } = await openApp(env);
  await frames(page, 2);
  const button = (await page.evaluate(() => window.explorer.state())).ui.controls.open_file;
  assert.ok(button, 'the Open file button is drawn');
  const tmp = path.join(repoRoot, 'build/e2e/feed.json');
  fs.mkdirSync(path.dirname(tmp), { recursive: true });
  fs.writeFileSync(tmp, JSON.stringify({ articles: [
    { headline: 'Talks in Baghdad', publishedAt: '2026-02-01T10:00:00Z', content: 'Ahmad al-Sharaa met Mohammed Shia al-Sudani in Baghdad.', source: { name: 'Wire' }, link: 'https://example.org/1' },
    { headline: 'No body or date' },
    { id: 'x' },
  ] }));
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.mouse.click(centre(button).x, centre(button).y)]);
  await chooser.setFiles(tmp);
  await waitForState(page, "s => s.corpus_name === 'feed.json' && !s.load.running");
  const s = await page.evaluate(() => window.explorer.state());
  assert.equal(s.articles_total, 2);
  assert.equal(s.load.skipped, 1);
  assert.equal(s.load.outcome, 'loaded');
  assert.ok(s.load.mappings.some((m) => m.startsWith("mapped 'publishedAt' to date")), s.load.mappings.join('; '));
  assert.ok(s.load.mappings.some((m) => m.startsWith("mapped 'headline' to title")));
  assert.match(s.notice, /^Loaded 2 articles from 'feed\.json' .*skipped 1 \(first: article 3 .*no title or body; skipped\).*mapped 'content' to body/);
  await frames(page, 2);
  await screenshot(page, 'corpus-file-picker.png');
  assert.deepEqual(consoleErrors, []);
});

test('drag and drop a file onto the page; ?data=URL loads over the demo', async () => {
  const { page } = await openApp(env);
  const text = fs.readFileSync(path.join(hostileDir, hostile('-non-latin-scripts.json')), 'utf8');
  await page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.items.add(new File([t], 'dropped.json', { type: 'application/json' }));
    window.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, text);
  await waitForState(page, "s => s.corpus_name === 'dropped.json' && !s.load.running");
  assert.equal((await page.evaluate(() => window.explorer.state())).articles_total, 3);

  const { page: p2 } = await openApp(env, { query: `?data=hostile/${hostile('-nan.json')}` });
  let s = await p2.evaluate(() => window.explorer.state());
  assert.equal(s.corpus_name, DEMO, 'a bad ?data= file leaves the demo loaded');
  assert.match(s.last_error, /^Could not load '\d+-nan\.json' at line 1, column \d+: .*The previous corpus is still loaded\.$/);
  const { page: p3 } = await openApp(env, { query: `?data=hostile/${hostile('-duplicate-ids.json')}` });
  s = await p3.evaluate(() => window.explorer.state());
  assert.equal(s.corpus_name, hostile('-duplicate-ids.json'));
  assert.equal(s.articles_total, 5);
  const { page: p4 } = await openApp(env, { query: '?data=nowhere/missing.json' });
  s = await p4.evaluate(() => window.explorer.state());
  assert.equal(s.corpus_name, DEMO);
  assert.match(s.last_error, /Could not fetch nowhere\/missing\.json: .*HTTP 404/);
});

test('hostile files through the page: each refused or loaded as expected, the previous corpus intact', async () => {
  const { page, consoleErrors } = await openApp(env);
  const rows = fs.readFileSync(path.join(hostileDir, 'expected.tsv'), 'utf8').split('\n')
    .filter((l) => l && !l.startsWith('#')).map((l) => l.split('\t'));
  // A sample across the kinds: every fifth file, plus the UTF-16 and NUL ones.
  const sample = rows.filter((r, i) => i % 5 === 0 || /utf16|nul/.test(r[0]));
  assert.ok(sample.length >= 15);
  for (const [file, expect, detail] of sample) {
    const ok = await page.evaluate(async (f) => {
      const bytes = new Uint8Array(await (await fetch('hostile/' + f)).arrayBuffer());
      return window.explorer.loadFile(new File([bytes], f));
    }, file);
    const s = await page.evaluate(() => window.explorer.state());
    if (expect === 'ok') {
      assert.equal(ok, true, `${file}: ${s.last_error}`);
      assert.equal(s.corpus_name, file);
      assert.equal(s.articles_total, Number(detail), file);
      await page.evaluate(async () => window.explorer.loadUrl('assets/articles.json'));
    } else {
      assert.equal(ok, false, file);
      assert.ok(s.last_error.includes(detail), `${file}: ${s.last_error}`);
      assert.equal(s.corpus_name, DEMO, file);
      assert.equal(s.articles_total, 2, file);
    }
  }
  await frames(page, 2);
  await screenshot(page, 'corpus-hostile-error.png');
  assert.deepEqual(consoleErrors, []);
});

test('Reuters-21578: progress advances while the page keeps drawing; Cancel keeps the previous corpus', async (t) => {
  if (!fs.existsSync(reuters)) { t.skip(`${reuters} not present`); return; }
  const { page, consoleErrors } = await openApp(env);
  // Cancel first: start loading, cancel as soon as it runs.
  await page.evaluate(() => { window.__load = window.explorer.loadUrl('corpora/reuters21578/reuters21578.jsonl'); });
  await waitForState(page, 's => s.load.running && s.load.bytes_done > 0', 30000);
  await frames(page, 1);
  const cancel = (await page.evaluate(() => window.explorer.state())).ui.controls.cancel_load;
  assert.ok(cancel, 'a Cancel button is drawn while loading');
  await page.mouse.click(centre(cancel).x, centre(cancel).y);
  assert.equal(await page.evaluate(() => window.__load), false);
  let s = await page.evaluate(() => window.explorer.state());
  assert.equal(s.corpus_name, DEMO);
  assert.equal(s.load.outcome, 'cancelled');
  assert.match(s.notice, /^Stopped loading 'reuters21578\.jsonl'; the previous corpus is still loaded\.$/);

  // Now the whole file, watching frames and progress.
  await page.evaluate(() => {
    window.__gaps = []; window.__progress = []; window.__used = [];
    let last = performance.now();
    const tick = () => {
      const now = performance.now();
      window.__gaps.push(now - last); last = now;
      const st = window.explorer.state();
      if (st.load.running) window.__progress.push([st.load.stage, st.load.progress, st.load.bytes_done, st.load.articles_done]);
      window.__used.push([st.load.stage, st.memory.used_bytes, st.memory.heap_bytes]);
      if (!window.__done) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    window.__load = window.explorer.loadUrl('corpora/reuters21578/reuters21578.jsonl').then((ok) => { window.__done = true; return ok; });
  });
  await page.waitForFunction(() => window.__done, null, { timeout: 120000, polling: 500 });
  assert.equal(await page.evaluate(() => window.__load), true);
  s = await page.evaluate(() => window.explorer.state());
  const progress = await page.evaluate(() => window.__progress);
  const gaps = (await page.evaluate(() => window.__gaps)).slice(2).sort((a, b) => a - b);
  const bytes = fs.statSync(reuters).size;
  const heap = s.memory.heap_bytes;
  const used = await page.evaluate(() => window.__used);
  const peakUsed = Math.max(...used.map((u) => u[1]));
  const peakStage = used.find((u) => u[1] === peakUsed)[0] || 'after';
  console.log(`reuters: ${s.articles_total} articles, ${progress.length} frames while loading, ` +
    `frame gap p50 ${gaps[Math.floor(gaps.length / 2)].toFixed(1)} ms max ${gaps[gaps.length - 1].toFixed(1)} ms, ` +
    `heap ${(heap / 1e6).toFixed(1)} MB for a ${(bytes / 1e6).toFixed(1)} MB file (${(heap / bytes).toFixed(2)}x), ` +
    `allocated at most ${(peakUsed / 1e6).toFixed(1)} MB (${peakStage}), ${(s.memory.used_bytes / 1e6).toFixed(1)} MB after`);
  assert.ok(s.articles_total > 19000, `articles ${s.articles_total}`);
  // The load spans frames (the pacer sizes each frame's work to fill ~80% of the time, at most ~90 ms
  // between frames: fewer, fuller frames than fixed 12 ms slices, ~20 for Reuters under SwiftShader).
  assert.ok(progress.length >= 8, `the load spans many frames (${progress.length})`);
  assert.ok(gaps[Math.floor(gaps.length / 2)] < 150, `frame gap p50 ${gaps[Math.floor(gaps.length / 2)]} ms`);
  assert.ok(progress.some((p) => p[0] === 'reading') && progress.some((p) => p[0] === 'extracting'));
  for (let i = 1; i < progress.length; ++i) assert.ok(progress[i][1] >= progress[i - 1][1], 'progress never goes back');
  assert.ok(progress.some((p) => p[3] > 1000 && p[2] < bytes), 'articles counted while reading');
  assert.ok(gaps[gaps.length - 1] < 500, `longest frame gap ${gaps[gaps.length - 1]} ms`);
  // The target: the WebAssembly heap (which never shrinks, so it is the peak) below 2.5x the file
  // (2.41x on 2026-11-30; docs/PERFORMANCE.md "Bringing a large corpus into the page").
  assert.ok(heap < 2.5 * bytes, `heap ${heap} for ${bytes} bytes: ${(heap / bytes).toFixed(2)}x the file`);
  await frames(page, 3);
  await screenshot(page, 'corpus-reuters.png');
  assert.deepEqual(consoleErrors, []);
});

function cli() {
  for (const p of [process.env.AE_CLI, 'build/native-asan/src/cli/explorer', 'build/native-release/src/cli/explorer'])
    if (p && fs.existsSync(path.resolve(repoRoot, p))) return path.resolve(repoRoot, p);
  return null;
}

test('exports equal the CLI for the same view; PNG of the network; downloads through the browser', async (t) => {
  const { page, consoleErrors } = await openApp(env);
  await page.evaluate(() => {
    window.explorer.setNetwork({ scope: 'sentence', measure: 'npmi', minCount: 1, topN: 25 });
    window.explorer.select('Syrian Democratic Forces');
  });
  const exe = cli();
  if (!exe) { t.skip('no native build of the CLI'); return; }
  for (const kind of ['edges.csv', 'edges.gexf', 'entities.csv', 'articles.json']) {
    const fromPage = await page.evaluate((k) => window.explorer.exportData(k), kind);
    const fromCli = execFileSync(exe, ['export', seeds, '--what', kind, '--scope', 'sentence', '--measure', 'npmi',
      '--top', '25', '--select', 'Syrian Democratic Forces'], { env: { ...process.env, ASAN_OPTIONS: 'detect_leaks=0' } }).toString();
    assert.ok(fromPage.length > 100, kind);
    assert.equal(fromPage, fromCli, `${kind}: page and CLI differ`);
  }
  assert.equal(await page.evaluate(() => window.explorer.exportData('nope')), null);

  await waitForState(page, 's => s.layout.converged', 20000);
  await frames(page, 3);
  const png = await page.evaluate(async () => {
    const blob = await window.explorer.exportPng();
    const b = new Uint8Array(await blob.arrayBuffer());
    return { size: b.length, sig: Array.from(b.slice(1, 4)).map((c) => String.fromCharCode(c)).join('') };
  });
  assert.equal(png.sig, 'PNG');
  assert.ok(png.size > 5000, `png ${png.size} bytes`);

  // The Export menu with real clicks: open it, pick the entity table; the browser downloads a file.
  const exp = (await page.evaluate(() => window.explorer.state())).ui.controls.export;
  await page.mouse.click(centre(exp).x, centre(exp).y);
  await frames(page, 3);
  const item = (await page.evaluate(() => window.explorer.state())).ui.controls['entities.csv'];
  assert.ok(item, 'the Export menu is open');
  const [download] = await Promise.all([page.waitForEvent('download'), page.mouse.click(centre(item).x, centre(item).y)]);
  assert.match(download.suggestedFilename(), /entities\.csv$/);
  const saved = fs.readFileSync(await download.path(), 'utf8');
  assert.equal(saved, await page.evaluate(() => window.explorer.exportData('entities.csv')));
  assert.deepEqual(consoleErrors, []);
});

test('replacing the corpus: a load that fails brings the corpus set aside back with its view and corrections', async () => {
  const { page, consoleErrors } = await openApp(env);
  // A view (selection) and a correction on the demo corpus.
  assert.equal(await page.evaluate(() => window.explorer.select('Iraq')), true);
  assert.equal(await page.evaluate(() => window.explorer.importRules(JSON.stringify({ version: 1, edits: [{ op: 'hide', entity: 'Rojava' }] }))), true);
  await waitForState(page, "s => s.selected === 'Iraq' && s.rules.edits === 1 && location.hash.includes('sel=')");
  // A corpus that reads as JSON until it breaks off: it fails in the core, after the demo was released.
  assert.equal(await page.evaluate(() => window.explorer.loadText('{"articles": [{"id": "x", "title": "cut', 'cut.json')), false);
  await waitForState(page, "s => s.corpus_name && !s.load.running");
  const s = await page.evaluate(() => window.explorer.state());
  assert.equal(s.corpus_name, DEMO);
  assert.equal(s.articles_total, 2);
  assert.equal(s.load.outcome, 'failed');
  assert.match(s.errors.at(-1), /^Could not load 'cut\.json'.*The previous corpus is still loaded\.$/);
  assert.equal(s.selected, 'Iraq');
  assert.equal(s.rules.edits, 1);
  assert.deepEqual(consoleErrors, []);
});
