// bench_web_memory.mjs — the WebAssembly heap while a corpus loads in the real page (headless
// Chromium): every frame records the load stage, the bytes allocated (mallinfo) and the heap size,
// and the lines where the heap grew or the stage changed are printed. Not a test: it measures.
// With --reloads N the same file is loaded N more times after the first, and the bytes allocated and the
// heap size after each load are printed (what replacing a corpus leaves behind).
// Usage: node scripts/bench_web_memory.mjs [--reloads N] [FILE]
//        (default FILE: ../shared/corpora/reuters21578/reuters21578.jsonl)
import fs from 'node:fs';
import path from 'node:path';
import { launch, openApp, repoRoot } from '../tests/e2e/harness.mjs';

const args = process.argv.slice(2);
let reloads = 0;
if (args[0] === '--reloads') { reloads = Number(args[1]); args.splice(0, 2); }
const file = path.resolve(args[0] || path.join(repoRoot, '../shared/corpora/reuters21578/reuters21578.jsonl'));
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
const first = (await page.evaluate(() => window.explorer.state())).memory;
console.log(`after load 1: allocated ${mb(first.used_bytes)} MB, heap ${mb(first.heap_bytes)} MB`);
console.log(`peak heap ${mb(heap)} MB = ${(heap / size).toFixed(2)}x the file (${mb(size)} MB); most allocated at a frame ${mb(most)} MB`);
for (let k = 1; k <= reloads; ++k) {
  const [ok, least, grew] = await page.evaluate(async (u) => {
    let least = Infinity, grew = [], heap = window.explorer.state().memory.heap_bytes, done = false;
    const tick = () => {
      const st = window.explorer.state();
      least = Math.min(least, st.memory.used_bytes);
      if (st.memory.heap_bytes !== heap) { grew.push([st.load.stage, st.memory.used_bytes, st.memory.heap_bytes]); heap = st.memory.heap_bytes; }
      if (!done) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    const ok = await window.explorer.loadUrl(u);
    done = true;
    return [ok, least, grew];
  }, `/bench-data/${path.basename(file)}`);
  if (!ok) throw new Error('a reload failed');
  console.log(`load ${k + 1}: least allocated during it ${mb(least)} MB; heap grew at ${grew.map(([st, u, h]) => `${st || 'idle'} (allocated ${mb(u)}) to ${mb(h)} MB`).join(', ') || 'no point'}`);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const m = (await page.evaluate(() => window.explorer.state())).memory;
  console.log(`after load ${k + 1}: allocated ${mb(m.used_bytes)} MB, heap ${mb(m.heap_bytes)} MB`);
}
await env.close();
