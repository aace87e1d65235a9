// serve.mjs — a small static file server for the built site, on 127.0.0.1 only.
// Usage: node scripts/serve.mjs DIR [--port N] [--mount /prefix=DIR]...
// Also imported by the end-to-end tests (startServer).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.jsonl': 'application/x-ndjson',
  '.wasm': 'application/wasm', '.png': 'image/png', '.svg': 'image/svg+xml', '.ttf': 'font/ttf', '.txt': 'text/plain; charset=utf-8',
};

// Serves root (and mounted folders) on 127.0.0.1:port (0 = any free port). Resolves to the http.Server.
export function startServer(root, { port = 0, mounts = {} } = {}) {
  const server = http.createServer((req, res) => {
    let urlPath;
    try { urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname); } catch { res.writeHead(400); res.end(); return; }
    let base = root, rel = urlPath;
    for (const [prefix, dir] of Object.entries(mounts)) {
      if (urlPath.startsWith(prefix + '/')) { base = dir; rel = urlPath.slice(prefix.length); break; }
    }
    let file = path.normalize(path.join(base, rel));
    if (!file.startsWith(path.resolve(base))) { res.writeHead(403); res.end(); return; }
    fs.stat(file, (err, st) => {
      if (!err && st.isDirectory()) { file = path.join(file, 'index.html'); }
      fs.stat(file, (err2, st2) => {
        if (err2 || !st2.isFile()) { res.writeHead(404, { 'Content-Type': 'text/plain' }); res.end('not found'); return; }
        res.writeHead(200, {
          'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream',
          'Content-Length': st2.size, 'Cache-Control': 'no-cache',
        });
        fs.createReadStream(file).pipe(res);
      });
    });
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  let root = null, port = 8000; const mounts = {};
  for (let i = 0; i < args.length; ++i) {
    if (args[i] === '--port') port = Number(args[++i]);
    else if (args[i] === '--mount') { const [p, d] = args[++i].split('='); mounts[p] = path.resolve(d); }
    else root = path.resolve(args[i]);
  }
  if (!root) { console.error('usage: node scripts/serve.mjs DIR [--port N] [--mount /prefix=DIR]'); process.exit(2); }
  const server = await startServer(root, { port, mounts });
  console.log(`Article Explorer is served at http://127.0.0.1:${server.address().port}/  (Ctrl+C stops it)`);
}
