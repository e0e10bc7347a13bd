// Release-note links from endoflife.date's `changelogTemplate`s (shipped in eol.json as `changelog`):
// `__RELEASE_CYCLE__`, `__LATEST__` and `__CODENAME__` placeholders, and inside `{{ }}` the few
// Liquid filters those templates use (replace, split, first, slice, join). Written by hand: a Liquid
// engine for five filters would be a large dependency for one link.
import { eolData } from './data.js';

type Value = string | string[];

function args(text: string): string[] {
  return [...text.matchAll(/'([^']*)'|"([^"]*)"|(-?\d+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

function evaluate(expr: string, vars: Record<string, string>): string | null {
  const [head, ...filters] = expr.split('|').map((p) => p.trim());
  const lit = /^(['"])(.*)\1$/.exec(head ?? '');
  if (!lit) return null;
  let v: Value = fill(lit[2]!, vars);
  for (const f of filters) {
    const [name, rest = ''] = f.split(/:(.*)/s).map((x) => x.trim());
    const a = args(rest);
    if (name === 'replace' && typeof v === 'string' && a.length === 2) v = v.split(a[0]!).join(a[1]!);
    else if (name === 'split' && typeof v === 'string' && a.length === 1) v = v.split(a[0]!);
    else if (name === 'first' && Array.isArray(v)) v = v[0] ?? '';
    else if (name === 'slice' && Array.isArray(v) && a.length === 2) v = v.slice(Number(a[0]), Number(a[0]) + Number(a[1]));
    else if (name === 'join' && Array.isArray(v) && a.length === 1) v = v.join(a[0]!);
    else return null;
  }
  return typeof v === 'string' ? v : null;
}

function fill(text: string, vars: Record<string, string>): string {
  return text.replace(/__([A-Z_]+?)__/g, (m, k: string) => vars[k] ?? m);
}

/** The release notes of `latest` (in release cycle `cycle`) of an end-of-life subject, or null. */
export function releaseNotesUrl(subject: string, cycle: string, latest: string, codename = ''): string | null {
  const template = eolData.subjects[subject]?.changelog;
  if (!template) return null;
  const vars = { RELEASE_CYCLE: cycle, LATEST: latest, CODENAME: codename };
  let failed = false;
  const url = fill(template.replace(/\{\{(.*?)\}\}/gs, (_m, expr: string) => evaluate(expr, vars) ?? ((failed = true), '')), vars);
  return !failed && /^https:\/\/[^\s"<>]+$/.test(url) && !/__[A-Z_]+__/.test(url) ? url : null;
}

/** A release's own page (Alpine's and Debian's announcements), shipped where no template builds one. */
export function releasePageUrl(subject: string, cycle: string): string | null {
  // Ubuntu's template needs the release's full codename, shipped beside it.
  const name = subject === 'ubuntu' ? eolData.ubuntuNames?.[cycle] : undefined;
  if (name) return releaseNotesUrl('ubuntu', cycle, '', name);
  const url = eolData.subjects[subject]?.links?.[cycle];
  return url && /^https:\/\/[^\s"<>]+$/.test(url) ? url : null;
}
