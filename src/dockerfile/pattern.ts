// Shell patterns for `${V#p}`, `${V%p}` and `${V/p/r}`, matched in linear time.
// Written by hand: the patterns come from Dockerfiles, so a JavaScript RegExp (backtracking) lets an
// 82-byte FROM run for minutes (`${a/*a*a*a*a*a*a*a*a*a*a*b/x}`); BuildKit matches in linear time.
// Here the pattern is a list of tokens run as a set of states over the text (Thompson's method):
// O(text x pattern) whatever the input.

type Token =
  | { kind: 'char'; c: string }
  | { kind: 'any' }
  | { kind: 'star' }
  | { kind: 'class'; negate: boolean; singles: string; ranges: [string, string][] };

/** `[...]` starting at `i` (which holds `[`): the class and the index after `]`, or null to take `[` literally. */
function parseClass(p: string, i: number): { token: Token; next: number } | null {
  const end = p.indexOf(']', i + 2);
  if (end < 0) return null;
  let body = p.slice(i + 1, end);
  const negate = body.startsWith('!') || body.startsWith('^');
  if (negate) body = body.slice(1);
  let singles = '';
  const ranges: [string, string][] = [];
  for (let k = 0; k < body.length; k++) {
    let c = body[k]!;
    if (c === '\\' && k + 1 < body.length) c = body[++k]!;
    if (body[k + 1] === '-' && k + 2 < body.length) {
      const to = body[k + 2]!;
      // A reversed range (`[z-a]`) is no class: the `[` is taken literally, as BuildKit does.
      if (to < c) return null;
      ranges.push([c, to]);
      k += 2;
    } else singles += c;
  }
  return { token: { kind: 'class', negate, singles, ranges }, next: end + 1 };
}

function tokens(p: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '*') {
      if (out.at(-1)?.kind !== 'star') out.push({ kind: 'star' });
    } else if (c === '?') out.push({ kind: 'any' });
    else if (c === '\\' && i + 1 < p.length) out.push({ kind: 'char', c: p[++i]! });
    else if (c === '[') {
      const cls = parseClass(p, i);
      if (cls) {
        out.push(cls.token);
        i = cls.next - 1;
      } else out.push({ kind: 'char', c });
    } else out.push({ kind: 'char', c });
  }
  return out;
}

function accepts(t: Token, c: string): boolean {
  switch (t.kind) {
    case 'char':
      return t.c === c;
    case 'any':
      return true;
    case 'class': {
      const hit = t.singles.includes(c) || t.ranges.some(([a, b]) => c >= a && c <= b);
      return hit !== t.negate;
    }
    default:
      return false;
  }
}

/**
 * Runs the pattern from `text[from]`: calls `onAccept(end)` for every end at which the text
 * `[from, end)` matches the whole pattern, in increasing order.
 */
function runAnchored(pat: Token[], text: string, from: number, onAccept: (end: number) => void): void {
  const n = pat.length;
  let states = new Uint8Array(n + 1);
  let next = new Uint8Array(n + 1);
  // A state k means "k tokens matched"; a star can match nothing, so its state also stands at k + 1.
  const close = (set: Uint8Array): boolean => {
    let any = false;
    for (let k = 0; k <= n; k++) {
      if (!set[k]) continue;
      any = true;
      if (k < n && pat[k]!.kind === 'star') set[k + 1] = 1;
    }
    return any;
  };
  states[0] = 1;
  close(states);
  if (states[n]) onAccept(from);
  for (let i = from; i < text.length; i++) {
    next.fill(0);
    const c = text[i]!;
    for (let k = 0; k < n; k++) {
      if (!states[k]) continue;
      const t = pat[k]!;
      if (t.kind === 'star') next[k] = 1;
      else if (accepts(t, c)) next[k + 1] = 1;
    }
    if (!close(next)) return;
    if (next[n]) onAccept(i + 1);
    [states, next] = [next, states];
  }
}

/** `${V#p}` / `${V##p}` (prefix) and `${V%p}` / `${V%%p}` (suffix): shortest, or with `greedy` longest. */
export function trimPattern(value: string, pattern: string, prefix: boolean, greedy: boolean): string {
  if (prefix) {
    let cut = -1;
    runAnchored(tokens(pattern), value, 0, (end) => {
      if (cut < 0 || greedy) cut = end;
    });
    return cut < 0 ? value : value.slice(cut);
  }
  // A suffix is a prefix of the reversed text under the reversed pattern.
  const reversed = [...value].reverse().join('');
  let cut = -1;
  runAnchored(tokens(pattern).reverse(), reversed, 0, (end) => {
    if (cut < 0 || greedy) cut = end;
  });
  return cut < 0 ? value : [...reversed.slice(cut)].reverse().join('');
}

/**
 * The leftmost match of the pattern in `text` from `from`, longest at that start, as [start, end),
 * or null. One pass: each state keeps the earliest start that reaches it.
 */
function leftmostLongest(pat: Token[], text: string, from: number): [number, number] | null {
  const n = pat.length;
  const NONE = -1;
  let states = new Int32Array(n + 1).fill(NONE);
  let next = new Int32Array(n + 1).fill(NONE);
  let best: [number, number] | null = null;
  const add = (set: Int32Array, k: number, start: number): void => {
    for (let j = k; j <= n; j++) {
      if (set[j] === NONE || start < set[j]!) set[j] = start;
      if (j === n || pat[j]!.kind !== 'star') break;
    }
  };
  const accept = (set: Int32Array, end: number): void => {
    const s = set[n]!;
    if (s !== NONE && (best === null || s < best[0] || (s === best[0] && end > best[1]))) best = [s, end];
  };
  for (let i = from; i <= text.length; i++) {
    // A new match may start here unless one has already started earlier.
    if (best === null) add(states, 0, i);
    accept(states, i);
    if (i === text.length) break;
    next.fill(NONE);
    const c = text[i]!;
    let live = false;
    for (let k = 0; k < n; k++) {
      const start = states[k]!;
      if (start === NONE || (best !== null && start > best[0])) continue;
      const t = pat[k]!;
      if (t.kind === 'star') add(next, k, start);
      else if (accepts(t, c)) add(next, k + 1, start);
      else continue;
      live = true;
    }
    [states, next] = [next, states];
    if (!live && best !== null) break;
  }
  return best;
}

/** `${V/p/r}` (first match) and `${V//p/r}` (every match), the replacement taken literally. */
export function replacePattern(value: string, pattern: string, replacement: string, all: boolean): string {
  const pat = tokens(pattern);
  let out = '';
  let at = 0;
  while (at <= value.length) {
    const m = leftmostLongest(pat, value, at);
    if (!m) break;
    out += value.slice(at, m[0]) + replacement;
    // An empty match moves one character on, as a global replace does.
    if (m[1] === m[0]) {
      if (m[0] < value.length) out += value[m[0]];
      at = m[0] + 1;
    } else at = m[1];
    if (!all) break;
  }
  return at <= value.length ? out + value.slice(at) : out;
}
