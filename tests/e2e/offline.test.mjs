// offline.test.mjs — the single-file build (article-explorer.html) opened straight from disk through
// file:// with no server: it starts, loads the corpus it carries, draws, and loads text given to it.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { siteDir, canvasStats, frames, screenshot } from './harness.mjs';

test('offline single file: opens from file:// in a folder of its own, loads the bundled corpus, draws', async () => {
  const built = path.join(siteDir, 'article-explorer.html');
  assert.ok(fs.existsSync(built), `${built} is built`);
  // Alone in a fresh folder: nothing beside it to fetch.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ae-offline-'));
  const file = path.join(dir, 'article-explorer.html');
  fs.copyFileSync(built, file);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors = [];
    const requests = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('request', (r) => { if (!r.url().startsWith('data:') && r.url() !== pathToFileURL(file).href) requests.push(r.url()); });
    await page.goto(pathToFileURL(file).href);
    await page.waitForFunction(() => window.explorer && window.explorer.state && window.explorer.state() !== null, null, { timeout: 30000 });
    await page.evaluate(() => window.explorer.ready);
    let s = await page.evaluate(() => window.explorer.state());
    assert.equal(s.articles_total, 2);
    assert.equal(s.corpus_name, 'Iraq–Syria border security, January 2026 (demo)');
    assert.ok(s.entities_total > 20);
    assert.deepEqual(requests, [], 'no request leaves the file');
    assert.equal(await page.evaluate(() => window.explorer.loadText('[{"title":"Offline","body":"Baghdad and Damascus."}]', 'typed.json')), true);
    s = await page.evaluate(() => window.explorer.state());
    assert.equal(s.corpus_name, 'typed.json');
    await page.evaluate(() => window.explorer.loadText(document.getElementById('bundled-corpus').textContent, 'demo'));
    await frames(page, 5);
    const stats = await canvasStats(page);
    assert.ok(stats.colours > 20 && stats.differing > 0.05, JSON.stringify(stats));
    await screenshot(page, 'offline-file.png');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
