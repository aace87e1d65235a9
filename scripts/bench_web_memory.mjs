// bench_web_memory.mjs — the WebAssembly heap while a corpus loads in the real page (headless
// Chromium): every frame records the load stage, the bytes allocated (mallinfo) and the heap size,
// and the lines where the heap grew or the stage changed are printed. Not a test: it measures.
// Usage: node scripts/bench_web_memory.mjs [FILE]   (default: ../shared/corpora/reuters21578/reuters21578.jsonl)
import fs from 'node:fs';
import path from 'node:path';
import { launch, openApp, repoRoot } from '../tests/e2e/harness.mjs';

const file = path.resolve(process.argv[2] || path.join(repoRoot, '../shared/corpora/reuters21578/reuters21578.jsonl'));
if (!fs.existsSync(file)) throw new Error(`no such file: ${file}`);
const env = await launch({ mounts: { '/bench-data': path.dirname(file) } });
const { page } = await openApp(env);
const mb = (b) => (b / 1e6).toFixed(1);
const before = (await page.evaluate(() => window.explorer.state())).memory;
console.log(`before the load: allocated ${mb(before.used_bytes)} MB, heap ${mb(before.heap_bytes)} MB`);
await page.evaluate((u) => {
  window.__samples = [];
  const tick = () => {
    const st = window.explorer.state();
    window.__samples.push([st.load.stage, st.memory.used_bytes, st.memory.heap_bytes]);
    if (!window.__done) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  window.__load = window.explorer.loadUrl(u).then((ok) => { window.__done = true; return ok; });
}, `/bench-data/${path.basename(file)}`);
await page.waitForFunction(() => window.__done, null, { timeout: 300000, polling: 500 });
if (!(await page.evaluate(() => window.__load))) throw new Error('the load failed');
let heap = 0, stage = null, most = 0;
for (const [st, used, h] of await page.evaluate(() => window.__samples)) {
  most = Math.max(most, used);
  if (h !== heap || st !== stage) console.log(`${(st || 'idle').padEnd(10)} allocated ${mb(used)} MB, heap ${mb(h)} MB (most allocated so far ${mb(most)} MB)`);
  heap = h;
  stage = st;
}
const size = fs.statSync(file).size;
console.log(`peak heap ${mb(heap)} MB = ${(heap / size).toFixed(2)}x the file (${mb(size)} MB); most allocated at a frame ${mb(most)} MB`);
await env.close();
