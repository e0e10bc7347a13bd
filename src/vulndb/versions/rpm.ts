// rpm's version order: epoch, version, release, each by rpmvercmp (`~` sorts before anything, `^` after
// the end but before any other segment; separators only split). Written by hand: no maintained npm
// package implements rpmvercmp with `~` and `^`.

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isSeparator = (c: number): boolean => !isDigit(c) && !isLetter(c) && c !== 126 && c !== 94;

function rpmvercmp(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '' || b === '') return a === '' ? -1 : 1;
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < a.length && isSeparator(a.charCodeAt(i))) i++;
    while (j < b.length && isSeparator(b.charCodeAt(j))) j++;
    const ta = a.charCodeAt(i) === 126;
    const tb = b.charCodeAt(j) === 126;
    if (ta || tb) {
      if (!(ta && tb)) return ta ? -1 : 1;
      i++;
      j++;
      continue;
    }
    const ca = a.charCodeAt(i) === 94;
    const cb = b.charCodeAt(j) === 94;
    if (ca || cb) {
      if (ca && cb) {
        i++;
        j++;
        continue;
      }
      // `1.0^x` is newer than `1.0` but older than `1.0.1`.
      if (ca) return j >= b.length ? 1 : -1;
      return i >= a.length ? -1 : 1;
    }
    if (i >= a.length || j >= b.length) break;
    const numeric = isDigit(a.charCodeAt(i));
    const same = numeric ? isDigit : isLetter;
    const si = i;
    const sj = j;
    while (i < a.length && same(a.charCodeAt(i))) i++;
    while (j < b.length && same(b.charCodeAt(j))) j++;
    // A numeric segment is newer than an alphabetic one.
    if (sj === j) return numeric ? 1 : -1;
    let sa = a.slice(si, i);
    let sb = b.slice(sj, j);
    if (numeric) {
      sa = sa.replace(/^0+/, '');
      sb = sb.replace(/^0+/, '');
      if (sa.length !== sb.length) return sa.length - sb.length;
    }
    if (sa !== sb) return sa < sb ? -1 : 1;
  }
  const la = a.length - i;
  const lb = b.length - j;
  return la === lb ? 0 : la > lb ? 1 : -1;
}

/** `[epoch:]version[-release]`: a missing epoch is 0; the release keeps its dash so `1` < `1-`. */
function parts(v: string): [string, string, string] {
  const colon = v.indexOf(':');
  const hasEpoch = colon >= 0 && /^\d*$/.test(v.slice(0, colon));
  const epoch = hasEpoch ? v.slice(0, colon) || '0' : '0';
  const vr = hasEpoch ? v.slice(colon + 1) : v;
  const dash = vr.indexOf('-');
  return dash >= 0 ? [epoch, vr.slice(0, dash), vr.slice(dash)] : [epoch, vr, ''];
}

/** Negative, zero or positive as `a` sorts before, with or after `b` in rpm's order. */
export function compareRpm(a: string, b: string): number {
  const [ea, va, ra] = parts(a.trim());
  const [eb, vb, rb] = parts(b.trim());
  return rpmvercmp(ea, eb) || rpmvercmp(va, vb) || rpmvercmp(ra, rb);
}
