// compromise_entities.mjs — the baseline: the compromise npm package's people(), organizations() and
// places() on each article (title + body), printed in the same JSON Lines form as
// `explorer entities FILE --jsonl`. Also reports its throughput on stderr.
// Usage: node tools/compromise_entities.mjs CORPUS.jsonl > PRED.jsonl   (npm ci --prefix tools first)
import fs from 'node:fs';
import readline from 'node:readline';
import nlp from 'compromise';

const file = process.argv[2];
const rl = readline.createInterface({ input: fs.createReadStream(file) });
let bytes = 0, ms = 0, n = 0;
const clean = (s) => s.replace(/^[\s"'“”‘’(]+|[\s"'“”‘’),.;:]+$/g, '').replace(/['’]s$/, '');
for await (const line of rl) {
  if (!line.trim()) continue;
  const a = JSON.parse(line);
  const text = [a.title || '', a.body || ''].filter(Boolean).join('\n\n');
  bytes += Buffer.byteLength(text);
  const t0 = performance.now();
  const doc = nlp(text);
  const uniq = (arr) => [...new Set(arr.map(clean).filter(Boolean))];
  const ents = { people: uniq(doc.people().out('array')), orgs: uniq(doc.organizations().out('array')),
    places: uniq(doc.places().out('array')) };
  ms += performance.now() - t0;
  n++;
  process.stdout.write(JSON.stringify({ id: a.id, entities: ents }) + '\n');
}
console.error(`compromise: ${n} articles, ${(bytes / 1e6).toFixed(1)} MB in ${(ms / 1000).toFixed(1)} s = ${(bytes / 1e6 / (ms / 1000)).toFixed(2)} MB/s`);
