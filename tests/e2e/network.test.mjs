// network.test.mjs — the co-occurrence network on the seed corpus in the real page: drawn and laid
// out, a real click on a node selects the entity and filters the article list, the API selects, and
// the date range changes the edges.
import test from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, waitForState, frames, canvasStats, screenshot } from './harness.mjs';

let env;
test.before(async () => { env = await launch(); });
test.after(async () => { if (env) await env.close(); });

test('network: laid out, node click selects and filters, range changes the edges', async () => {
  const { page, consoleErrors } = await openApp(env);
  await waitForState(page, 's => s.layout.converged && s.ui.nodes.length === s.entities_shown', 20000);
  let s = await page.evaluate(() => window.explorer.state());
  assert.ok(s.entities_shown >= 20, `entities_shown ${s.entities_shown}`);
  assert.ok(s.edges_shown > 50, `edges_shown ${s.edges_shown}`);
  assert.equal(s.edges_hidden, 0);
  assert.ok(s.layout.iterations > 0);
  assert.equal(s.selected, null);
  const names = s.ui.nodes.map((n) => n.name);
  for (const n of ['Iraq', 'Syria', 'Islamic State', 'Syrian Democratic Forces', "Mohammed Shia' al-Sudani", 'Adnan Faihan'])
    assert.ok(names.includes(n), `node ${n}`);
  const positions = await page.evaluate(() => window.explorer.graphPositions());
  assert.equal(positions.length, s.entities_shown);
  // The nodes are drawn where they are reported: the pixel at a node's centre has its community's
  // colour (saturated; the links under the nodes and the background are grey).
  const painted = await page.evaluate((nodes) => {
    const src = document.getElementById('canvas');
    const c = document.createElement('canvas');
    c.width = src.width; c.height = src.height;
    const ctx = c.getContext('2d');
    ctx.drawImage(src, 0, 0);
    const k = src.width / src.getBoundingClientRect().width;
    return nodes.filter((n) => n.r >= 4).map((n) => {
      const p = ctx.getImageData(Math.round(n.x * k), Math.round(n.y * k), 1, 1).data;
      return Math.max(p[0], p[1], p[2]) - Math.min(p[0], p[1], p[2]) > 50;
    });
  }, positions);
  assert.ok(painted.length >= 5 && painted.filter(Boolean).length >= painted.length * 0.8,
    `node centres painted: ${painted.filter(Boolean).length} of ${painted.length}`);

  // A real click on the node of an entity found in one article only.
  await frames(page, 3);
  const node = (await page.evaluate(() => window.explorer.graphPositions())).find((n) => n.name === 'Adnan Faihan');
  await page.mouse.click(node.x, node.y);
  await waitForState(page, "s => s.selected === 'Adnan Faihan'");
  s = await page.evaluate(() => window.explorer.state());
  assert.equal(s.articles_in_range, 1);
  await waitForState(page, "s => s.ui.rows.length === 1 && s.ui.rows[0].id === 'seed-000-452bef5600211bd9'");
  await frames(page, 3);
  await screenshot(page, 'network-selected.png');

  // Through the API.
  assert.equal(await page.evaluate(() => window.explorer.select('Islamic State')), true);
  s = await page.evaluate(() => window.explorer.state());
  assert.equal(s.selected, 'Islamic State');
  assert.equal(s.articles_in_range, 2);
  assert.equal(await page.evaluate(() => window.explorer.select('')), true);
  assert.equal(await page.evaluate(() => window.explorer.select('Nobody Atall')), false);

  // A link: the list shows the articles naming both, the panel the sentences.
  assert.equal(await page.evaluate(() => window.explorer.selectEdge('Muqtada al-Sadr', 'Damascus')), true);
  s = await page.evaluate(() => window.explorer.state());
  assert.deepEqual(s.selected_edge, ['Muqtada al-Sadr', 'Damascus']);
  assert.equal(s.articles_in_range, 1);
  assert.equal(s.selected, null);
  await frames(page, 5);
  await screenshot(page, 'network-edge.png');
  assert.equal(await page.evaluate(() => window.explorer.selectEdge('', '')), true);
  s = await page.evaluate(() => window.explorer.state());
  assert.equal(s.selected_edge, null);
  assert.equal(s.articles_in_range, 2);

  // The range drives the network.
  await page.evaluate(() => window.explorer.setRange('2026-01-22', '2026-01-31'));
  s = await page.evaluate(() => window.explorer.state());
  assert.equal(s.edges_shown, 0);
  assert.equal(s.entities_shown, 0);
  assert.ok(s.filter_ms >= 0);
  await page.evaluate(() => window.explorer.setRange('2026-01-21', '2026-01-21'));
  s = await page.evaluate(() => window.explorer.state());
  assert.ok(s.edges_shown > 50);

  await waitForState(page, 's => s.layout.converged', 20000);
  await frames(page, 3);
  await clickALink(page);
  const stats = await canvasStats(page);
  assert.ok(stats.colours > 40, `canvas has ${stats.colours} colours`);
  // The network's own shaders built (node shapes as graph_style.h sizes them), not the fallback.
  s = await page.evaluate(() => window.explorer.state());
  assert.equal(s.frame.network_renderer, 'webgl2');
  await screenshot(page, 'network.png');
  assert.deepEqual(consoleErrors.filter((e) => !/select: no entity is named/.test(e)), []);
  await page.context().close();
});

// A real click on a link of the drawn network: a link whose middle is clear of every node and of
// every other link (so the click can only mean it) is clicked; the app selects that pair.
async function clickALink(page) {
  const s = await page.evaluate(() => window.explorer.state());
  const pos = new Map(s.ui.nodes.map((n) => [n.name, n]));
  const csv = await page.evaluate(() => window.explorer.exportData('edges.csv'));
  const field = /("(?:[^"]|"")*"|[^,]*)(,|$)/g;
  const edges = csv.trim().split('\n').slice(1).map((line) => {
    const parts = []; let m; field.lastIndex = 0;
    while ((m = field.exec(line)) && parts.length < 2) parts.push(m[1].replace(/^"|"$/g, '').replace(/""/g, '"'));
    return parts;
  }).filter(([a, b]) => pos.has(a) && pos.has(b));
  const segDist = (p, a, b) => {
    const vx = b.x - a.x, vy = b.y - a.y, l2 = vx * vx + vy * vy;
    const t = l2 ? Math.max(0, Math.min(1, ((p.x - a.x) * vx + (p.y - a.y) * vy) / l2)) : 0;
    return Math.hypot(a.x + t * vx - p.x, a.y + t * vy - p.y);
  };
  let pick = null;
  for (const [a, b] of edges) {
    const A = pos.get(a), B = pos.get(b);
    const mid = { x: (A.x + B.x) / 2, y: (A.y + B.y) / 2 };
    if (s.ui.nodes.some((n) => Math.hypot(n.x - mid.x, n.y - mid.y) < n.r + 12)) continue;
    const others = edges.filter(([c, d]) => !(c === a && d === b)).map(([c, d]) => segDist(mid, pos.get(c), pos.get(d)));
    if (others.every((d) => d > 8)) { pick = { a, b, mid }; break; }
  }
  assert.ok(pick, 'some link is clear enough to click');
  await page.mouse.move(pick.mid.x, pick.mid.y);
  await frames(page, 1);
  await page.mouse.down();
  await frames(page, 1);
  await page.mouse.up();
  await waitForState(page, `s => s.selected_edge !== null`);
  const sel = (await page.evaluate(() => window.explorer.state())).selected_edge;
  assert.deepEqual([...sel].sort(), [pick.a, pick.b].sort());
  await frames(page, 3);
  await screenshot(page, 'network-link-clicked.png');
  await page.evaluate(() => window.explorer.selectEdge('', ''));
}
