// A unified diff of two texts (line based, Myers' O(ND) algorithm, 3 lines of context), for
// `pin --dry-run` and `recommend --fix --dry-run`. Small enough to own rather than add a dependency.

interface Line {
  text: string;
  /** False for a last line without a trailing newline. */
  eol: boolean;
}

function splitLines(text: string): Line[] {
  if (text === '') return [];
  const parts = text.split('\n');
  const last = parts.pop()!;
  const lines = parts.map((t) => ({ text: t, eol: true }));
  if (last !== '') lines.push({ text: last, eol: false });
  return lines;
}

type Op = { kind: ' ' | '-' | '+'; a: number; b: number };

/** Shortest edit script between a and b (Myers 1986), as a list of keep/delete/insert steps. */
function editScript(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  outer: for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) { x++; y++; }
      v[offset + k] = x;
      if (x >= n && y >= m) break outer;
    }
  }
  // Walk the trace back from (n, m).
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[offset + k - 1]! < vd[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : vd[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) { x--; y--; ops.push({ kind: ' ', a: x, b: y }); }
    if (d > 0) {
      if (x === prevX) { y--; ops.push({ kind: '+', a: x, b: y }); } else { x--; ops.push({ kind: '-', a: x, b: y }); }
    }
  }
  return ops.reverse();
}

function range(start: number, count: number): string {
  const first = count === 0 ? start : start + 1;
  return count === 1 ? `${first}` : `${first},${count}`;
}

/** Unified diff of `before` -> `after`; '' when they are equal. */
export function unifiedDiff(before: string, after: string, oldName: string, newName: string, context = 3): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  const key = (l: Line) => (l.eol ? l.text : `${l.text}\u0000noeol`);
  const ops = editScript(a.map(key), b.map(key));
  const out: string[] = [`--- ${oldName}`, `+++ ${newName}`];
  const changed = ops.map((o, i) => (o.kind !== ' ' ? i : -1)).filter((i) => i >= 0);
  let i = 0;
  while (i < changed.length) {
    // Grow a hunk while the next change is within 2*context lines of the last one.
    let lastChange = changed[i]!;
    let j = i + 1;
    while (j < changed.length && changed[j]! - lastChange - 1 <= 2 * context) lastChange = changed[j++]!;
    const from = Math.max(0, changed[i]! - context);
    const to = Math.min(ops.length, lastChange + context + 1);
    const hunk = ops.slice(from, to);
    const first = hunk[0]!;
    const aCount = hunk.filter((o) => o.kind !== '+').length;
    const bCount = hunk.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${range(first.a, aCount)} +${range(first.b, bCount)} @@`);
    for (const o of hunk) {
      const line = o.kind === '+' ? b[o.b]! : a[o.a]!;
      out.push(`${o.kind}${line.text}`);
      if (!line.eol) out.push('\\ No newline at end of file');
    }
    i = j;
  }
  return `${out.join('\n')}\n`;
}
