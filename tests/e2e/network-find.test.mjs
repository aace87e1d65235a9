// network-find.test.mjs — finding and filtering in the network with real input, on eight months of
// real news: the find box (typing, the matches under it, Enter selects and centres), leaving an
// entity out from its right-click menu and bringing it back, the type boxes leaving a type out of the
// network, a typed top N, the zoom buttons and full screen; the address keeps what is left out.
import test from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, waitForState, frames, screenshot, centre, clickAt } from './harness.mjs';

let env;
test.before(async () => { env = await launch(); });
test.after(async () => { if (env) await env.close(); });

const st = (page) => page.evaluate(() => window.explorer.state());
const spread = (nodes) => {
  const xs = nodes.map((n) => n.x);
  return Math.max(...xs) - Math.min(...xs);
};

test('find, leave out, types, top N, zoom and full screen in the network', async () => {
  const { page, consoleErrors } = await openApp(env, { query: '?sample=reuters-1987#from=1987-03-01&to=1987-03-31' });
  await waitForState(page, "s => s.articles_total === 4761 && !s.load.running && s.range_from === '1987-03-01'", 60000);
  await waitForState(page, 's => s.ui.nodes.length > 20 && s.ui.controls.find');
  let s = await st(page);

  // Find: type a few letters; the matches appear under the box; Enter selects the first.
  await clickAt(page, centre(s.ui.controls.find).x, centre(s.ui.controls.find).y);
  await page.keyboard.type('japa');
  await waitForState(page, 's => s.ui.find_results.length > 0');
  s = await st(page);
  const results = s.ui.find_results;  // in the order listed: prefixes first, then drawn, then by articles
  assert.ok(results.length > 0 && results.length <= 8, JSON.stringify(results));
  assert.ok(results.every((n) => n.toLowerCase().includes('japa')), JSON.stringify(results));
  assert.equal(results[0], 'Japan');
  await page.keyboard.press('Enter');
  await waitForState(page, "s => s.selected === 'Japan'");
  // Clicking a match works as well.
  await clickAt(page, centre(s.ui.controls.find).x, centre(s.ui.controls.find).y, 'left', 2);
  await page.keyboard.press('Control+A');
  await frames(page, 1);
  await page.keyboard.type('reag');
  await waitForState(page, "s => s.ui.find_results.length > 0 && s.ui.find_results.every((n) => n.toLowerCase().includes('reag'))");
  s = await st(page);
  // A word of the name starting with the text ranks with the names that do; drawn ones first.
  assert.equal(s.ui.find_results[0], 'Ronald Reagan', JSON.stringify(s.ui.find_results));
  const reagan = 'find_result_Ronald Reagan';
  assert.ok(s.ui.controls[reagan], JSON.stringify(Object.keys(s.ui.controls)));
  await clickAt(page, centre(s.ui.controls[reagan]).x, centre(s.ui.controls[reagan]).y, 'left', 3);
  await waitForState(page, `s => s.selected === ${JSON.stringify(reagan.slice(12))}`);
  await page.keyboard.press('Escape');  // clears the selection
  await waitForState(page, 's => s.selected === null');

  // Leave the most drawn-to entity out of the network from its right-click menu.
  s = await st(page);
  const node = s.ui.nodes[0];
  await clickAt(page, node.x, node.y, 'right', 3);
  await waitForState(page, 's => s.ui.controls.menu_leave_out');
  s = await st(page);
  await clickAt(page, centre(s.ui.controls.menu_leave_out).x, centre(s.ui.controls.menu_leave_out).y, 'left', 3);
  await waitForState(page, `s => s.network.hidden.includes(${JSON.stringify(node.name)})`);
  await frames(page, 3);
  s = await st(page);
  assert.ok(!s.ui.nodes.some((n) => n.name === node.name), `${node.name} still drawn`);
  assert.ok(s.hash.includes('hide='), s.hash);
  const tableStill = await page.evaluate(() => window.explorer.exportData('entities.csv'));
  assert.ok(tableStill.includes(`\n${node.name},`) || tableStill.includes(`\n"${node.name}",`), 'the table keeps it');

  // Places out of the network by the Entities tab's type box; the address keeps it; Show all.
  await clickAt(page, centre(s.ui.controls.tab_entities).x, centre(s.ui.controls.tab_entities).y, 'left', 3);
  await waitForState(page, 's => s.ui.tab === "entities"');
  s = await st(page);
  const places = s.ui.controls.type_place;
  assert.ok(places, 'the places box');
  await clickAt(page, centre(places).x, centre(places).y, 'left', 3);
  await waitForState(page, 's => !s.network.types.includes("place")');
  s = await st(page);
  assert.ok(s.hash.includes('types=person%2Corg'), s.hash);
  await screenshot(page, 'network-left-out.png');
  await clickAt(page, centre(s.ui.controls.show_all).x, centre(s.ui.controls.show_all).y, 'left', 3);
  await waitForState(page, 's => s.network.types.length === 3 && s.network.hidden.length === 0');

  // A typed top N.
  s = await st(page);
  await clickAt(page, centre(s.ui.controls.top_typed).x, centre(s.ui.controls.top_typed).y);
  await page.keyboard.press('Control+A');
  await page.keyboard.type('25');
  await page.keyboard.press('Enter');
  await waitForState(page, 's => s.network.top_n === 25 && s.entities_shown === 25');

  // Zoom buttons: the drawing grows and shrinks about the centre.
  await frames(page, 20);
  s = await st(page);
  const before = spread(s.ui.nodes);
  await clickAt(page, centre(s.ui.controls.zoom_in).x, centre(s.ui.controls.zoom_in).y, 'left', 2);
  const zoomed = spread((await st(page)).ui.nodes);
  assert.ok(zoomed > before * 1.15, `${before} -> ${zoomed}`);
  s = await st(page);
  await clickAt(page, centre(s.ui.controls.zoom_out).x, centre(s.ui.controls.zoom_out).y, 'left', 2);
  assert.ok(spread((await st(page)).ui.nodes) < zoomed * 0.9);

  // Colour by type, chosen in the colour menu; the labels slider pressed at its left end: few labels.
  s = await st(page);
  await clickAt(page, centre(s.ui.controls.colour).x, centre(s.ui.controls.colour).y, 'left', 3);
  await waitForState(page, 's => s.ui.controls.colour_type');
  s = await st(page);
  await clickAt(page, centre(s.ui.controls.colour_type).x, centre(s.ui.controls.colour_type).y, 'left', 3);
  await waitForState(page, "s => s.ui.color_by === 'type'");
  s = await st(page);
  await clickAt(page, s.ui.controls.labels.x + 3, centre(s.ui.controls.labels).y, 'left', 3);
  await waitForState(page, 's => s.ui.label_budget < 10');
  // A link under the pointer: its tooltip names both ends and quotes a sentence naming both.
  s = await st(page);
  const byName = new Map(s.ui.nodes.map((n) => [n.name, n]));
  let hovered = null, tries = 0;
  for (const n of s.ui.nodes) {
    if (hovered || tries > 60) break;
    for (const m of s.ui.nodes) {
      if (n === m || Math.hypot(n.x - m.x, n.y - m.y) < 60) continue;
      if (++tries > 60) break;
      // The middle of a pair's segment, if a link is drawn there (the tooltip says so).
      await page.mouse.move((n.x + m.x) / 2, (n.y + m.y) / 2);
      await frames(page, 2);
      const h = (await st(page)).ui.hover_link;
      if (h) { hovered = h; break; }
    }
  }
  assert.ok(hovered && byName.has(hovered[0]) && byName.has(hovered[1]), JSON.stringify(hovered));
  assert.ok(typeof hovered[2] === 'string');

  // Full screen: the network over the whole width; Esc comes back.
  s = await st(page);
  const narrow = s.ui.graph_rect[2];
  await clickAt(page, centre(s.ui.controls.fullscreen).x, centre(s.ui.controls.fullscreen).y, 'left', 3);
  s = await st(page);
  assert.ok(s.ui.graph_rect[2] > 1200 && s.ui.graph_rect[2] > narrow, String(s.ui.graph_rect));
  await frames(page, 20);
  await screenshot(page, 'network-fullscreen.png');
  await page.keyboard.press('Escape');
  await frames(page, 3);
  assert.ok((await st(page)).ui.graph_rect[2] < 1000);
  assert.deepEqual((await st(page)).errors, []);
  assert.deepEqual(consoleErrors, []);
});

test('the reader marks the search words beside the entity mentions', async () => {
  const { page, consoleErrors } = await openApp(env, { query: '?sample=reuters-1987#from=1987-03-01&to=1987-03-31&q=japan' });
  await waitForState(page, "s => s.articles_total === 4761 && !s.load.running && s.search === 'japan'", 60000);
  await waitForState(page, 's => s.ui.rows.length > 0');
  let s = await st(page);
  await clickAt(page, centre(s.ui.rows[0]).x, centre(s.ui.rows[0]).y, 'left', 3);
  await waitForState(page, 's => s.open_article !== null && s.ui.search_marks.length > 0');
  s = await st(page);
  for (const m of s.ui.search_marks) assert.equal(m.id.toLowerCase(), 'japan');
  await screenshot(page, 'reader-search-marks.png');
  assert.deepEqual(consoleErrors, []);
});

test('columns resize by their splitters; the browser double-click on the timeline gives all dates', async () => {
  const { page, consoleErrors } = await openApp(env, { query: '?sample=reuters-1987#from=1987-03-01&to=1987-03-31' });
  await waitForState(page, "s => s.articles_total === 4761 && !s.load.running && s.range_from === '1987-03-01'", 60000);
  await waitForState(page, 's => s.ui.controls.split_left && s.ui.controls.split_right');
  let s = await st(page);
  const before = s.ui.graph_rect;
  const grip = centre(s.ui.controls.split_left);
  await page.mouse.move(grip.x, grip.y);
  await frames(page, 1);
  await page.mouse.down();
  await frames(page, 1);
  for (let k = 1; k <= 5; k++) {
    await page.mouse.move(grip.x + 20 * k, grip.y);
    await frames(page, 1);
  }
  await page.mouse.up();
  await frames(page, 3);
  s = await st(page);
  assert.ok(Math.abs(s.ui.graph_rect[0] - before[0] - 100) < 12, `${before[0]} -> ${s.ui.graph_rect[0]}`);
  assert.ok(s.ui.graph_rect[2] < before[2] - 80, `${before[2]} -> ${s.ui.graph_rect[2]}`);
  // Fold the reader and the left column away, and back.
  s = await st(page);
  await clickAt(page, centre(s.ui.controls.collapse_reader).x, centre(s.ui.controls.collapse_reader).y, 'left', 3);
  await waitForState(page, 's => s.ui.controls.unfold_reader');
  s = await st(page);
  await clickAt(page, centre(s.ui.controls.collapse_left).x, centre(s.ui.controls.collapse_left).y, 'left', 3);
  await waitForState(page, 's => s.ui.controls.unfold_left');
  s = await st(page);
  assert.ok(s.ui.graph_rect[2] > 1100, String(s.ui.graph_rect));
  await screenshot(page, 'columns-folded.png');
  await clickAt(page, centre(s.ui.controls.unfold_left).x, centre(s.ui.controls.unfold_left).y, 'left', 3);
  s = await st(page);
  await clickAt(page, centre(s.ui.controls.unfold_reader).x, centre(s.ui.controls.unfold_reader).y, 'left', 3);
  await waitForState(page, 's => s.ui.controls.collapse_reader && s.ui.controls.collapse_left');
  s = await st(page);
  // At a few frames a second two presses are too far apart for Dear ImGui; the browser's own
  // double-click event (here alone, without the presses) still gives all dates.
  const [tx, ty, tw, th] = s.ui.timeline.rect;
  await page.evaluate(([x, y]) => {
    document.getElementById('canvas').dispatchEvent(new MouseEvent('dblclick', { clientX: x, clientY: y, bubbles: true }));
  }, [tx + tw * 0.8, ty + th / 2]);
  await waitForState(page, "s => s.range_from === '1987-02-26' && s.range_to === '1987-10-20'");
  assert.deepEqual(consoleErrors, []);
});

test('keyboard: arrows move through the article list, Enter opens the article', async () => {
  const { page, consoleErrors } = await openApp(env, { query: '?sample=reuters-1987#from=1987-03-01&to=1987-03-31' });
  await waitForState(page, "s => s.articles_total === 4761 && !s.load.running && s.ui.rows.length > 5", 60000);
  let s = await st(page);
  const ids = s.ui.rows.map((r) => r.id);
  await clickAt(page, centre(s.ui.rows[0]).x, centre(s.ui.rows[0]).y, 'left', 3);
  await waitForState(page, `s => s.open_article === ${JSON.stringify(ids[0])}`);
  for (const key of ['ArrowDown', 'ArrowDown', 'Enter']) {
    await page.keyboard.press(key);
    await frames(page, 2);
  }
  await waitForState(page, `s => s.open_article === ${JSON.stringify(ids[2])}`);
  assert.deepEqual(consoleErrors, []);
});

test('the Entities filter matches other forms ("opec") and emphasises the matches in the network', async () => {
  const { page, consoleErrors } = await openApp(env, { query: '?sample=reuters-1987#from=1987-03-01&to=1987-03-31' });
  await waitForState(page, "s => s.articles_total === 4761 && !s.load.running && s.ui.nodes.length > 20", 60000);
  let s = await st(page);
  await clickAt(page, centre(s.ui.controls.tab_entities).x, centre(s.ui.controls.tab_entities).y, 'left', 3);
  await waitForState(page, 's => s.ui.controls.entity_filter');
  s = await st(page);
  await clickAt(page, centre(s.ui.controls.entity_filter).x, centre(s.ui.controls.entity_filter).y);
  await page.keyboard.type('opec');
  await waitForState(page, "s => s.ui.entities.some((r) => r.id === 'Organization of the Petroleum Exporting Countries')");
  await waitForState(page, 's => s.ui.network_filter_matches >= 1');
  await frames(page, 5);
  await screenshot(page, 'entity-filter-network.png');
  assert.deepEqual(consoleErrors, []);
});
