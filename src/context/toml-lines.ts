// A line-based reader for the TOML that Python and Rust projects write (pyproject.toml, poetry.lock,
// uv.lock, Cargo.toml): tables, arrays of tables, `key = value`, and string arrays over several
// lines. Not a full TOML parser: it keeps every value's line, which is what evidence needs.
import { pushAll } from '../util/push-all.js';

export interface TomlEntry {
  /** Table path: `project`, `tool.poetry.dependencies`, `package` (for `[[package]]`). */
  table: string;
  /** Index of the `[[table]]` element, counting from 0; -1 for plain tables. */
  element: number;
  key: string;
  /** String value without quotes, or the raw text for other values (inline tables, numbers). */
  value: string;
  /** For arrays: the string items with their lines. */
  items: { value: string; line: number }[] | null;
  line: number;
}

const unquote = (s: string): string => s.trim().replace(/^("""|'''|"|')([\s\S]*)\1$/, '$2');

function strings(text: string, line: number): { value: string; line: number }[] {
  const out: { value: string; line: number }[] = [];
  for (const m of text.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'/g)) out.push({ value: m[1] ?? m[2], line });
  return out;
}

// Both helpers scan instead of matching a regex: `\s+#…$` and `^\[\s*(…+?)\s*\]$` backtrack
// quadratically on a long run of spaces (a fuzzed 48 KB line took 2.2 s).

/** The line without a trailing `# comment` that follows whitespace and holds no quote. */
function withoutComment(raw: string): string {
  const afterQuotes = Math.max(raw.lastIndexOf('"'), raw.lastIndexOf("'")) + 1;
  for (let i = raw.indexOf('#', afterQuotes); i > 0; i = raw.indexOf('#', i + 1)) {
    if (/\s/.test(raw[i - 1]!)) return raw.slice(0, i);
  }
  return raw;
}

/** `name` of `[ name ]` (or `[[ name ]]`), or null. */
function bracketed(t: string, open: string, close: string): string | null {
  if (!t.startsWith(open) || !t.endsWith(close) || t.length < open.length + close.length + 1) return null;
  const inner = t.slice(open.length, t.length - close.length).trim();
  return inner === '' || inner.includes(']') || (open === '[' && inner.startsWith('[')) ? null : inner;
}

export function readToml(text: string): TomlEntry[] {
  const out: TomlEntry[] = [];
  const counts = new Map<string, number>();
  let table = '';
  let element = -1;
  let open: TomlEntry | null = null;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const t = withoutComment(raw).trim();
    if (open) {
      pushAll(open.items!, strings(t, line));
      if (/^\]|[^[]\]\s*,?$/.test(t) || t === ']') open = null;
      return;
    }
    if (t === '' || t.startsWith('#')) return;
    const arr = bracketed(t, '[[', ']]');
    if (arr) {
      table = arr;
      element = counts.get(table) ?? 0;
      counts.set(table, element + 1);
      return;
    }
    const tbl = bracketed(t, '[', ']');
    if (tbl) {
      table = tbl.replace(/["']/g, '');
      element = -1;
      return;
    }
    const kv = /^("[^"]*"|'[^']*'|[A-Za-z0-9_.-]+)\s*=\s*(.*)$/.exec(t);
    if (!kv) return;
    const value = kv[2];
    const entry: TomlEntry = { table, element, key: unquote(kv[1]), value: unquote(value), items: null, line };
    if (value.startsWith('[')) {
      entry.items = strings(value, line);
      if (!/\]\s*$/.test(value)) open = entry;
    }
    out.push(entry);
  });
  return out;
}

/** `[[package]]` elements as records of key -> entry. */
export function tomlArray(entries: TomlEntry[], table: string): Map<string, TomlEntry>[] {
  const out: Map<string, TomlEntry>[] = [];
  for (const e of entries) {
    if (e.table !== table || e.element < 0) continue;
    (out[e.element] ??= new Map()).set(e.key, e);
  }
  return out.filter(Boolean);
}
