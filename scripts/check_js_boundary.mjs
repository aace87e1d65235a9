// check_js_boundary.mjs — the boundary between the page's JavaScript and the WebAssembly module is one
// declared list, src/platform/js_exports.txt. Checks that the list, the EMSCRIPTEN_KEEPALIVE functions of
// src/platform/web_main.cpp and the `core` object of web/explorer.js name the same functions, and that
// explorer.js calls the module nowhere else. Usage: node scripts/check_js_boundary.mjs (run by scripts/test.sh)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const read = (f) => fs.readFileSync(path.join(root, f), 'utf8');
const list = read('src/platform/js_exports.txt').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
const cpp = [...read('src/platform/web_main.cpp').matchAll(/EMSCRIPTEN_KEEPALIVE\s+[^(]*?\b(ae_\w+)\s*\(/g)].map((m) => m[1]);
const js = read('web/explorer.js');
const coreStart = js.indexOf('const core = {');
const coreEnd = js.indexOf('\n  };', coreStart);
if (coreStart < 0 || coreEnd < 0) { console.error('check_js_boundary: web/explorer.js has no `const core = {...}`'); process.exit(1); }
const coreBody = js.slice(coreStart, coreEnd);
const wrapped = [...coreBody.matchAll(/ccall\('(ae_\w+)'/g)].map((m) => m[1]);
const elsewhere = [...(js.slice(0, coreStart) + js.slice(coreEnd)).matchAll(/ccall\('(ae_\w+)'/g)].map((m) => m[1]);
const problems = [];
const same = (a, b, what) => {
  for (const n of a) if (!b.includes(n)) problems.push(`${n}: in ${what[0]}, not in ${what[1]}`);
};
same(list, cpp, ['js_exports.txt', 'web_main.cpp (EMSCRIPTEN_KEEPALIVE)']);
same(cpp, list, ['web_main.cpp (EMSCRIPTEN_KEEPALIVE)', 'js_exports.txt']);
same(list, wrapped, ['js_exports.txt', "explorer.js's core object"]);
same(wrapped, list, ["explorer.js's core object", 'js_exports.txt']);
for (const n of elsewhere) problems.push(`${n}: called outside explorer.js's core object`);
if (new Set(list).size !== list.length) problems.push('js_exports.txt names a function twice');
if (problems.length) {
  console.error('check_js_boundary:\n  ' + problems.join('\n  '));
  process.exit(1);
}
console.log(`js boundary: ${list.length} functions, declared once (src/platform/js_exports.txt), defined and wrapped once`);
