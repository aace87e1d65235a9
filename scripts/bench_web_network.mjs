// bench_web_network.mjs — the network in the real page (headless Chromium): a synthetic corpus of
// 100,000 articles (`explorer synth`) is loaded, a 30-day range is dragged across the year one day per
// frame (state().filter_ms: incremental counts + graph), then 2,000 nodes are drawn and laid out and
// the frame CPU time is read (state().frame), with ForceAtlas2's time per iteration while it settles;
// also two periods compared while both move (compare_*). Prints JSON. Not a test: it measures.
// Usage: node scripts/bench_web_network.mjs [ARTICLES]   (needs build/native-release or build/native-asan)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { launch, openApp, frames, repoRoot } from '../tests/e2e/harness.mjs';

const articles = Number(process.argv[2] || 100000);
const cli = ['build/native-release/src/cli/explorer', 'build/native-asan/src/cli/explorer']
  .map((p) => path.join(repoRoot, p)).find((p) => fs.existsSync(p));
if (!cli) throw new Error('build the native CLI first (scripts/test.sh or cmake --preset native-release)');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ae-bench-'));
const file = path.join(dir, `synth-${articles}.jsonl`);
fs.writeFileSync(file, execFileSync(cli, ['synth', '--articles', String(articles)], { maxBuffer: 1 << 30 }));

const env = await launch({ mounts: { '/bench-data': dir } });
const { page } = await openApp(env);
const t0 = Date.now();
const ok = await page.evaluate((u) => window.explorer.loadUrl(u), `/bench-data/${path.basename(file)}`);
const loadWallMs = Date.now() - t0;
let s = await page.evaluate(() => window.explorer.state());
const result = { browser: env.browser.version(), articles: s.articles_total, entities: s.entities_total, ok,
  load: s.load, load_wall_ms: loadWallMs };

// Drag: one day per frame.
const steps = await page.evaluate(async () => {
  const s0 = window.explorer.state();
  const day = 86400000, start = Date.parse(s0.date_min), end = Date.parse(s0.date_max);
  const iso = (t) => new Date(t).toISOString().slice(0, 10);
  const out = [];
  for (let t = start; t + 29 * day <= end; t += day) {
    window.explorer.setRange(iso(t), iso(t + 29 * day));
    out.push(window.explorer.state().filter_ms);
    await new Promise((r) => requestAnimationFrame(r));
  }
  return out;
});
const pct = (v, p) => { const a = [...v].sort((x, y) => x - y); return a[Math.min(a.length - 1, Math.ceil(p / 100 * a.length) - 1)]; };
result.range_steps = steps.length;
result.range_step_ms_p50 = pct(steps, 50);
result.range_step_ms_p95 = pct(steps, 95);

// Comparing two periods, with the entity table (its A/B columns) on screen, against the same drag of
// one range with the table on screen: (1) one range; (2) B dragged with A fixed on the first 30 days
// (state().filter_ms: the counts of B and the three-way graph); (3) both moved each frame (A the 30
// days before B), timed around the two calls. The frame statistics of each cover its drag's frames.
{
  const click = async (name) => {
    const r = (await page.evaluate(() => window.explorer.state())).ui.controls[name];
    await page.mouse.click(r.x + r.w / 2, r.y + r.h / 2);
    await frames(page, 3);
  };
  await click('tab_entities');
  const drag = (mode) => page.evaluate(async (mode) => {
    const s0 = window.explorer.state();
    const day = 86400000, start = Date.parse(s0.date_min) + 30 * day, end = Date.parse(s0.date_max);
    const iso = (t) => new Date(t).toISOString().slice(0, 10);
    if (mode === 'fixed') window.explorer.setBaseline(s0.date_min, iso(start - day));
    const out = [];
    for (let t = start; t + 29 * day <= end; t += day) {
      const t0 = performance.now();
      window.explorer.setRange(iso(t), iso(t + 29 * day));
      if (mode === 'both') window.explorer.setBaseline(iso(t - 30 * day), iso(t - day));
      const js = performance.now() - t0;
      out.push(mode === 'both' ? js : window.explorer.state().filter_ms);
      await new Promise((r) => requestAnimationFrame(r));
    }
    return { steps: out, frame: window.explorer.state().frame };
  }, mode);
  const one = await drag('one');
  result.table_one_range = { step_ms_p50: pct(one.steps, 50), step_ms_p95: pct(one.steps, 95), frame: one.frame };
  const fixed = await drag('fixed');
  result.compare_b_moving = { steps: fixed.steps.length, step_ms_p50: pct(fixed.steps, 50), step_ms_p95: pct(fixed.steps, 95),
    frame: fixed.frame };
  const both = await drag('both');
  result.compare_both_moving = { steps: both.steps.length, step_ms_p50: pct(both.steps, 50), step_ms_p95: pct(both.steps, 95),
    frame: both.frame };
  await page.evaluate(() => window.explorer.setBaseline('', ''));
  await click('tab_articles');
}

// 2,000 nodes drawn and laid out over the whole year.
await page.evaluate(() => { window.explorer.setRange(window.explorer.state().date_min, window.explorer.state().date_max); });
await page.evaluate(() => window.explorer.setNetwork({ topN: 2000, minCount: 3 }));
// ForceAtlas2 while the layout settles: the last iteration's time, read once per frame.
const fa2 = await page.evaluate(async () => {
  const out = [];
  for (let k = 0; k < 2000 && !window.explorer.state().layout.converged; ++k) {
    await new Promise((r) => requestAnimationFrame(r));
    out.push(window.explorer.state().layout.ms_per_iteration);
  }
  return out;
});
result.fa2_frames_sampled = fa2.length;
result.fa2_iteration_ms_p50 = pct(fa2, 50);
result.fa2_iteration_ms_p95 = pct(fa2, 95);
let t1 = Date.now();
await frames(page, 300);  // the frame statistics keep the last 240 frames
const stillWallMs = (Date.now() - t1) / 300;
s = await page.evaluate(() => window.explorer.state());
result.network = { entities_shown: s.entities_shown, edges_shown: s.edges_shown, edges_hidden: s.edges_hidden,
  layout: s.layout, frame: s.frame, wall_ms_per_frame: stillWallMs };
// The same graph while the view moves every frame (wheel zoom in and out at the panel's centre), so
// every frame draws all links and nodes again.
const box = await page.evaluate(() => {
  const p = window.explorer.graphPositions();
  const xs = p.map((n) => n.x), ys = p.map((n) => n.y);
  return { x: (Math.min(...xs) + Math.max(...xs)) / 2, y: (Math.min(...ys) + Math.max(...ys)) / 2 };
});
await page.mouse.move(box.x, box.y);
t1 = Date.now();
for (let k = 0; k < 240; ++k) {
  await page.mouse.wheel(0, k % 2 ? 60 : -60);
  await frames(page, 1);
}
const zoomWallMs = (Date.now() - t1) / 240;
s = await page.evaluate(() => window.explorer.state());
result.network.frame_while_zooming = { ...s.frame, wall_ms_per_frame: zoomWallMs };
console.log(JSON.stringify(result, null, 2));
await env.close();
fs.rmSync(dir, { recursive: true, force: true });
