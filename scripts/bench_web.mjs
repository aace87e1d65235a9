// bench_web.mjs — in-browser figures: loads a corpus into the real page in headless Chromium and
// prints the core's timings (state().load) and frame times as JSON. Not a test: it measures.
// Usage: node scripts/bench_web.mjs [FILE ...]   (default: the bundled corpus and Reuters-21578)
import path from 'node:path';
import fs from 'node:fs';
import { launch, openApp, frames, sharedDir } from '../tests/e2e/harness.mjs';

const files = process.argv.slice(2);
if (!files.length) files.push(path.join(sharedDir, 'corpora/reuters21578/reuters21578.jsonl'));
const env = await launch({ mounts: { '/bench-data': '/' } });
const { page } = await openApp(env);
const results = [];
const seed = await page.evaluate(() => window.explorer.state());
results.push({ file: 'assets/articles.json (bundled)', ...seed.load });
for (const file of files) {
  const abs = path.resolve(file);
  if (!fs.existsSync(abs)) { console.error(`skipping ${abs}: not found`); continue; }
  for (let run = 0; run < 3; ++run) {
    const ok = await page.evaluate((u) => window.explorer.loadUrl(u), '/bench-data' + abs);
    await frames(page, 30);
    const s = await page.evaluate(() => window.explorer.state());
    results.push({ file: path.basename(abs), run: run + 1, ok, articles: s.articles_total, ...s.load,
      parse_MBps: s.load.bytes / 1e6 / (s.load.parse_ms / 1e3), frame_p50_ms: s.frame.p50_ms, frame_p95_ms: s.frame.p95_ms });
  }
}
for (const r of results) { delete r.mappings; }
console.log(JSON.stringify({ browser: env.browser.version(), results }, null, 2));
await env.close();
