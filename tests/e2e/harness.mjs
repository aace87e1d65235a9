// harness.mjs — shared set-up of the end-to-end tests: the built site served on 127.0.0.1, Debian's
// Chromium driven by playwright-core (WebGL2 through SwiftShader), console errors collected, and a
// check that the canvas is not blank.
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../..');
export const siteDir = process.env.AE_SITE_DIR || path.join(repoRoot, 'build/web/site');
export const shotDir = process.env.AE_SHOT_DIR || path.join(repoRoot, 'build/e2e');
export const sharedDir = path.resolve(repoRoot, '../shared');

const CHROMIUM_ARGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
];

// Starts server and browser. Returns { url, browser, server, close() }.
export async function launch({ mounts = {} } = {}) {
  if (!fs.existsSync(path.join(siteDir, 'index.html'))) throw new Error(`no built site in ${siteDir}`);
  const server = await startServer(siteDir, { mounts });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  const url = `http://127.0.0.1:${server.address().port}/`;
  return {
    url, browser, server,
    async close() { await browser.close(); await new Promise((r) => server.close(r)); },
  };
}

// Opens a page at the given size; returns { page, consoleErrors } after window.explorer.ready. Pages
// opened before are closed first: with software WebGL every open page's render loop costs CPU.
export async function openApp(env, { width = 1280, height = 800, dpr = 1, query = '' } = {}) {
  for (const c of env.browser.contexts()) await c.close();
  const context = await env.browser.newContext({ viewport: { width, height }, deviceScaleFactor: dpr });
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') consoleErrors.push(msg.text()); });
  page.on('pageerror', (err) => consoleErrors.push(String(err)));
  await page.goto(env.url + query);
  await page.waitForFunction(() => window.explorer && window.explorer.state && window.explorer.state() !== null,
    null, { timeout: 30000 });
  await page.evaluate(() => window.explorer.ready);
  return { page, consoleErrors };
}

// Polls fn(state) in the page until it returns true (checked each animation frame).
export async function waitForState(page, predicateSource, timeout = 10000) {
  try {
    await page.waitForFunction(`(() => { const s = window.explorer.state(); return (${predicateSource})(s); })()`,
      null, { timeout, polling: 'raf' });
  } catch (err) {
    const s = await page.evaluate(() => window.explorer.state());
    throw new Error(`state never satisfied ${predicateSource}: ${JSON.stringify(s).slice(0, 1500)}`);
  }
}

// Waits for n rendered frames.
export async function frames(page, n = 3) {
  await page.evaluate((k) => new Promise((resolve) => {
    let left = k;
    const tick = () => (--left <= 0 ? resolve() : requestAnimationFrame(tick));
    requestAnimationFrame(tick);
  }), n);
}

// The middle of a rectangle {x, y, w, h} of the state report.
export const centre = (r) => ({ x: r.x + r.w / 2, y: r.y + r.h / 2 });

// A click as a person makes it: the pointer arrives, then the button goes down and up a frame apart
// (button: 'left' or 'right'); a frame or two after, the app has drawn what the click did.
export async function clickAt(page, x, y, button = 'left', after = 1) {
  await page.mouse.move(x, y);
  await frames(page, 1);
  await page.mouse.down({ button });
  await frames(page, 1);
  await page.mouse.up({ button });
  await frames(page, after);
}

// Reads the canvas back and summarises it: distinct colours among sampled pixels and the share of
// pixels that differ from the background. A blank or single-colour canvas fails the tests.
export async function canvasStats(page) {
  return page.evaluate(() => {
    const src = document.getElementById('canvas');
    const c = document.createElement('canvas');
    c.width = src.width; c.height = src.height;
    const ctx = c.getContext('2d');
    ctx.drawImage(src, 0, 0);
    const data = ctx.getImageData(0, 0, c.width, c.height).data;
    const colours = new Set();
    const bg = [data[0], data[1], data[2]];
    let differ = 0, n = 0;
    for (let i = 0; i < data.length; i += 4 * 7) {
      colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
      if (Math.abs(data[i] - bg[0]) + Math.abs(data[i + 1] - bg[1]) + Math.abs(data[i + 2] - bg[2]) > 30) differ++;
      n++;
    }
    return { width: c.width, height: c.height, colours: colours.size, differing: differ / n };
  });
}

export async function screenshot(page, name) {
  fs.mkdirSync(shotDir, { recursive: true });
  const file = path.join(shotDir, name);
  await page.screenshot({ path: file });
  return file;
}
