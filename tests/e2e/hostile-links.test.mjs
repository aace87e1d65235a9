// hostile-links.test.mjs — a corpus from a stranger cannot run script or open other pages through the
// reader's link: javascript:, data:, vbscript: and file: links are shown as text and a real click on
// them opens nothing; a web link opens in a new tab.
import test from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, waitForState, frames, screenshot, centre, clickAt } from './harness.mjs';

let env;
test.before(async () => { env = await launch(); });
test.after(async () => { if (env) await env.close(); });


const links = ['javascript:window.__pwned=1', ' JavaScript:window.__pwned=1', 'java\tscript:window.__pwned=1',
  'data:text/html,<script>window.opener.__pwned=1</script>', 'vbscript:msgbox(1)', 'file:///etc/passwd',
  'https://example.org/story'];

test('reader links: only web links open, every other scheme is inert text', async () => {
  const { page, consoleErrors } = await openApp(env);
  const corpus = links.map((url, i) => ({ id: `l${i}`, date: '2026-03-01', title: `Story ${i} from Baghdad`,
    body: 'Officials in Baghdad met in Damascus.', url }));
  assert.equal(await page.evaluate((t) => window.explorer.loadText(t, 'links.json'), JSON.stringify(corpus)), true);
  const opened = [];
  page.context().on('page', (p) => opened.push(p.url()));
  page.on('dialog', async (d) => { opened.push('dialog:' + d.message()); await d.dismiss(); });
  for (let i = 0; i < links.length; ++i) {
    await page.evaluate((id) => window.explorer.openArticle(id), `l${i}`);
    await waitForState(page, `s => s.open_article === 'l${i}' && s.ui.controls.article_url`);
    const s = await page.evaluate(() => window.explorer.state());
    const c = centre(s.ui.controls.article_url);
    await clickAt(page, c.x, c.y, 'left', 2);
    await page.waitForTimeout(300);
    if (i === 2) await screenshot(page, 'hostile-link.png');
  }
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  // Only the web link opened a tab.
  assert.equal(opened.filter((u) => !u.startsWith('dialog:')).length, 1, JSON.stringify(opened));
  assert.ok(!opened.some((u) => u.startsWith('dialog:')), JSON.stringify(opened));
  assert.deepEqual(consoleErrors.filter((e) => !/example\.org/.test(e)), []);
});
