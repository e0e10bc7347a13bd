// Severity of one OSV record for one package: the distribution's own rating when it gives one (as Trivy
// prefers the vendor's), else a CVSS base score. CVSS v3.x and v2 base scores are computed by hand: each
// is a dozen lines of the published formula, and no small maintained npm package does only that. v4 is
// a table, not a formula: its scorer (cvss4.ts) is passed in by the caller that loaded it.

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'negligible' | 'unknown';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'negligible', 'unknown'];

/** Where a severity came from, named in every report. */
export type SeveritySource = 'distribution' | 'cvss-v3' | 'cvss-v4' | 'cvss-v2' | 'none';

/** A CVSS v4 base scorer (cvss4.ts), null for a vector it cannot score. */
export type Cvss4Scorer = (vector: string) => number | null;

export interface Rated {
  severity: Severity;
  source: SeveritySource;
  /** The CVSS base score when the severity came from one. */
  score?: number;
}

/** critical 5 … negligible 1, unknown 0: for "at or above" thresholds. */
export function severityRank(s: Severity): number {
  return SEVERITIES.length - 1 - SEVERITIES.indexOf(s);
}

function metrics(vector: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of vector.split('/')) {
    const i = part.indexOf(':');
    if (i > 0) out.set(part.slice(0, i), part.slice(i + 1));
  }
  return out;
}

// CVSS v3.1 "Roundup": the smallest number with one decimal that is >= x, robust to float error.
function roundUp(x: number): number {
  const n = Math.round(x * 100000);
  return n % 10000 === 0 ? n / 100000 : (Math.floor(n / 10000) + 1) / 10;
}

/** Base score of a `CVSS:3.0/...` or `CVSS:3.1/...` vector, null when a base metric is missing. */
export function cvss3Score(vector: string): number | null {
  const m = metrics(vector);
  if (!/^3\.[01]$/.test(m.get('CVSS') ?? '')) return null;
  const changed = m.get('S') === 'C';
  const AV = ({ N: 0.85, A: 0.62, L: 0.55, P: 0.2 } as Record<string, number>)[m.get('AV') ?? ''];
  const AC = ({ L: 0.77, H: 0.44 } as Record<string, number>)[m.get('AC') ?? ''];
  const PR = (changed ? { N: 0.85, L: 0.68, H: 0.5 } : ({ N: 0.85, L: 0.62, H: 0.27 } as Record<string, number>))[m.get('PR') ?? ''];
  const UI = ({ N: 0.85, R: 0.62 } as Record<string, number>)[m.get('UI') ?? ''];
  const cia = ['C', 'I', 'A'].map((k) => ({ H: 0.56, L: 0.22, N: 0 } as Record<string, number>)[m.get(k) ?? '']);
  if (AV === undefined || AC === undefined || PR === undefined || UI === undefined || cia.some((v) => v === undefined) || !/^[UC]$/.test(m.get('S') ?? '')) return null;
  const iss = 1 - cia.reduce((p, v) => p * (1 - v!), 1);
  const impact = changed ? 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15 : 6.42 * iss;
  if (impact <= 0) return 0;
  const exploitability = 8.22 * AV * AC * PR * UI;
  return roundUp(Math.min((changed ? 1.08 : 1) * (impact + exploitability), 10));
}

/** Base score of a CVSS v2 vector (`AV:N/AC:L/Au:N/C:P/I:P/A:P`), null when a base metric is missing. */
export function cvss2Score(vector: string): number | null {
  const m = metrics(vector.replace(/^\(|\)$/g, ''));
  const AV = ({ L: 0.395, A: 0.646, N: 1 } as Record<string, number>)[m.get('AV') ?? ''];
  const AC = ({ H: 0.35, M: 0.61, L: 0.71 } as Record<string, number>)[m.get('AC') ?? ''];
  const Au = ({ M: 0.45, S: 0.56, N: 0.704 } as Record<string, number>)[m.get('Au') ?? ''];
  const cia = ['C', 'I', 'A'].map((k) => ({ N: 0, P: 0.275, C: 0.66 } as Record<string, number>)[m.get(k) ?? '']);
  if (AV === undefined || AC === undefined || Au === undefined || cia.some((v) => v === undefined)) return null;
  const impact = 10.41 * (1 - cia.reduce((p, v) => p * (1 - v!), 1));
  const exploitability = 20 * AV * AC * Au;
  const score = (0.6 * impact + 0.4 * exploitability - 1.5) * (impact === 0 ? 0 : 1.176);
  return Math.round(score * 10) / 10;
}

/** CVSS v3 qualitative rating; v2 has no critical band and no "none". */
function fromScore(score: number, v2: boolean): Severity {
  if (!v2 && score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0 || v2) return 'low';
  return 'negligible';
}

// Debian's tracker urgency and Ubuntu's priority; anything else ("not yet assigned", "untriaged") says nothing.
const DISTRIBUTION: Record<string, Severity> = {
  unimportant: 'negligible',
  negligible: 'negligible',
  low: 'low',
  medium: 'medium',
  moderate: 'medium',
  important: 'high',
  high: 'high',
  critical: 'critical',
};

export function distributionSeverity(word: unknown): Severity | null {
  if (typeof word !== 'string') return null;
  return DISTRIBUTION[word.toLowerCase().replace(/\*+$/, '').trim()] ?? null;
}

const PREFERENCE: Record<SeveritySource, number> = { distribution: 0, 'cvss-v3': 1, 'cvss-v4': 2, 'cvss-v2': 3, none: 4 };

export interface OsvSeverity {
  type?: unknown;
  score?: unknown;
}

/**
 * Rates one record for one affected package: a distribution rating (`ecosystem_specific.urgency`,
 * `database_specific.severity`, an `Ubuntu` severity entry) first, then the highest CVSS v3, then v4
 * (when a scorer is given), then v2. v3 goes before v4 because it is what NVD, the distributions and
 * Trivy's ratings are calibrated on; a record with only a v4 vector is still rated.
 */
export function rate(severities: OsvSeverity[], distributionWords: unknown[], cvss4?: Cvss4Scorer): Rated {
  for (const w of distributionWords) {
    const s = distributionSeverity(w);
    if (s) return { severity: s, source: 'distribution' };
  }
  for (const e of severities) {
    if (e.type === 'Ubuntu') {
      const s = distributionSeverity(e.score);
      if (s) return { severity: s, source: 'distribution' };
    }
  }
  let best: Rated | null = null;
  for (const e of severities) {
    if (typeof e.score !== 'string') continue;
    const v3 = e.type === 'CVSS_V3' ? cvss3Score(e.score) : null;
    const v4 = e.type === 'CVSS_V4' && cvss4 ? cvss4(e.score) : null;
    const v2 = e.type === 'CVSS_V2' ? cvss2Score(e.score) : null;
    const r: Rated | null =
      v3 !== null
        ? { severity: fromScore(v3, false), source: 'cvss-v3', score: v3 }
        : v4 !== null
          ? { severity: fromScore(v4, false), source: 'cvss-v4', score: v4 }
          : v2 !== null
            ? { severity: fromScore(v2, true), source: 'cvss-v2', score: v2 }
            : null;
    if (r && (!best || PREFERENCE[r.source] < PREFERENCE[best.source] || (best.source === r.source && r.score! > best.score!))) best = r;
  }
  return best ?? { severity: 'unknown', source: 'none' };
}
