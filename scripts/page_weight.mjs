// Prints the weight of what the page needs for its first view (the page, its style and scripts, the
// WebAssembly module with its embedded fonts and language data, and the bundled corpus), each file
// raw and gzip-compressed (zlib level 6, what static hosts commonly serve), and fails above a budget.
// Usage: node scripts/page_weight.mjs [SITE_DIR] [--budget BYTES]   (default: build/web/site, 1000000)
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const args = process.argv.slice(2);
const budgetAt = args.indexOf('--budget');
const budget = budgetAt >= 0 ? Number(args[budgetAt + 1]) : 1000000;
const site = args.find((a, i) => !a.startsWith('--') && i !== budgetAt + 1) || 'build/web/site';
const files = ['index.html', 'style.css', 'app.js', 'explorer.js', 'app.wasm', 'assets/articles.json'];
let raw = 0, gz = 0;
const rows = [];
for (const f of files) {
  const p = path.join(site, f);
  if (!fs.existsSync(p)) {
    console.error(`page weight: ${p} is missing (build the site first: scripts/build_web.sh)`);
    process.exit(1);
  }
  const bytes = fs.readFileSync(p);
  const z = zlib.gzipSync(bytes, { level: 6 }).length;
  raw += bytes.length;
  gz += z;
  rows.push(`  ${f.padEnd(22)} ${String(bytes.length).padStart(9)} raw ${String(z).padStart(9)} gzip`);
}
console.log(rows.join('\n'));
const verdict = gz <= budget ? 'ok' : 'OVER BUDGET';
console.log(`page weight: ${raw} bytes raw, ${gz} bytes gzip (budget ${budget}): ${verdict}`);
process.exit(gz <= budget ? 0 : 1);
