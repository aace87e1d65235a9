// corrections.test.mjs — the user's corrections with real mouse and keyboard: right-click an entity in
// the table, hide it (it leaves the table and the network), undo, merge one entity into another with
// the type-ahead, right-click a node of the network, reload the page and find the edits kept for this
// corpus, export the rules; a hostile saved entry is set aside with a message.
import test from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, waitForState, frames, screenshot, centre, clickAt } from './harness.mjs';

let env;
test.before(async () => { env = await launch(); });
test.after(async () => { if (env) await env.close(); });

const st = (page) => page.evaluate(() => window.explorer.state());
const names = (s) => s.ui.entities.map((r) => r.id);

async function entitiesTab(page) {
  const s = await st(page);
  await clickAt(page, centre(s.ui.controls.tab_entities).x, centre(s.ui.controls.tab_entities).y);
  await waitForState(page, "s => s.ui.tab === 'entities' && s.ui.entities.length >= 6");
}
async function rightClickRow(page, name) {
  const s = await st(page);
  const row = s.ui.entities.find((r) => r.id === name);
  assert.ok(row, `${name} in ${names(s)}`);
  await clickAt(page, row.x + 20, row.y + row.h / 2, 'right', 2);
  await waitForState(page, 's => s.ui.controls.menu_hide');
}

test('corrections: hide, undo, merge with real input; kept for the corpus across a reload; rules exported', async () => {
  const { page, consoleErrors } = await openApp(env);
  await entitiesTab(page);
  let s = await st(page);
  assert.ok(names(s).includes('Hasaka'));
  const total = s.entities_total;

  // Hide "Al Sabah" (a newspaper the articles cite: a source, not an actor of the story).
  await rightClickRow(page, 'Al Sabah');
  await frames(page, 2);
  await screenshot(page, 'corrections-menu.png');
  s = await st(page);
  await clickAt(page, centre(s.ui.controls.menu_hide).x, centre(s.ui.controls.menu_hide).y);
  await waitForState(page, `s => s.entities_total === ${total - 1} && s.rules.edits === 1`);
  await frames(page, 2);  // the table and the network as drawn after the edit
  s = await st(page);
  assert.ok(!names(s).includes('Al Sabah'));
  assert.ok(!s.ui.nodes.some((n) => n.name === 'Al Sabah'));

  // Undo brings it back; redo hides it again.
  await clickAt(page, centre(s.ui.controls.undo_edit).x, centre(s.ui.controls.undo_edit).y);
  await waitForState(page, `s => s.entities_total === ${total} && s.rules.edits === 0`);
  s = await st(page);
  await clickAt(page, centre(s.ui.controls.redo_edit).x, centre(s.ui.controls.redo_edit).y);
  await waitForState(page, `s => s.entities_total === ${total - 1} && s.rules.edits === 1`);

  // Merge "Rojava" into "Syria" through the type-ahead.
  await rightClickRow(page, 'Rojava');
  s = await st(page);
  await page.mouse.move(centre(s.ui.controls.menu_merge).x, centre(s.ui.controls.menu_merge).y);
  await waitForState(page, 's => s.ui.controls.menu_merge_input');
  s = await st(page);
  await clickAt(page, centre(s.ui.controls.menu_merge_input).x, centre(s.ui.controls.menu_merge_input).y);
  await page.keyboard.type('syri', { delay: 30 });
  await waitForState(page, 's => s.ui.controls.menu_merge_1');
  s = await st(page);
  await clickAt(page, centre(s.ui.controls.menu_merge_1).x, centre(s.ui.controls.menu_merge_1).y);
  await waitForState(page, `s => s.rules.edits === 2 && s.entities_total === ${total - 2}`);
  assert.equal(await page.evaluate(() => window.explorer.select('Rojava')), false);

  // The corrections are kept for this corpus: a reload of the page shows them applied.
  await frames(page, 20);  // the page saves them within a quarter of a second
  await page.reload();
  await page.waitForFunction(() => window.explorer && window.explorer.state && window.explorer.state() !== null);
  await page.evaluate(() => window.explorer.ready);
  await waitForState(page, `s => s.rules.edits === 2 && s.entities_total === ${total - 2}`);
  const rules = JSON.parse(await page.evaluate(() => window.explorer.exportData('rules.json')));
  assert.deepEqual(rules.edits.map((e) => e.op), ['hide', 'merge']);
  assert.equal(rules.edits[1].into, 'Syria');

  // A right-click on a network node opens the same menu.
  s = await st(page);
  const node = s.ui.nodes.find((n) => n.name === 'Damascus');
  assert.ok(node);
  await clickAt(page, node.x, node.y, 'right', 2);
  await waitForState(page, 's => s.ui.controls.menu_hide');
  await page.keyboard.press('Escape');
  await frames(page, 2);

  // Clearing the corrections, then importing them back as a rules file.
  assert.equal(await page.evaluate((t) => window.explorer.importRules(t), JSON.stringify({ version: 1, edits: [] })), true);
  await waitForState(page, `s => s.rules.edits === 0 && s.entities_total === ${total}`);
  assert.equal(await page.evaluate((t) => window.explorer.importRules(t), JSON.stringify(rules)), true);
  await waitForState(page, `s => s.rules.edits === 2`);
  assert.equal(await page.evaluate(() => window.explorer.importRules('{"edits": [{"op": "explode"}]}')), false);
  s = await st(page);
  assert.equal(s.rules.edits, 2);
  assert.ok(s.errors.some((e) => e.includes('rules file could not be used')));
  assert.deepEqual(consoleErrors, []);
});

test('a damaged saved entry is set aside with a message; the corpus loads uncorrected', async () => {
  const { page } = await openApp(env);
  // Every saved entry of this origin is overwritten with junk, then the page is reloaded.
  await page.evaluate(() => {
    for (let i = 0; i < localStorage.length; ++i) localStorage.setItem(localStorage.key(i), '{"edits": [[[[');
    const s = window.explorer.state();
    window.explorer.importRules(JSON.stringify({ version: 1, edits: [{ op: 'hide', entity: 'Iraq' }] }));
  });
  await waitForState(page, 's => s.rules.edits === 1');
  await frames(page, 20);
  await page.evaluate(() => { for (let i = 0; i < localStorage.length; ++i) localStorage.setItem(localStorage.key(i), '{"edits": [[[['); });
  await page.reload();
  await page.waitForFunction(() => window.explorer && window.explorer.state && window.explorer.state() !== null);
  await page.evaluate(() => window.explorer.ready);
  await waitForState(page, "s => s.errors.some((e) => e.includes('set aside'))");
  const s = await st(page);
  assert.equal(s.rules.edits, 0);
  assert.ok(s.entities_total > 20);
  assert.equal(await page.evaluate(() => localStorage.length), 0);
});
