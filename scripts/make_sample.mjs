// make_sample.mjs — writes the sample corpus assets/samples/reuters-1987.jsonl.gz from Reuters-21578
// (../shared/corpora/reuters21578/reuters21578.jsonl): every fourth dated article with a title and a
// body, keeping id, date, title, body and source only; gzip level 9 without a name or time in its
// header, so the same input gives the same bytes. Usage: node scripts/make_sample.mjs [INPUT]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const input = process.argv[2] || path.resolve(root, '../shared/corpora/reuters21578/reuters21578.jsonl');
const out = path.join(root, 'assets/samples/reuters-1987.jsonl.gz');
const lines = fs.readFileSync(input, 'utf8').split('\n').filter((l) => l.trim());
let kept = [], seen = 0;
for (const line of lines) {
  const a = JSON.parse(line);
  if (!a.date || !a.title || !a.body) continue;
  if (seen++ % 4 !== 0) continue;
  kept.push(JSON.stringify({ id: a.id, date: a.date, title: a.title, body: a.body, source: 'Reuters (Reuters-21578, Distribution 1.0)' }));
}
const text = kept.join('\n') + '\n';
const gz = zlib.gzipSync(Buffer.from(text, 'utf8'), { level: 9 });  // Node writes no name and a zero time
fs.writeFileSync(out, gz);
console.log(`${out}: ${kept.length} articles, ${text.length} bytes, ${gz.length} bytes gzip`);
