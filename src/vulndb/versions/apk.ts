// apk's version order: `number{.number}{letter}{_suffix{number}}{~hash}{-rN}`, compared part by part.
// Written by hand: no maintained npm package implements it. Invalid versions (anything left over that
// is not `-rN`) still order by their valid prefix, and two invalid ones by plain text, as apk does.

const SUFFIXES = ['alpha', 'beta', 'pre', 'rc', '', 'cvs', 'svn', 'git', 'hg', 'p'];
const NO_SUFFIX = { weight: 4, number: '0' };

interface ApkVersion {
  text: string;
  invalid: boolean;
  numbers: string[];
  letter: string;
  suffixes: { weight: number; number: string }[];
  build: string;
  rest: string;
}

function parse(text: string): ApkVersion {
  const v: ApkVersion = { text, invalid: false, numbers: [], letter: '', suffixes: [], build: '0', rest: '' };
  let s = text;
  const nums = /^(?:\d+\.?)*/.exec(s)![0];
  for (const d of nums.split('.')) {
    if (d === '') break;
    v.numbers.push(d);
  }
  s = s.slice(nums.length);
  if (/^[a-z]/.test(s)) {
    v.letter = s[0]!;
    s = s.slice(1);
  }
  for (let m = /^_(alpha|beta|pre|rc|cvs|svn|git|hg|p)(\d*)/.exec(s); m; m = /^_(alpha|beta|pre|rc|cvs|svn|git|hg|p)(\d*)/.exec(s)) {
    v.suffixes.push({ weight: SUFFIXES.indexOf(m[1]!), number: m[2] || '0' });
    s = s.slice(m[0].length);
  }
  s = s.replace(/^~[0-9a-f]+/, '');
  if (s !== '') {
    const m = /^-r(\d*)/.exec(s);
    if (m) {
      v.build = m[1] || '0';
      s = s.slice(m[0].length);
    } else v.invalid = true;
  }
  v.rest = s;
  return v;
}

function compareNumber(a: string, b: string): number {
  const x = a.replace(/^0+/, '');
  const y = b.replace(/^0+/, '');
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function compareNumbers(a: string[], b: string[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? '0';
    const y = b[i] ?? '0';
    // After the first component, a leading zero makes it a fraction: `1.02` < `1.1`, compared as text.
    const d = i > 0 && (x[0] === '0' || y[0] === '0') ? compareText(x, y) : compareNumber(x, y);
    if (d !== 0) return d;
  }
  return 0;
}

function compareParsed(a: ApkVersion, b: ApkVersion): number {
  if (a.invalid && b.invalid) return compareText(a.text, b.text);
  let d = compareNumbers(a.numbers, b.numbers);
  if (d !== 0) return d;
  if (a.letter !== b.letter) return a.letter === '' ? -1 : b.letter === '' ? 1 : compareText(a.letter, b.letter);
  for (let i = 0; i < Math.max(a.suffixes.length, b.suffixes.length); i++) {
    const x = a.suffixes[i] ?? NO_SUFFIX;
    const y = b.suffixes[i] ?? NO_SUFFIX;
    d = x.weight - y.weight || compareNumber(x.number, y.number);
    if (d !== 0) return d;
  }
  d = compareNumber(a.build, b.build);
  if (d !== 0) return d;
  // Whatever could not be read sorts before a clean end.
  if ((a.rest === '') !== (b.rest === '')) return a.rest === '' ? 1 : -1;
  return 0;
}

/** Negative, zero or positive as `a` sorts before, with or after `b` in apk's order. */
export function compareApk(a: string, b: string): number {
  return compareParsed(parse(a.trim()), parse(b.trim()));
}
