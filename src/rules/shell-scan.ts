// One pass over a RUN script that finds the programs it runs in command position (after a separator,
// a wrapper such as `sudo` or `then`, and `NAME=value` prefixes), for the rules that care about
// package managers and compilers. Hand-written because these rules run on every file: a few regular
// expressions tried at every position of long scripts cost more than the rest of the lint.

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
const LONGEST = 8;

/** `;` `&` `|` `(` backtick and newline start a new command. */
function startsCommand(c: number): boolean {
  return c === 59 || c === 38 || c === 124 || c === 40 || c === 96 || c === 10;
}

/** Characters that end a word besides white space (a separator, or `)` closing a subshell). */
function endsWord(c: number): boolean {
  return startsCommand(c) || c === 41;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 11 || c === 12;
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

/** Skips blanks and backslash-newline continuations (heredoc bodies keep them). */
function skipBlanks(s: string, i: number, n: number): number {
  while (i < n) {
    const c = s.charCodeAt(i);
    if (isBlank(c)) i++;
    else if (c === 92 && s.charCodeAt(i + 1) === 10) i += 2;
    else if (c === 92 && s.charCodeAt(i + 1) === 13 && s.charCodeAt(i + 2) === 10) i += 3;
    else break;
  }
  return i;
}

function wordEnd(s: string, i: number, n: number): number {
  while (i < n) {
    const c = s.charCodeAt(i);
    if (isBlank(c) || endsWord(c)) break;
    i++;
  }
  return i;
}

/** Program words in command position, in script order; only the package managers and compilers. */
export function commandWords(script: string): CommandWord[] {
  const out: CommandWord[] = [];
  const n = script.length;
  let command = true;
  let afterWrapper = false;
  let i = 0;
  while (i < n) {
    i = skipBlanks(script, i, n);
    if (i >= n) break;
    const c = script.charCodeAt(i);
    if (startsCommand(c)) {
      command = true;
      afterWrapper = false;
      i++;
      continue;
    }
    if (c === 41) {
      command = false;
      i++;
      continue;
    }
    if (c === 35) {
      // A comment runs to the end of the line.
      const nl = script.indexOf('\n', i);
      i = nl < 0 ? n : nl;
      continue;
    }
    const start = i;
    const end = wordEnd(script, i, n);
    i = end;
    if (!command) continue;
    if (isAssignment(script, start, end)) continue;
    if (afterWrapper && c === 45) continue;
    let slash = -1;
    for (let k = end - 1; k >= start; k--) {
      if (script.charCodeAt(k) === 47) {
        slash = k;
        break;
      }
    }
    const nameStart = slash + 1 > start ? slash + 1 : start;
    if (end - nameStart <= LONGEST) {
      const name = script.slice(nameStart, end);
      if (WRAPPERS.has(name)) {
        afterWrapper = true;
        continue;
      }
      const kind = PROGRAMS.get(name);
      if (kind !== undefined) out.push({ name, kind, start, end, path: slash < 0 ? 'none' : c === 47 ? 'absolute' : 'relative' });
    }
    command = false;
    afterWrapper = false;
  }
  return out;
}

/** The words that follow offset `from` up to the end of that command (a separator or `)`). */
export function argsAfter(script: string, from: number): ScriptWord[] {
  const out: ScriptWord[] = [];
  const n = script.length;
  let i = from;
  for (;;) {
    i = skipBlanks(script, i, n);
    if (i >= n || endsWord(script.charCodeAt(i))) return out;
    const end = wordEnd(script, i, n);
    out.push({ value: script.slice(i, end), start: i, end });
    i = end;
  }
}
