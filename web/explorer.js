// explorer.js — the page's half of the browser glue: starts the WebAssembly module, loads the bundled
// corpus, and defines window.explorer, the JavaScript API for automation and tests (see README).
// The C++ half is src/platform/web_main.cpp.
(function () {
  'use strict';
  const overlay = document.getElementById('overlay');
  const canvas = document.getElementById('canvas');
  let module = null;
  let pendingLoad = null; // {resolve} of the load in progress

  function showOverlay(text, isError) {
    overlay.textContent = text;
    overlay.classList.toggle('error', !!isError);
    overlay.classList.remove('hidden');
  }

  // The user's corrections are kept per corpus in this browser (localStorage, key "ae-rules:" and a
  // fingerprint of the corpus: its name, size and a hash of its first 64 kB). Nothing else is stored.
  let rulesKey = null, rulesRevision = -1;
  // The module's exported functions: the only calls into it (the list: src/platform/js_exports.txt;
  // scripts/check_js_boundary.mjs checks that it, web_main.cpp and this object agree).
  const core = {
    loadBuffer: (size, name) => module.ccall('ae_load_buffer', 'number', ['number', 'string'], [size, name]),  // where to write, 0: no room
    loadPiece: (size, total) => module.ccall('ae_load_piece', 'number', ['number', 'number'], [size, total]),  // the same for a further piece
    loadCommit: () => module.ccall('ae_load_commit', null, [], []),
    cancelLoad: () => module.ccall('ae_cancel_load', null, [], []),
    setAside: () => module.ccall('ae_set_aside', null, [], []),
    restoring: () => module.ccall('ae_restoring', null, [], []),
    stateJson: () => module.ccall('ae_state_json', 'number', [], []),  // a pointer to UTF-8 JSON
    reportError: (message) => module.ccall('ae_report_error', null, ['string'], [message]),
    setRange: (from, to) => module.ccall('ae_set_range', 'number', ['string', 'string'], [from, to]),
    setBaseline: (from, to) => module.ccall('ae_set_baseline', 'number', ['string', 'string'], [from, to]),
    openArticle: (id) => module.ccall('ae_open_article', 'number', ['string'], [id]),
    select: (name) => module.ccall('ae_select', 'number', ['string'], [name]),
    selectPair: (a, b) => module.ccall('ae_select_pair', 'number', ['string', 'string'], [a, b]),
    setNetwork: (scope, measure, minCount, topN) =>
      module.ccall('ae_set_network', 'number', ['string', 'string', 'number', 'number'], [scope, measure, minCount, topN]),
    setSearch: (text) => module.ccall('ae_set_search', null, ['string'], [text]),
    applyHash: (hash) => module.ccall('ae_apply_hash', 'string', ['string'], [hash]),  // the problems found, or ""
    setCorpusSource: (kind) => module.ccall('ae_set_corpus_source', null, ['string'], [kind]),
    setRulesJson: (text, undoable) => module.ccall('ae_set_rules_json', 'number', ['string', 'number'], [text, undoable]),
    setKept: (json) => module.ccall('ae_set_kept', null, ['string'], [json]),
    export: (kind) => module.ccall('ae_export', 'number', ['string'], [kind]),  // a pointer, ae_export_size bytes
    exportSize: () => module.ccall('ae_export_size', 'number', [], []),
    snapshotStream: () => module.ccall('ae_snapshot_stream', 'number', [], []),  // pieces to Module.snapshotPieces
    snapshotSlice: (begin, ms) => module.ccall('ae_snapshot_slice', 'number', ['number', 'number'], [begin ? 1 : 0, ms]),
    fontBuffer: (script, bold, size) => module.ccall('ae_font_buffer', 'number', ['number', 'number', 'number'], [script, bold, size]),
    fontReady: () => module.ccall('ae_font_ready', null, [], []),
    textInput: (text) => module.ccall('ae_text_input', null, ['string'], [text]),
  };


  function fingerprint(bytes, name) {
    let h = 0x811c9dc5;
    const n = Math.min(bytes.length, 65536);
    for (let i = 0; i < n; i++) { h ^= bytes[i]; h = Math.imul(h, 0x01000193) >>> 0; }
    return `ae-rules:${name}:${bytes.length}:${h.toString(16)}`;
  }
  function storage() { try { return window.localStorage; } catch (e) { return null; } }
  // After a load: the corrections saved for this corpus, or none.
  function restoreRules(key) {
    rulesKey = key;
    let saved = null;
    try { saved = storage() && storage().getItem(key); } catch (e) { saved = null; }
    const ok = core.setRulesJson(saved || '{"version":1,"edits":[]}', 0);
    if (!ok && saved) { try { storage().removeItem(key); } catch (e) { /* nothing to do */ } }
    rulesRevision = state().rules.revision;
  }
  // When the corrections change: saved for the corpus (removed when there are none).
  function saveRules(revision, edits) {
    if (!rulesKey || revision === rulesRevision) return;
    rulesRevision = revision;
    const st = storage();
    if (!st) return;
    try {
      if (edits > 0) st.setItem(rulesKey, exportText('rules.json'));
      else st.removeItem(rulesKey);
    } catch (e) { /* storage full or refused: the corrections stay for this visit */ }
  }

  // Corpora kept in this browser (IndexedDB "article-explorer"): the last kKeptMax corpora opened from a
  // file, an address or a sample, as snapshots (the core's own form: text and entities, no extraction
  // when reopened), each at most kKeptMaxBytes. Store "meta" holds {name, bytes, saved, version}, store
  // "data" the snapshot bytes under the same name. The Samples menu lists them, to reopen or forget;
  // reopening the page reopens the newest. A snapshot made by another build, or one the core refuses,
  // is forgotten with a message, and the demo corpus shows instead.
  const kKeptMax = 3, kKeptMaxBytes = 512e6;
  let keptDbOpen = null;  // one connection for the page's life
  function keptDb() {
    if (!keptDbOpen) keptDbOpen = openKeptDb().catch((e) => { keptDbOpen = null; throw e; });
    return keptDbOpen;
  }
  function openKeptDb() {
    return new Promise((resolve, reject) => {
      if (!window.indexedDB) { reject(new Error('no IndexedDB')); return; }
      const req = indexedDB.open('article-explorer', 1);
      req.onupgradeneeded = () => {
        req.result.createObjectStore('meta', { keyPath: 'name' });
        req.result.createObjectStore('data');
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  }
  function idbDo(db, stores, mode, work) {
    return new Promise((resolve, reject) => {
      const tx = db.transaction(stores, mode);
      let result;
      Promise.resolve(work(tx)).then((r) => { result = r; });
      tx.oncomplete = () => resolve(result);
      tx.onerror = tx.onabort = () => reject(tx.error);
    });
  }
  const idbReq = (req) => new Promise((resolve, reject) => { req.onsuccess = () => resolve(req.result); req.onerror = () => reject(req.error); });
  async function keptList() {
    try {
      const db = await keptDb();
      const all = await idbDo(db, ['meta'], 'readonly', (tx) => idbReq(tx.objectStore('meta').getAll()));
      return (all || []).filter((m) => m && typeof m.name === 'string').sort((a, b) => String(b.saved).localeCompare(String(a.saved)));
    } catch (e) { return []; }
  }
  async function showKept() {
    const list = await keptList();
    if (module) core.setKept(JSON.stringify(list.map((m) => ({ name: m.name, bytes: Number(m.bytes) || 0, saved: String(m.saved || '').slice(0, 10) }))));
    return list;
  }
  async function forgetKept(name) {
    try {
      const db = await keptDb();
      await idbDo(db, ['meta', 'data'], 'readwrite', (tx) => {
        if (name) { tx.objectStore('meta').delete(name); tx.objectStore('data').delete(name); }
        else { tx.objectStore('meta').clear(); tx.objectStore('data').clear(); }
      });
    } catch (e) { /* nothing kept, nothing to forget */ }
    await showKept();
  }
  // After a load from a file, an address or a sample: its snapshot kept, the oldest beyond kKeptMax gone.
  async function keepLoaded(source = '') {
    const s = state();
    const name = s.corpus_name;
    const blob = await snapshotBlobSliced();
    if (!blob || !name || blob.size > kKeptMaxBytes || state().corpus_name !== name) return;
    try {
      const db = await keptDb();
      const list = await keptList();
      const before = list.find((m) => m.name === name);
      if (!source && before && typeof before.source === 'string') source = before.source;  // reopened: still that sample
      const old = list.filter((m) => m.name !== name).slice(kKeptMax - 1);
      await idbDo(db, ['meta', 'data'], 'readwrite', (tx) => {
        tx.objectStore('meta').put({ name, bytes: blob.size, saved: new Date().toISOString(), version: s.version, rules: rulesKey, source });
        // The Blob itself: storing it copies nothing on this thread (bytes would be cloned here, ~0.1 s
        // for 20 MB), and it reads back as fast.
        tx.objectStore('data').put(blob, name);
        for (const m of old) { tx.objectStore('meta').delete(m.name); tx.objectStore('data').delete(m.name); }
      });
    } catch (e) { /* storage refused or full: the corpus is just not kept */ }
    await showKept();
  }
  async function touchKept(name) {
    try {
      const db = await keptDb();
      await idbDo(db, ['meta'], 'readwrite', (tx) => {
        const store = tx.objectStore('meta');
        store.get(name).onsuccess = (e) => { if (e.target.result) store.put({ ...e.target.result, saved: new Date().toISOString() }); };
      });
    } catch (e) { /* the order of the list stays as it was */ }
    await showKept();
  }
  // A kept corpus's entry and snapshot bytes ({meta: null} when they cannot be read).
  async function readKept(name) {
    try {
      const db = await keptDb();
      let [meta, bytes] = await idbDo(db, ['meta', 'data'], 'readonly', (tx) =>
        Promise.all([idbReq(tx.objectStore('meta').get(name)), idbReq(tx.objectStore('data').get(name))]));
      if (bytes instanceof Blob) bytes = new Uint8Array(await bytes.arrayBuffer());  // (read here: see startupRead)
      return { name, meta, bytes };
    } catch (e) { return { name, meta: null, bytes: null }; }
  }
  // Reopens a kept corpus; false (with a message, the entry forgotten) when it cannot be. read: what
  // readKept(name) gave, when it was read already.
  async function openKept(name, read = null) {
    let { meta, bytes } = read && read.name === name ? read : await readKept(name);
    const say = (why) => core.reportError(`Could not reopen '${name}' kept in this browser: ${why}; it is forgotten. Open the file again to explore it.`);
    if (!meta || !(bytes instanceof Uint8Array || bytes instanceof ArrayBuffer)) {
      say('it is no longer there');
      await forgetKept(name);
      return false;
    }
    if (meta.version !== state().version) {
      say('it was kept by another version of Article Explorer');
      await forgetKept(name);
      return false;
    }
    // (the corrections saved for the corpus as first opened apply again: its key is kept with it)
    const data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    const ok = typeof meta.rules === 'string' && meta.rules.startsWith('ae-rules:')
      ? await loadBytes(data, name, meta.rules) : await loadBytes(data, name);
    if (!ok) { await forgetKept(name); return false; }
    const sample = typeof meta.source === 'string' && meta.source.startsWith('sample:') ? meta.source.slice(7) : '';
    setSource(sample ? 'sample' : 'file', sample || null);
    touchKept(name);  // newest again (not waited for)
    return true;
  }

  // Replacing a corpus: the one loaded is first set aside as a snapshot held here (written a slice a
  // frame, the corpus usable meanwhile), outside the module's memory, and released there, so the new
  // load reuses the memory the old one took (WebAssembly memory never shrinks: with both side by side it grew at every replacement). If the new load fails or is
  // cancelled, the copy set aside is reopened with its corrections and its view.
  let asideCopy = null;  // for the load running
  let loadGeneration = 0;
  let asidePending = null;  // the copy being written, a slice a frame (the corpus stays usable meanwhile)
  async function setAsideCorpus() {
    const s = state();
    if (!s || !s.articles_total || s.load.running) return null;
    let blob = await snapshotBlobSliced();
    const now = state();
    if (!now || !now.articles_total || now.load.running) return null;
    if (!blob) blob = snapshotBlob();  // (changed twice while it was written: at once)
    if (!blob) return null;
    core.setAside();
    return { blob, name: now.corpus_name, key: rulesKey, hash: location.hash };
  }
  async function reopenSetAside(aside) {
    const bytes = new Uint8Array(await aside.blob.arrayBuffer());
    core.restoring();
    await loadBytes(bytes, aside.name, aside.key, false);  // (it reports the outcome of the load that did not succeed)
    if (!state().articles_total) return false;
    restoreRules(aside.key);
    history.replaceState(history.state, '', location.pathname + location.search + aside.hash);
    applyLocationHash();
    return true;
  }

  // Hands bytes to the core; resolves with true/false when the sliced load has finished. replace: set
  // the loaded corpus aside first (reopened if this load does not succeed).
  async function loadBytes(bytes, name, key = fingerprint(bytes, name), replace = true) {
    const generation = ++loadGeneration;
    if (replace && !asideCopy) {  // (a load that supersedes another keeps the first copy)
      if (!asidePending) asidePending = setAsideCorpus().finally(() => { asidePending = null; });
      const copy = await asidePending;
      if (copy && !asideCopy) asideCopy = copy;
      if (generation !== loadGeneration) return false;  // a newer load came meanwhile: it goes on
    }
    return loadIntoCore(bytes, name, key).then(async (ok) => {
      if (generation !== loadGeneration) return ok;  // superseded: the newer load owns the copy set aside
      const aside = asideCopy;
      asideCopy = null;
      if (ok || !aside) return ok;
      await reopenSetAside(aside);
      return false;
    });
  }
  // JSON Lines of 2 MB or more go to the core in pieces of about 1 MB that end at line ends: a block of
  // the whole size may not be free in a heap that a corpus loaded before has left in pieces (WebAssembly
  // memory never shrinks, so the heap would grow at every replacement). Anything else goes whole. Returns
  // where each piece ends.
  const kPiece = 1 << 20;
  function pieceEnds(bytes) {
    const whole = [bytes.length];
    if (bytes.length < 2 * kPiece) return whole;
    let i = 0;
    while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) ++i;
    const nl = bytes.indexOf(0x0a, i);
    if (bytes[i] !== 0x7b || nl < 0 || nl - i > kPiece) return whole;  // not '{', or no short first line
    try {  // JSON Lines: the first line is a whole object (a document over many lines is not cut)
      const first = JSON.parse(new TextDecoder().decode(bytes.subarray(i, nl)));
      if (!first || typeof first !== 'object' || Array.isArray(first)) return whole;
    } catch (e) { return whole; }
    const ends = [];
    for (let from = 0; bytes.length - from > kPiece;) {
      const end = bytes.indexOf(0x0a, from + kPiece);
      if (end < 0) break;
      ends.push(end + 1);
      from = end + 1;
    }
    if (!ends.length || ends[ends.length - 1] !== bytes.length) ends.push(bytes.length);
    return ends;
  }
  function loadIntoCore(bytes, name, key) {
    return new Promise((resolve) => {
      if (pendingLoad) pendingLoad.resolve(false);
      pendingLoad = { resolve: (ok) => { if (ok) restoreRules(key); resolve(ok); } };
      let start = 0;
      for (const end of pieceEnds(bytes)) {
        const size = end - start;
        const ptr = start === 0 ? core.loadBuffer(size, name) : core.loadPiece(size, bytes.length);
        if (size && !ptr) {  // no room: the core has said so, and nothing was changed
          pendingLoad = null;
          resolve(false);
          return;
        }
        if (size) module.HEAPU8.set(bytes.subarray(start, end), ptr);  // (HEAPU8 anew: memory may have grown)
        start = end;
      }
      core.loadCommit();
    });
  }

  // gzip-compressed bytes (recognised by their first two bytes, 1f 8b, whatever the name) come out
  // decompressed, streamed through the browser's DecompressionStream with progress on the overlay; at
  // most kMaxInflated bytes (the page's memory could not hold more: a "gzip bomb" is refused), and a
  // truncated or damaged stream is an error. Other bytes come back as they are.
  const kMaxInflated = 1536 * 1024 * 1024;
  // Past 64 MB, data that grows more than kMaxRatio times is refused as a decompression bomb: news text
  // compresses 3-10 times, and even very repetitive JSON rarely 50 times.
  const kMaxRatio = 300, kRatioAfter = 64 * 1024 * 1024;
  async function gunzipIfGzip(bytes, name) {
    if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
    if (typeof DecompressionStream === 'undefined') throw new Error('this browser cannot decompress gzip; decompress the file first');
    const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip')).getReader();
    const chunks = [];
    let total = 0, shown = 0;
    for (;;) {
      let part;
      try { part = await reader.read(); } catch (err) {
        throw new Error('the gzip data is damaged or ends too early (a truncated download?)');
      }
      if (part.done) break;
      total += part.value.length;
      if (total > kMaxInflated) {
        reader.cancel();
        throw new Error(`it decompresses to more than ${kMaxInflated / 1048576} MB, more than the page can hold`);
      }
      if (total > kRatioAfter && total > kMaxRatio * bytes.length) {
        reader.cancel();
        throw new Error(`it decompresses to more than ${kMaxRatio} times its size, as a decompression bomb does ` +
          '(decompress it yourself if you trust it)');
      }
      chunks.push(part.value);
      if (total - shown > 8 * 1048576) {
        shown = total;
        showOverlay(`Decompressing ${name}: ${(total / 1e6).toFixed(0)} MB`);
      }
    }
    overlay.classList.add('hidden');
    const out = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) { out.set(c, at); at += c.length; }
    return out;
  }

  // Where the corpus loaded last came from, and what the page's address says of it: ?sample=NAME and
  // ?data=URL stay in the address (a shared link reloads the corpus); a file or pasted text cannot.
  function setSource(kind, value) {
    const params = new URLSearchParams(location.search);
    params.delete('sample');
    params.delete('data');
    if (kind === 'sample') params.set('sample', value);
    if (kind === 'url') params.set('data', value);
    const search = params.toString();
    history.replaceState(history.state, '', location.pathname + (search ? '?' + search : '') + location.hash);
    core.setCorpusSource(kind);
  }

  // Any bytes the user brings (file, drop, URL, sample): decompressed when gzip, then loaded.
  async function loadAny(bytes, name, kind, value) {
    try {
      bytes = await gunzipIfGzip(bytes, name);
    } catch (err) {
      overlay.classList.add('hidden');
      core.reportError(`Could not read '${name}': ${err.message}. Nothing was changed.`);
      return false;
    }
    const ok = await loadBytes(bytes, name.replace(/\.gz$/i, ''));
    if (ok) {
      setSource(kind, value);
      await keepLoaded(kind === 'sample' ? `sample:${value}` : '');
    }
    return ok;
  }

  // Import rules…: a rules file (JSON) replaces the corrections (undoable).
  const rulesPicker = document.createElement('input');
  rulesPicker.type = 'file';
  rulesPicker.accept = '.json,application/json';
  rulesPicker.style.display = 'none';
  document.body.appendChild(rulesPicker);
  rulesPicker.addEventListener('change', async () => {
    const file = rulesPicker.files && rulesPicker.files[0];
    rulesPicker.value = '';
    if (file) await importRulesText(await file.text());
  });
  async function importRulesText(text) {
    return core.setRulesJson(String(text), 1) === 1;
  }

  // The file picker and drag-and-drop: a chosen or dropped file is read and loaded like loadText.
  const picker = document.createElement('input');
  picker.type = 'file';
  picker.accept = '.json,.jsonl,.ndjson,.txt,.gz,.aesnap,application/json,application/gzip';
  picker.style.display = 'none';
  document.body.appendChild(picker);
  picker.addEventListener('change', () => {
    if (picker.files && picker.files[0]) loadFile(picker.files[0]);
    picker.value = '';
  });

  async function loadFile(file) {
    let bytes;
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch (err) {
      core.reportError(`Could not read '${file.name}': ${err.message}. Nothing was changed.`);
      return false;
    }
    return loadAny(bytes, file.name, 'file', '');
  }

  let dragDepth = 0;
  window.addEventListener('dragenter', (e) => {
    if (!module || !e.dataTransfer || !Array.from(e.dataTransfer.types).includes('Files')) return;
    e.preventDefault();
    if (++dragDepth === 1) showOverlay('Drop a corpus file (JSON array, {"articles": [...]} or JSON Lines) to load it');
  });
  window.addEventListener('dragover', (e) => { if (module) e.preventDefault(); });
  window.addEventListener('dragleave', () => { if (dragDepth > 0 && --dragDepth === 0) overlay.classList.add('hidden'); });
  window.addEventListener('drop', (e) => {
    e.preventDefault();
    dragDepth = 0;
    overlay.classList.add('hidden');
    const files = e.dataTransfer && e.dataTransfer.files;
    if (module && files && files.length) loadFile(files[0]);
  });

  // Exports: the text of an export of the current view, or a PNG of the network panel.
  function exportBytes(kind) {
    const ptr = core.export(String(kind));
    if (!ptr) return null;
    const size = core.exportSize();
    return module.HEAPU8.slice(ptr, ptr + size);  // a copy: the module's memory may move
  }
  const isBinaryExport = (kind) => String(kind).endsWith('.aesnap');
  // The loaded corpus as a snapshot written a slice a frame (keeping a corpus after its load, without a long pause): resolves
  // with the Blob, or null when there is nothing to write or the corpus changed meanwhile (tried again
  // once: a correction made while it was written).
  const kSnapshotSliceMs = 12;
  function snapshotBlobSliced(tries = 2) {
    return new Promise((resolve) => {
      const pieces = [];
      module.snapshotSlices = pieces;
      const step = (begin) => {
        if (module.snapshotSlices !== pieces) { resolve(null); return; }  // another one began: it owns the pieces
        const r = core.snapshotSlice(begin, kSnapshotSliceMs);
        if (r === 0) { requestAnimationFrame(() => step(false)); return; }
        module.snapshotSlices = null;
        if (r === 1) resolve(new Blob(pieces, { type: 'application/octet-stream' }));
        else if (r === -1 && tries > 1) snapshotBlobSliced(tries - 1).then(resolve);
        else resolve(null);
      };
      step(true);
    });
  }
  // The loaded corpus as a snapshot (Blob), streamed out of the module in pieces; null when none.
  function snapshotBlob() {
    module.snapshotPieces = [];
    const size = core.snapshotStream();
    const blob = size ? new Blob(module.snapshotPieces, { type: 'application/octet-stream' }) : null;
    module.snapshotPieces = null;
    return blob;
  }
  function exportText(kind) {
    if (isBinaryExport(kind)) return null;  // bytes, not text: exportBytes()
    const bytes = exportBytes(kind);
    return bytes === null ? null : new TextDecoder().decode(bytes);
  }
  function graphPng() {
    const [x, y, w, h] = state().ui.graph_rect;
    const scale = canvas.width / canvas.clientWidth;
    const out = document.createElement('canvas');
    out.width = Math.max(1, Math.round(w * scale));
    out.height = Math.max(1, Math.round(h * scale));
    out.getContext('2d').drawImage(canvas, x * scale, y * scale, w * scale, h * scale, 0, 0, out.width, out.height);
    return new Promise((resolve) => out.toBlob(resolve, 'image/png'));
  }
  function download(blob, name) {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  }
  const kMime = { csv: 'text/csv', gexf: 'application/gexf+xml', json: 'application/json', aesnap: 'application/octet-stream' };
  async function saveExport(kind) {
    const base = (state().corpus_name || 'corpus').replace(/[^\w.-]+/g, '_').replace(/\.(json|jsonl)$/, '');
    if (kind === 'graph.png') {
      const blob = await graphPng();
      if (blob) download(blob, `${base}-graph.png`);
      return !!blob;
    }
    const data = isBinaryExport(kind) ? snapshotBlob() : exportText(kind);
    if (data === null) return false;
    download(new Blob([data], { type: kMime[kind.split('.').pop()] || 'text/plain' }), `${base}-${kind}`);
    return true;
  }

  function state() {
    if (!module) return null;
    return JSON.parse(module.UTF8ToString(core.stateJson()));
  }

  let resolveReady, rejectReady;
  const ready = new Promise((res, rej) => { resolveReady = res; rejectReady = rej; });

  window.explorer = {
    // Resolves once the app runs and the bundled corpus has been loaded (or has failed to).
    ready,
    // The state report: a plain object (see README, "JavaScript API").
    state,
    // Sets the date filter (inclusive; ISO dates). Returns false (and records an error) on a bad date.
    setRange(from, to) {
      return core.setRange(String(from), String(to)) === 1;
    },
    // Compares the range (B) with a baseline range A (inclusive; ISO dates); setBaseline('', '') ends
    // the comparison. The state's "compare" then reports both ranges, the links by side and the
    // biggest entity changes. Returns false (and records an error) on a bad date.
    setBaseline(from, to) {
      return core.setBaseline(String(from ?? ''), String(to ?? '')) === 1;
    },
    // Opens the article with this id in the reader; '' closes it. Returns false for an unknown id.
    openArticle(id) {
      return core.openArticle(String(id)) === 1;
    },
    // Fetches a corpus (same-origin or CORS-enabled URL) and loads it; resolves like loadText.
    async loadUrl(url, name) {
      let bytes;
      try {
        bytes = await fetchCorpus(url);
      } catch (err) {
        core.reportError(`Could not fetch ${url}: ${err.message}`);
        return false;
      }
      return loadAny(bytes, name || decodeURIComponent(String(url).split('/').pop() || 'corpus'), 'url', String(url));
    },
    // Loads a sample corpus by name (the Samples menu; ?sample=NAME): samples/NAME.jsonl.gz beside the page.
    async loadSample(name) {
      name = String(name);
      if (!/^[a-z0-9-]{1,40}$/.test(name)) {
        core.reportError(`There is no sample named '${name.slice(0, 40)}'.`);
        return false;
      }
      if (location.protocol === 'file:') {
        core.reportError('Samples are downloaded from the web version of the page; this copy runs from a file. Open a corpus file instead.');
        return false;
      }
      let bytes;
      showOverlay(`Downloading the sample ${name}…`);
      try {
        bytes = await fetchCorpus(`samples/${name}.jsonl.gz`);
      } catch (err) {
        overlay.classList.add('hidden');
        core.reportError(`Could not load the sample '${name}': ${err.message}.`);
        return false;
      }
      return loadAny(bytes, `${name}.jsonl.gz`, 'sample', name);
    },
    // Replaces the corrections with a rules file's text (as Import rules… does); false when refused.
    importRules: importRulesText,
    // Copies the page's address (view and corpus source) to the clipboard; resolves to the address.
    async copyLink() {
      const href = location.href;
      try { await navigator.clipboard.writeText(href); } catch (e) { /* no clipboard (e.g. headless): the address bar has it */ }
      return href;
    },
    // Selects an entity by its canonical name ('' clears); the article list then shows its articles.
    select(name) {
      return core.select(String(name)) === 1;
    },
    // Selects the link between two entities: the list shows the articles naming both, the network
    // panel the sentences. selectEdge('', '') clears.
    selectEdge(a, b) {
      return core.selectPair(String(a), String(b)) === 1;
    },
    // Network settings: {scope: 'document'|'sentence', measure: 'count'|'npmi'|'jaccard', minCount, topN};
    // missing keys keep their current values.
    setNetwork(options) {
      const cur = state().network, o = Object.assign({}, options || {});
      return core.setNetwork(o.scope || cur.scope, o.measure || cur.measure, o.minCount || cur.min_count,
          o.topN === undefined ? cur.top_n : o.topN) === 1;
    },
    // Screen positions (CSS pixels) of the network's nodes as drawn in the last frame.
    graphPositions() {
      return state().ui.nodes;
    },
    // Loads a corpus given as text; resolves to true when it loaded, false when it was refused.
    async loadText(text, name) {
      const ok = await loadBytes(new TextEncoder().encode(String(text)), name || 'pasted text');
      if (ok) {
        setSource('text', '');
        await keepLoaded();
      }
      return ok;
    },
    // Sets the article list's search text ('' clears): words that must all occur, or "a phrase".
    setSearch(text) { core.setSearch(String(text)); },
    // Applies a view hash ('#from=...&sel=...'); returns what could not be applied ('' when all did).
    applyHash(hash) { return core.applyHash(String(hash)); },
    // Loads a File or Blob (what the file picker and a drop do).
    loadFile,
    // Stops the running load; the previous corpus stays. Its load promise resolves to false.
    cancelLoad() { core.cancelLoad(); },
    // The export of the current view as text: 'edges.csv', 'edges.gexf', 'entities.csv', 'articles.json'
    // (null for another kind). The same bytes as `explorer export FILE --what KIND` for the same view.
    exportData: exportText,
    // The bytes of an export (Uint8Array): what exportData gives as text, and 'corpus.aesnap'.
    exportBytes(kind) {
      if (!isBinaryExport(kind)) return exportBytes(kind);
      const blob = snapshotBlob();
      return blob ? blob.arrayBuffer().then((b) => new Uint8Array(b)) : null;
    },
    // Corpora kept in this browser: [{name, bytes, saved, version}], newest first; reopen one; forget one
    // (or all, without a name).
    kept: keptList,
    // When the page's start reached its steps, in ms from the start of the navigation: the module
    // ready, a kept corpus reopened (reopen_ms: from asking to usable, its read from the store having
    // begun with the page), the page ready.
    startup: () => ({ ...startupTimes }),
    openKept,
    forgetKept,
    // A PNG (Blob) of the network panel as drawn.
    exportPng: graphPng,
    // Downloads an export through the browser ('graph.png' too), as the Export menu does.
    saveExport,
  };

  // The view lives in the URL hash: written as the user works (a new history entry once the view has
  // been still for a moment, so Back steps through views rather than through every frame of a drag),
  // and applied when the hash changes (Back / Forward, an edited address, an opened link).
  // The app says when the view or the corrections change (onViewChanged, after the frame that changed
  // them); the address is written at most every 200 ms (browsers throttle history updates).
  let lastPush = 0, written = null, pendingHash = null, hashTimer = 0;
  function onViewChanged(hash, rulesRevision, rulesEdits) {
    saveRules(rulesRevision, rulesEdits);
    pendingHash = hash;
    if (!hashTimer) hashTimer = setTimeout(() => { hashTimer = 0; writeHash(pendingHash); }, 200);
  }
  function writeHash(hash) {
    if (!module || written === null) return;  // (until the start-up has applied the address's own view)
    const current = location.hash.replace(/^#/, '');
    if (hash === current) { written = hash; return; }
    if (written !== null && current !== written) return;  // the address changed under us: hashchange applies it
    const url = location.pathname + location.search + (hash ? '#' + hash : '');
    const now = performance.now();
    if (now - lastPush > 1500) history.pushState(null, '', url);
    else history.replaceState(null, '', url);
    lastPush = now;
    written = hash;
  }
  function applyLocationHash() {
    const hash = location.hash.replace(/^#/, '');
    written = hash;
    core.applyHash(hash);
  }
  window.addEventListener('popstate', () => { if (module) applyLocationHash(); });
  window.addEventListener('hashchange', () => { if (module) applyLocationHash(); });

  // A response's body read as it arrives, into one buffer sized from Content-Length when given (grown
  // when the length is wrong or the body was compressed in transit): no long pause assembling a large
  // file at its end, as arrayBuffer() makes.
  async function readBody(response) {
    if (!response.body || !response.body.getReader) return new Uint8Array(await response.arrayBuffer());
    const length = Number(response.headers.get('content-length')) || 0;
    let buf = new Uint8Array(length > 0 && length <= 512 * 1048576 ? length : 1048576), used = 0;
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (used + value.length > buf.length) {
        const bigger = new Uint8Array(Math.max(2 * buf.length, used + value.length));
        bigger.set(buf.subarray(0, used));
        buf = bigger;
      }
      buf.set(value, used);
      used += value.length;
    }
    return used === buf.length ? buf : buf.subarray(0, used);
  }
  // Fetches a corpus: only web addresses (http, https, or relative to the page) are asked for; a
  // redirect to another site, an HTTP error or a web page instead of data is refused with a message.
  async function fetchCorpus(url) {
    let target;
    try { target = new URL(url, location.href); } catch (e) { throw new Error('not a web address'); }
    if (target.protocol !== 'http:' && target.protocol !== 'https:' && !(target.protocol === 'file:' && location.protocol === 'file:'))
      throw new Error(`only http and https addresses are read, not ${target.protocol}`);
    const response = await fetch(target.href, { credentials: 'omit', redirect: 'follow' });
    if (response.redirected && new URL(response.url).origin !== target.origin)
      throw new Error(`it redirected to another site (${new URL(response.url).origin}); use the final address if you trust it`);
    if (!response.ok) throw new Error(`the server answered HTTP ${response.status}`);
    const bytes = await readBody(response);
    const type = (response.headers.get('content-type') || '').toLowerCase();
    const head = new TextDecoder().decode(bytes.subarray(0, 256)).trimStart().toLowerCase();
    if (type.includes('text/html') || head.startsWith('<!doctype') || head.startsWith('<html'))
      throw new Error('it returned a web page (HTML), not a corpus: link to the JSON or JSON Lines file itself');
    return bytes;
  }

  // Fonts of the scripts the first view does not carry (0 Greek and Cyrillic, 1 Arabic), asked for by the
  // app only when a corpus is written in one: from fonts/ beside the page, or the offline page's own copy.
  const SCRIPT_FONTS = [['GreekCyrillic', 'Greek and Cyrillic'], ['Arabic', 'Arabic']];
  const scriptFonts = [];
  function loadScriptFonts(script) {
    if (scriptFonts[script] || !SCRIPT_FONTS[script]) return scriptFonts[script];
    const [file, label] = SCRIPT_FONTS[script];
    scriptFonts[script] = Promise.all(['DejaVuSans', 'DejaVuSans-Bold'].map(async (face, bold) => {
      const inline = document.getElementById(`font-${file}-${bold}`);
      if (inline) return Uint8Array.from(atob(inline.textContent.trim()), (c) => c.charCodeAt(0));
      const response = await fetch(`fonts/${face}-${file}.ttf`);
      if (!response.ok) throw new Error(`fonts/${face}-${file}.ttf: HTTP ${response.status}`);
      return new Uint8Array(await response.arrayBuffer());
    })).then((fonts) => {
      fonts.forEach((bytes, bold) => {
        const ptr = core.fontBuffer(script, bold, bytes.length);
        if (ptr) module.HEAPU8.set(bytes, ptr);
      });
      core.fontReady();
      return true;
    }, (err) => {
      core.reportError(`${label} text cannot be drawn: its font did not load (${err.message}).`);
      return false;
    });
    return scriptFonts[script];
  }

  // Text that arrives without a key carrying it (input methods: Arabic and other scripts on phones, CJK,
  // dictation; text inserted by tools): a hidden text area holds the focus while a field of the canvas is
  // edited and hands what it receives to the app. Keys that carry their character go through the key
  // handler (which keeps them from the text area).
  const textInput = document.getElementById('text-input');
  const sendText = (text) => { if (module && text) core.textInput(text); };
  textInput.addEventListener('input', (e) => {
    if (e.isComposing || e.inputType === 'insertCompositionText') return;  // sent whole at compositionend
    sendText(e.data);
    textInput.value = '';
  });
  textInput.addEventListener('compositionend', (e) => { sendText(e.data); textInput.value = ''; });

  // Reopening the page: the corpus kept last is read from the browser's store while the WebAssembly
  // module is fetched and compiled (reading a snapshot of 20 MB takes a few hundred milliseconds), unless
  // the address names a corpus of its own. (Let go once used: it holds the snapshot's bytes.)
  const startupTimes = { module_ms: null, reopen_ms: null, ready_ms: null };
  let startupRead = (() => {
    const params = new URLSearchParams(location.search);
    if (params.get('data')) return Promise.resolve(null);
    return keptList().then((list) => {
      const m = keptToReopen(list, params);
      return m ? readKept(m.name) : null;
    }, () => null);
  })();
  // The kept corpus the page reopens at its start: the newest, or the sample the address asks for; none
  // when the address names data of its own.
  function keptToReopen(list, params) {
    const sample = params.get('sample');
    if (params.get('data')) return null;
    return (sample ? list.find((k) => k.source === `sample:${sample}`) : list[0]) || null;
  }
  createExplorerModule({
    canvas,
    wantText(on) {
      if (on && document.activeElement !== textInput) textInput.focus({ preventScroll: true });
      else if (!on && document.activeElement === textInput) canvas.focus({ preventScroll: true });
    },
    loadScriptFonts(script) { loadScriptFonts(script); },
    onViewChanged,
    openFilePicker() { picker.click(); },
    importRules() { rulesPicker.click(); },
    loadSample(name) { window.explorer.loadSample(name); },
    openKept(name) { openKept(name); },
    forgetKept(name) { forgetKept(name); },
    copyLink() { window.explorer.copyLink(); },
    saveExport,
    onLoadFinished(ok) {
      overlay.classList.add('hidden');
      if (pendingLoad) { const p = pendingLoad; pendingLoad = null; p.resolve(ok); }
    },
    onFatal(message) { showOverlay(message, true); rejectReady(new Error(message)); },
    printErr(text) { console.warn(text); },
  }).then(async (m) => {
    module = m;
    startupTimes.module_ms = performance.now();
    showOverlay('Loading the demo corpus…');
    try {
      // The offline single-file page carries the demo corpus inside itself.
      const bundled = document.getElementById('bundled-corpus');
      const params = new URLSearchParams(location.search);
      const sample = params.get('sample'), data = params.get('data');
      // Without a corpus in the address, the corpus kept last in this browser reopens (no demo first);
      // a sample the address asks for reopens from this browser when it is kept (samples do not change).
      const reopen = keptToReopen(await showKept(), params);
      let reopened = false;
      if (reopen) {
        showOverlay(`Reopening ${reopen.name}…`);
        const t0 = performance.now();
        const read = await startupRead;
        startupRead = null;
        reopened = await openKept(reopen.name, read);
        if (reopened) startupTimes.reopen_ms = performance.now() - t0;
      }
      startupRead = null;
      if (!reopened) {
        const bytes = bundled ? new TextEncoder().encode(bundled.textContent) : await fetchCorpus('assets/articles.json');
        await loadBytes(bytes, 'articles.json');
      }
      // ?sample=NAME or ?data=URL: a sample or the user's corpus, loaded over the demo (which stays if
      // it fails).
      if (sample && !reopened) await window.explorer.loadSample(sample);
      else if (data) await window.explorer.loadUrl(data);
      // A link with a view in its hash reopens that view on the corpus just loaded.
      if (location.hash.length > 1) applyLocationHash();
      written = location.hash.replace(/^#/, '');
      if (pendingHash !== null) writeHash(pendingHash);
      startupTimes.ready_ms = performance.now();
      resolveReady(window.explorer);
    } catch (err) {
      showOverlay('Could not load the demo corpus: ' + err.message, true);
      resolveReady(window.explorer);
    }
  }, (err) => {
    showOverlay('Article Explorer could not start: ' + err, true);
    rejectReady(err);
  });
})();
