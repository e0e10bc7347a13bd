// Heredoc markers on a RUN/COPY/ADD line (`<<EOF`, `<<-EOF`, `<<"EOF"`, `3<<EOF`), found the way
// BuildKit finds them: split the line into raw shell words, then match `^(\d*)<<(-?)([^<]*)$`.
import { InputError } from '../util/input-error.js';
import { isSpaceCode } from './chars.js';

export interface HeredocMarker {
  name: string;
  fd: number;
  expand: boolean;
  chomp: boolean;
}

const MARKER = /^(\d*)<<(-?)([^<]*)$/;

/** Splits on unquoted whitespace, keeping quotes and escapes; null on an unterminated quote. */
function rawWords(line: string): string[] | null {
  const out: string[] = [];
  let ws = -1;
  const n = line.length;
  for (let i = 0; i < n; i++) {
    const c = line.charCodeAt(i);
    if (isSpaceCode(c)) {
      if (ws >= 0) out.push(line.slice(ws, i));
      ws = -1;
      continue;
    }
    if (ws < 0) ws = i;
    if (c === 92) i++;
    else if (c === 39) {
      i = line.indexOf("'", i + 1);
      if (i < 0) return null;
    } else if (c === 34) {
      i++;
      while (i < n && line.charCodeAt(i) !== 34) {
        if (line.charCodeAt(i) === 92) i++;
        i++;
      }
      if (i >= n) return null;
    }
  }
  if (ws >= 0) out.push(line.slice(ws));
  return out;
}

/** Quote and escape removal of a heredoc word; several words when unquoted whitespace remains. */
function cookedWords(text: string): string[] {
  const out: string[] = [];
  let word = '';
  let inWord = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (isSpaceCode(c)) {
      if (inWord && word !== '') out.push(word);
      if (word !== '') inWord = false;
      word = '';
      continue;
    }
    inWord = true;
    if (c === 92) {
      if (i + 1 < n) word += text[++i];
    } else if (c === 39) {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw new InputError('unexpected end of statement while looking for matching single-quote');
      word += text.slice(i + 1, end);
      i = end;
    } else if (c === 34) {
      i++;
      while (i < n && text.charCodeAt(i) !== 34) {
        const d = text.charCodeAt(i);
        if (d === 92 && i + 1 < n) {
          const nx = text[i + 1];
          if (nx === '"' || nx === '$' || nx === '\\') i++;
        }
        word += text[i];
        i++;
      }
      if (i >= n) throw new InputError('unexpected end of statement while looking for matching double-quote');
    } else word += text[i];
  }
  if (word !== '') out.push(word);
  return out;
}

function countQuotes(s: string): number {
  let k = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 34 || c === 39) k++;
  }
  return k;
}

/** The heredocs a line opens, in order. Throws only for a malformed marker word. */
export function heredocsFromLine(line: string): HeredocMarker[] {
  const words = rawWords(line);
  if (!words) return [];
  const out: HeredocMarker[] = [];
  for (const w of words) {
    if (!w.includes('<<')) continue;
    const m = MARKER.exec(w);
    if (!m || m[3] === '') continue;
    const rest = m[3]!;
    const cooked = cookedWords(rest);
    if (cooked.length !== 1) continue;
    const name = cooked[0]!;
    out.push({ name, fd: m[1] ? Number(m[1]) : 0, chomp: m[2] === '-', expand: countQuotes(name) === countQuotes(rest) });
  }
  return out;
}
