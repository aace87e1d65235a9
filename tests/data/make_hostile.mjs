// make_hostile.mjs — writes the hostile-input corpus tests/data/hostile/ and its expectations
// (expected.tsv: file, "ok" + article count or "error" + a phrase the message must hold).
// Run: node tests/data/make_hostile.mjs. Larger cases (10^6 nesting levels, a 100 MB string) are
// built in memory by tests/unit/unit-hostile.cpp instead of being stored.
import { writeFileSync, mkdirSync, readdirSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'hostile');
mkdirSync(dir, { recursive: true });
for (const f of readdirSync(dir)) unlinkSync(join(dir, f));

const good = JSON.stringify([
  { id: 'a1', title: 'Iraq and Syria talk border security', date: '2026-01-21', source: 'Wire',
    body: 'Prime Minister Mohammed Shia al-Sudani met Syrian officials in Baghdad on Tuesday.' },
  { id: 'a2', title: 'Kurdish forces hold Hasakah', date: '2026-01-22',
    body: 'The Syrian Democratic Forces (SDF) said the Islamic State (IS) attacked a prison.' },
  { id: 'a3', title: 'Markets steady', date: '2026-01-23', body: 'The Central Bank of Iraq kept rates.' },
], null, 1);

const rows = [];
let n = 0;
function add(name, content, expect, detail) {
  const file = `${String(++n).padStart(2, '0')}-${name}.json`;
  writeFileSync(join(dir, file), typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
  rows.push([file, expect, String(detail)].join('\t'));
}
const bytes = (...parts) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

// --- Empty and non-corpus top-level values.
add('empty-file', '', 'error', 'the file is empty');
add('whitespace-only', ' \n\t \r\n', 'error', 'the file is empty');
add('empty-array', '[]', 'error', 'holds no articles');
add('empty-object', '{}', 'error', 'no "articles" array');
add('articles-empty', '{"articles": []}', 'error', 'holds no articles');
add('bare-string', '"Iraq and Syria"', 'error', 'is a JSON string');
add('bare-number', '42', 'error', 'not a corpus');
add('bare-true', 'true', 'error', 'not a corpus');
add('bare-null', 'null', 'error', 'not a corpus');
add('bom-only', bytes([0xef, 0xbb, 0xbf]), 'error', 'the file is empty');
add('utf16le-bom', bytes([0xff, 0xfe], Buffer.from('[{"title":"a"}]', 'utf16le')), 'error', 'UTF-16');

// --- Invalid JSON at many positions.
add('missing-comma', '[{"title":"a"} {"title":"b"}]', 'error', "expected ',' or ']'");
add('trailing-comma', '[{"title":"a"},]', 'error', 'trailing commas');
add('trailing-comma-in-object', '[{"title":"a",}]', 'error', 'line 1');
add('single-quotes', "[{'title':'a'}]", 'error', 'line 1');
add('unquoted-key', '[{title:"a"}]', 'error', 'line 1');
add('comment', '[// a comment\n{"title":"a"}]', 'error', 'line 1');
add('nan', '[{"title":"a","score":NaN}]', 'error', 'line 1');
add('leading-zero', '[{"title":"a","n":012}]', 'error', 'line 1');
add('bad-escape', '[{"title":"a\\x41"}]', 'error', 'line 1');
add('lone-surrogate-escape', '[{"title":"a\\ud800b"}]', 'error', 'surrogate');
add('raw-newline-in-string', '[{"title":"a\nb"}]', 'error', 'control character');
add('garbage-after-array', '[{"title":"a"}] trailing', 'error', 'after the closing');
add('close-mismatch', '[{"title":["a"}]', 'error', "'}' closes a '['");
add('colon-missing', '[{"title" "a"}]', 'error', 'line 1');
add('extra-close', '[{"title":"a"}}]', 'error', 'line 1');
// A stray '}' before a key, a value, an article and the closing ']'.
for (const marker of ['"date"', '"Kurdish', '{\n  "id": "a3"', ']']) {
  const at = good.lastIndexOf(marker);
  add(`stray-brace-${n + 1}`, good.slice(0, at) + '}' + good.slice(at), 'error', 'line');
}

// --- Truncated files.
for (const at of [1, 25, 90, 200, good.length - 2, good.length - 1]) {
  add(`truncated-at-${at}`, good.slice(0, at), 'error', 'line');
}
add('truncated-in-escape', '[{"title":"a\\u00', 'error', 'line 1');

// --- Nesting.
add('nesting-1000-arrays', '['.repeat(1000) + ']'.repeat(1000), 'error', 'nested more than 64 levels');
add('nesting-1000-objects', '{"a":'.repeat(1000) + '1' + '}'.repeat(1000), 'error', 'nested more than 64 levels');
add('nesting-in-field', '[{"title":"a","x":' + '['.repeat(100) + ']'.repeat(100) + '}]', 'error', 'nested more than 64 levels');
add('nesting-unclosed', '['.repeat(5000), 'error', 'nested more than 64 levels');

// --- Encodings, NUL bytes, large strings.
add('invalid-utf8-ff', bytes('[{"title":"a', [0xff], '"}]'), 'error', 'UTF-8');
add('invalid-utf8-overlong', bytes('[{"title":"a', [0xc0, 0xaf], '"}]'), 'error', 'UTF-8');
add('invalid-utf8-lone-continuation', bytes('[{"title":"', [0x80], 'x"}]'), 'error', 'UTF-8');
add('invalid-utf8-surrogate', bytes('[{"title":"', [0xed, 0xa0, 0x80], '"}]'), 'error', 'UTF-8');
add('invalid-utf8-cut-sequence', bytes('[{"title":"', [0xe2, 0x82], '"}]'), 'error', 'UTF-8');
add('invalid-utf8-in-key', bytes('[{"ti', [0xfe], 'tle":"a"}]'), 'error', 'UTF-8');
add('nul-in-string', bytes('[{"title":"a', [0], 'b"}]'), 'error', 'control character');
add('nul-between-values', bytes('[{"title":"a"},', [0], '{"title":"b"}]'), 'error', 'line 1');
add('all-nul', Buffer.alloc(4096), 'error', 'line 1');
add('escaped-nul-is-text', '[{"title":"a\\u0000b","body":"ok"}]', 'ok', 1);
add('long-string-500kb', JSON.stringify([{ title: 'Long', body: 'word '.repeat(100000) }]), 'ok', 1);
add('long-key-256kb', '[{"' + 'k'.repeat(1 << 18) + '":1,"title":"a"}]', 'ok', 1);
add('non-latin-scripts', JSON.stringify([
  { title: 'العراق وسوريا', body: 'اجتمع رئيس الوزراء محمد شياع السوداني في بغداد.' },
  { title: '伊拉克 叙利亚', body: '边境安全会议在巴格达举行。' },
  { title: 'Ирак и Сирия', body: 'Премьер-министр встретился с делегацией. 🙂 Emoji and Ω.' }]), 'ok', 3);

// --- Wrong types where text belongs.
add('title-number', '[{"title":42,"body":"b"}]', 'ok', 1);
add('title-object', '[{"title":{"x":1}}]', 'error', 'none of the 1 values');
add('body-array', '[{"title":"t","body":["a","b"]}]', 'ok', 1);
add('date-object', '[{"title":"t","date":{"y":2026}}]', 'ok', 1);
add('date-bool', '[{"title":"t","date":true}]', 'ok', 1);
add('id-object', '[{"id":{"x":1},"title":"t"}]', 'ok', 1);
add('source-nested-number', '[{"title":"t","source":{"name":5}}]', 'ok', 1);
add('articles-of-arrays', '[[1,2],[3]]', 'error', 'none of the 2 values');
add('articles-not-array', '{"articles": "many"}', 'error', 'articles');
add('entities-hostile', JSON.stringify([
  { title: 'a', entities: 5 }, { title: 'b', entities: [1, null, { name: 3 }, { name: 'X', type: 'alien' }] },
  { title: 'c', entities: { people: 'Bob', places: [{}], orgs: [[['deep']]] } }]), 'ok', 3);

// --- Absurd dates and numbers.
add('absurd-dates', JSON.stringify([
  { title: 'a', date: '99999-01-01' }, { title: 'b', date: '0000-00-00' }, { title: 'c', date: '2026-02-30' },
  { title: 'd', date: -1e300 }, { title: 'e', date: 1e300 }, { title: 'f', date: 'NaN' },
  { title: 'g', date: '' }, { title: 'h', date: '2026-13-45T99:99:99Z' }]), 'ok', 8);
add('huge-integer', '[{"title":"a","date":99999999999999999999999999,"n":-99999999999999999999}]', 'ok', 1);
add('exponent-overflow', '[{"title":"a","n":1e999999}]', 'error', 'number overflow');

// --- Duplicates, skipped articles, JSON Lines.
add('duplicate-ids', JSON.stringify(Array.from({ length: 5 }, (_, i) => ({ id: 'same', title: `t${i}` }))), 'ok', 5);
add('duplicate-keys', '[{"title":"first","title":"second","body":"b"}]', 'ok', 1);
add('all-skipped', '[{"id":"x"},{"url":"u"}]', 'error', 'none of the 2 values');
add('some-skipped', '[{"title":"a"},{"id":"x"},7,{"body":"b"}]', 'ok', 2);
add('jsonl-one-bad-line', '{"title":"a"}\n{"title": oops}\n{"title":"c"}\n', 'ok', 2);
add('jsonl-all-bad', '{"title": oops}\n{nope}\n', 'error', 'no line could be read');
add('jsonl-invalid-utf8-line', bytes('{"t', [0x95, 0x8b], '":"a"}\n{"title":"b"}\n'), 'ok', 1);
add('jsonl-blank-lines', '\n\n{"title":"a"}\n\n\n{"title":"b"}\n\n', 'ok', 2);
add('many-tiny-articles', JSON.stringify(Array.from({ length: 5000 }, (_, i) => ({ title: `T${i}` }))), 'ok', 5000);

writeFileSync(join(dir, 'expected.tsv'), '# file\texpect\tarticles (ok) or a phrase of the message (error)\n' + rows.join('\n') + '\n');
console.log(`${rows.length} hostile inputs written to ${dir}`);
