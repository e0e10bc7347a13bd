// CVSS v4.0 base scores (CVSS-B). v4 is not a formula like v3 but a lookup of 270 macro-vectors
// with interpolation between them, too much data to keep by hand, so the score comes from
// ae-cvss-calculator (maintained, no dependencies, all four CVSS versions). It is loaded only by
// `db update`, where records are rated; nothing else pays for it.
import calculator from 'ae-cvss-calculator';

// The eleven base metrics, each required exactly once, and the values each may take.
const BASE: Record<string, readonly string[]> = {
  AV: ['N', 'A', 'L', 'P'],
  AC: ['L', 'H'],
  AT: ['N', 'P'],
  PR: ['N', 'L', 'H'],
  UI: ['N', 'P', 'A'],
  VC: ['H', 'L', 'N'],
  VI: ['H', 'L', 'N'],
  VA: ['H', 'L', 'N'],
  SC: ['H', 'L', 'N'],
  SI: ['H', 'L', 'N'],
  SA: ['H', 'L', 'N'],
};

/**
 * The base score of a `CVSS:4.0/...` vector, or null when it is not one: a base metric missing,
 * repeated or out of range. Threat, environmental and supplemental metrics are left out, so the
 * score is the base one (the calculator would otherwise fold `E:U` into it).
 */
export function cvss4Score(vector: string): number | null {
  if (vector.length > 512 || !vector.startsWith('CVSS:4.0/')) return null;
  const seen = new Map<string, string>();
  for (const part of vector.slice('CVSS:4.0/'.length).split('/')) {
    const i = part.indexOf(':');
    if (i <= 0) return null;
    const key = part.slice(0, i);
    if (seen.has(key)) return null;
    seen.set(key, part.slice(i + 1));
  }
  const base: string[] = [];
  for (const [key, values] of Object.entries(BASE)) {
    const value = seen.get(key);
    if (value === undefined || !values.includes(value)) return null;
    base.push(`${key}:${value}`);
  }
  const score = new calculator.Cvss4P0(`CVSS:4.0/${base.join('/')}`).calculateScores().base;
  return typeof score === 'number' && score >= 0 && score <= 10 ? Math.round(score * 10) / 10 : null;
}
