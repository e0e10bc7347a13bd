// The package managers and compilers a RUN script runs in command position (after a separator, a
// wrapper such as `sudo` or `then`, and `NAME=value` prefixes), found once per script for the rules
// that care. These rules run on every file, so the cost matters: see `commandWords`.

export type ProgramKind = 'package-manager' | 'compiler';

export interface CommandWord {
  /** Program name without its directory (`/sbin/apk` -> `apk`). */
  name: string;
  kind: ProgramKind;
  /** Offsets of the whole word (directory included) in the script. */
  start: number;
  end: number;
  /** The word named a directory: `/` first (absolute) or not (`./mvnw`). */
  path: 'none' | 'absolute' | 'relative';
}

export interface ScriptWord {
  value: string;
  start: number;
  end: number;
}

const PROGRAMS = new Map<string, ProgramKind>([
  ...['apt-get', 'apt', 'aptitude', 'apk', 'yum', 'dnf', 'microdnf'].map((n) => [n, 'package-manager'] as const),
  ...['go', 'cargo', 'gcc', 'g++', 'cc', 'clang', 'clang++', 'javac', 'node-gyp', 'make', 'mvn', 'mvnw', 'gradle', 'gradlew', 'dotnet'].map((n) => [n, 'compiler'] as const),
]);
/** Words after which the next word is again a command (their own `-flags` skipped). */
const WRAPPERS = new Set(['sudo', 'then', 'do', 'else', 'exec', 'env', 'time', 'nohup', 'xargs', 'command', 'if', 'while', 'until', '!', '{']);

// Character classes of the ASCII range; everything else is part of a word.
const WORD = 0;
const BLANK = 1;
/** `;` `&` `|` `(` backtick and newline start a new command. */
const SEPARATOR = 2;
/** `)` ends a subshell: what follows is not in command position. */
const CLOSE = 3;
const CLASS = new Uint8Array(128);
for (const c of [32, 9, 13, 11, 12]) CLASS[c] = BLANK;
for (const c of ';&|(`\n') CLASS[c.charCodeAt(0)] = SEPARATOR;
CLASS[41] = CLOSE;

function classOf(c: number): number {
  return c < 128 ? CLASS[c]! : WORD;
}

/** Whether a character belongs to a word (not a blank, a separator or `)`). */
export function isWordCode(c: number): boolean {
  return c >= 128 || CLASS[c] === WORD;
}

/** `NAME=value` (an assignment before a command). */
function isAssignment(s: string, start: number, end: number): boolean {
  let c = s.charCodeAt(start);
  if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95)) return false;
  for (let i = start + 1; i < end; i++) {
    c = s.charCodeAt(i);
    if (c === 61) return true;
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95)) return false;
  }
  return false;
}

/** Offset just past the word starting at i. */
function wordEnd(s: string, i: number, n: number): number {
  while (i < n && classOf(s.charCodeAt(i)) === WORD) i++;
  return i;
}

/** A backslash-newline continuation at i (heredoc bodies keep them): its length, else 0. */
function continuation(s: string, i: number): number {
  const d = s.charCodeAt(i + 1);
  if (d === 10) return 2;
  return d === 13 && s.charCodeAt(i + 2) === 10 ? 3 : 0;
}

// Every program name above at a word boundary, longest first where one is a prefix of another.
const CANDIDATES = /\b(?:apt-get|aptitude|apt|apk|yum|microdnf|dnf|go|cargo|gcc|g\+\+|cc|clang\+\+|clang|javac|node-gyp|make|mvnw|mvn|gradlew|gradle|dotnet)/g;

/** Program words in command position, in script order; only the package managers and compilers. */
export function commandWords(script: string): CommandWord[] {
  // The regular expression finds the few candidates (a native scan); the code then checks each one's
  // place, since a full scan of every script in JavaScript costs more than all the rules.
  const out: CommandWord[] = [];
  const line: LineCursor | null = script.indexOf('\n') >= 0 ? { at: 0, start: 0 } : null;
  const re = CANDIDATES;
  re.lastIndex = 0;
  for (let m = re.exec(script); m !== null; m = re.exec(script)) {
    const nameStart = m.index;
    const end = nameStart + m[0].length;
    if (end < script.length && classOf(script.charCodeAt(end)) === WORD) continue;
    let start = nameStart;
    while (start > 0 && classOf(script.charCodeAt(start - 1)) === WORD) start--;
    // Only a directory may come before the name in the same word (`/sbin/apk`, `./mvnw`).
    if (start < nameStart && script.charCodeAt(nameStart - 1) !== 47) continue;
    if (!inCommandPosition(script, start, line)) continue;
    out.push({ name: m[0], kind: PROGRAMS.get(m[0])!, start, end, path: start === nameStart ? 'none' : script.charCodeAt(start) === 47 ? 'absolute' : 'relative' });
  }
  return out;
}

/** Whether the word at `start` is run as a command: first after a separator, an assignment or a wrapper. */
function inCommandPosition(s: string, start: number, line: LineCursor | null): boolean {
  let i = start - 1;
  let flag = false;
  for (;;) {
    while (i >= 0) {
      const c = s.charCodeAt(i);
      if (classOf(c) === BLANK) i--;
      else if (c === 10 && s.charCodeAt(i - 1) === 92) i -= 2;
      else if (c === 10 && s.charCodeAt(i - 1) === 13 && s.charCodeAt(i - 2) === 92) i -= 3;
      else break;
    }
    if (i < 0) return !flag && !(line && commentLine(s, start, line));
    const cls = classOf(s.charCodeAt(i));
    if (cls === SEPARATOR) return !flag && !(line && commentLine(s, start, line));
    if (cls === CLOSE) return false;
    const end = i + 1;
    while (i >= 0 && classOf(s.charCodeAt(i)) === WORD) i--;
    const ws = i + 1;
    if (isAssignment(s, ws, end)) continue;
    if (s.charCodeAt(ws) === 45) {
      flag = true;
      continue;
    }
    // (A '/' searched for within the word only: lastIndexOf would scan back through the whole
    // script when the word has none, once per candidate: quadratic, 30 s for a 100,000-line RUN.)
    let nameStart = end;
    while (nameStart > ws && s.charCodeAt(nameStart - 1) !== 47) nameStart--;
    return end - nameStart <= 7 && WRAPPERS.has(s.slice(nameStart, end)) && !(line && commentLine(s, start, line));
  }
}

/** A `#` comment line of a heredoc script. */
/**
 * Where the line of the last candidate starts (null for a script of one line). Candidates come in
 * script order, so the next one's line start is found between the two: scanning back to the start
 * of a long line for each candidate was quadratic.
 */
interface LineCursor { at: number; start: number }

function lineStart(s: string, at: number, line: LineCursor): number {
  const from = at < line.at ? 0 : line.at;
  for (let i = at - 1; i >= from; i--) {
    if (s.charCodeAt(i) === 10) {
      line.start = i + 1;
      break;
    }
    if (i === 0) line.start = 0;
  }
  line.at = at;
  return line.start;
}

function commentLine(s: string, at: number, line: LineCursor): boolean {
  let i = lineStart(s, at, line);
  while (i < at && classOf(s.charCodeAt(i)) === BLANK) i++;
  return s.charCodeAt(i) === 35;
}

/** Skips blanks and continuations. */
function skipBlanks(s: string, i: number, n: number): number {
  while (i < n) {
    const c = s.charCodeAt(i);
    if (classOf(c) === BLANK) i++;
    else if (c === 92 && continuation(s, i) > 0) i += continuation(s, i);
    else break;
  }
  return i;
}

/** The words that follow offset `from` up to the end of that command (a separator or `)`). */
export function argsAfter(script: string, from: number): ScriptWord[] {
  const out: ScriptWord[] = [];
  const n = script.length;
  let i = from;
  for (;;) {
    i = skipBlanks(script, i, n);
    if (i >= n || classOf(script.charCodeAt(i)) !== WORD) return out;
    const end = wordEnd(script, i, n);
    out.push({ value: script.slice(i, end), start: i, end });
    i = end;
  }
}

/** Start of the next word of the same command at or after `from`, or -1 at its end (no allocation). */
export function nextWord(script: string, from: number): number {
  const i = skipBlanks(script, from, script.length);
  return i < script.length && classOf(script.charCodeAt(i)) === WORD ? i : -1;
}

/** End of the word that starts at `start`. */
export function endOfWord(script: string, start: number): number {
  return wordEnd(script, start, script.length);
}
