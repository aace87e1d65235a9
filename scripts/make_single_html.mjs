// make_single_html.mjs — writes the offline build: one self-contained HTML file holding the page, its
// style, the WebAssembly (base64, from an -sSINGLE_FILE link) and the bundled corpus. It opens straight
// from disk (file://) with no server. Usage: node scripts/make_single_html.mjs SITE_DIR APP_SINGLE_JS OUT
import fs from 'node:fs';
import path from 'node:path';

const [siteDir, appJs, out] = process.argv.slice(2);
if (!siteDir || !appJs || !out) {
  console.error('usage: node scripts/make_single_html.mjs SITE_DIR APP_SINGLE_JS OUT');
  process.exit(2);
}
const read = (f) => fs.readFileSync(f, 'utf8');
// Inline text must not close its element early.
const inlineScript = (code) => code.replace(/<\/(script)/gi, '<\\/$1');
let html = read(path.join(siteDir, 'index.html'));
const corpus = read(path.join(siteDir, 'assets/articles.json'));
const swap = (needle, replacement) => {
  if (!html.includes(needle)) throw new Error(`index.html has no ${needle}`);
  html = html.replace(needle, () => replacement);
};
swap('<link rel="stylesheet" href="style.css">', `<style>\n${read(path.join(siteDir, 'style.css'))}</style>`);
swap('<script src="app.js"></script>',
  `<script type="application/json" id="bundled-corpus">${corpus.replace(/<\//g, '<\\/')}</script>\n` +
  `<script>\n${inlineScript(read(appJs))}\n</script>`);
// The fonts of other scripts (Greek and Cyrillic, Arabic), read by the page only for a corpus written in one.
const fonts = ['GreekCyrillic', 'Arabic'].flatMap((script) => ['DejaVuSans', 'DejaVuSans-Bold'].map((face, bold) =>
  `<script type="application/octet-stream" id="font-${script}-${bold}">` +
  `${fs.readFileSync(path.join(siteDir, 'fonts', `${face}-${script}.ttf`)).toString('base64')}</script>\n`)).join('');
swap('<script src="explorer.js"></script>', fonts + `<script>\n${inlineScript(read(path.join(siteDir, 'explorer.js')))}\n</script>`);
fs.writeFileSync(out, html);
console.log(`wrote ${out} (${(fs.statSync(out).size / 1e6).toFixed(1)} MB)`);
