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
  const stats = await canvasStats(page);
  assert.ok(stats.colours > 40, `canvas has ${stats.colours} colours`);
  await screenshot(page, 'network.png');
  assert.deepEqual(consoleErrors.filter((e) => !/select: no entity is named/.test(e)), []);
  await page.context().close();
});
