// bench_web.mjs — in-browser load figures, from one headless Chromium page: for each file, V8's
// JSON.parse of every line of the same bytes (the speed of the browser's own parser), then the
// explorer's load until the corpus is usable (network, list and table showing it), their ratio, the
// core's stages, the duty cycle and the gaps between frames while loading, and the WebAssembly heap;
// then reopening the last corpus from the browser's store, from the menu and with the page.
// Not a test: it measures. Usage: node scripts/bench_web.mjs [--runs N] [FILE ...]
// (default: Reuters-21578 from ../shared, 3 runs each).
import path from 'node:path';
import fs from 'node:fs';
import { launch, openApp, frames, sharedDir } from '../tests/e2e/harness.mjs';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
const files = args.filter((a, i) => !a.startsWith('--') && i !== runsAt + 1);
if (!files.length) files.push(path.join(sharedDir, 'corpora/reuters21578/reuters21578.jsonl'));
const env = await launch({ mounts: { '/bench-data': '/' } });
const { page } = await openApp(env);
const results = [];
const seed = await page.evaluate(() => window.explorer.state());
results.push({ file: 'assets/articles.json (bundled)', total_ms: seed.load.total_ms, heap_bytes: seed.memory?.heap_bytes });
for (const file of files) {
  const abs = path.resolve(file);
  if (!fs.existsSync(abs)) { console.error(`skipping ${abs}: not found`); continue; }
  for (let run = 0; run < runs; ++run) {
    // The browser's own parser on the same bytes, in the same page (every line, or the whole text).
    const json_parse_ms = await page.evaluate(async (u) => {
      const text = await (await fetch(u)).text();
      const t0 = performance.now();
      if (/^\s*[[{]/.test(text) && !/\n\s*\{/.test(text.slice(0, 4096))) JSON.parse(text);
      else for (const line of text.split('\n')) if (line.trim()) JSON.parse(line);
      return performance.now() - t0;
    }, '/bench-data' + abs);
    const t0 = Date.now();
    const ok = await page.evaluate((u) => window.explorer.loadUrl(u), '/bench-data' + abs);
    const wall_ms = Date.now() - t0;
    await frames(page, 10);
    const s = await page.evaluate(() => window.explorer.state());
    const l = s.load;
    results.push({
      file: path.basename(abs), run: run + 1, ok, articles: s.articles_total, bytes: l.bytes,
      json_parse_ms: +json_parse_ms.toFixed(1),
      load_ms: +l.total_ms.toFixed(1),
      ratio_to_json_parse: +(l.total_ms / json_parse_ms).toFixed(1),
      stages_ms: { parse: +l.parse_ms.toFixed(1), extract: +l.extract_ms.toFixed(1),
                   other: +(l.total_ms - l.parse_ms - l.extract_ms).toFixed(1) },
      parse_MBps: +(l.bytes / 1e6 / (l.parse_ms / 1e3)).toFixed(1),
      load_frames: l.frames, duty: +l.duty.toFixed(2),
      frame_gap_p95_ms: +l.frame_gap_p95_ms.toFixed(1), frame_gap_max_ms: +l.frame_gap_max_ms.toFixed(1),
      wall_ms_from_node: wall_ms,
      heap_bytes: s.memory?.heap_bytes, heap_used_bytes: s.memory?.used_bytes,
      heap_to_file: s.memory ? +(s.memory.heap_bytes / l.bytes).toFixed(2) : null,
    });
  }
}
// Reopening the last corpus from the browser's store (IndexedDB: read, copy, open the snapshot, index).
for (let run = 0; run < runs; ++run) {
  const reopen = await page.evaluate(async () => {
    const [k] = await window.explorer.kept();
    if (!k) return null;
    const t0 = performance.now();
    const ok = await window.explorer.openKept(k.name);
    const s = window.explorer.state();
    return { name: k.name, ok, wall_ms: +(performance.now() - t0).toFixed(1), core_ms: +s.load.total_ms.toFixed(1),
             snapshot_bytes: s.load.snapshot_bytes, heap_bytes: s.memory?.heap_bytes };
  });
  if (reopen) results.push({ reopen_from_browser: run + 1, ...reopen });
}
// Reopening the page (no corpus in its address): the corpus kept last shows without extraction, its
// snapshot read from the store while the module starts. Times from the start of the navigation.
for (let run = 0; run < runs; ++run) {
  await page.goto(page.url().split(/[?#]/)[0]);
  await page.waitForFunction(() => window.explorer && window.explorer.startup, null, { timeout: 60000 });
  await page.evaluate(() => window.explorer.ready);
  const r = await page.evaluate(() => ({ ...window.explorer.startup(), name: window.explorer.state().corpus_name,
                                          load: window.explorer.state().load }));
  results.push({ reopen_page: run + 1, name: r.name, module_ms: +r.module_ms.toFixed(1),
                 reopen_ms: r.reopen_ms === null ? null : +r.reopen_ms.toFixed(1), ready_ms: +r.ready_ms.toFixed(1),
                 core_ms: +r.load.total_ms.toFixed(1), extract_ms: r.load.extract_ms, snapshot_bytes: r.load.snapshot_bytes });
}
console.log(JSON.stringify({ browser: env.browser.version(), results }, null, 2));
await env.close();
