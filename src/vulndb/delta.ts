// What a change of base image does to the count, in the words Docker Scout users know.
import { SEVERITIES, type Severity } from './severity.js';
import type { VulnCounts } from './match.js';

export interface VulnDelta {
  /** other - first: negative when the other image has fewer. */
  total: number;
  bySeverity: Record<Severity, number>;
  fixable: number;
}

export function vulnDelta(first: VulnCounts, other: VulnCounts): VulnDelta {
  return {
    total: other.total - first.total,
    bySeverity: Object.fromEntries(SEVERITIES.map((s) => [s, other.bySeverity[s] - first.bySeverity[s]])) as Record<Severity, number>,
    fixable: other.fixable - first.fixable,
  };
}

const few = (n: number): string => `${Math.abs(n)} ${n < 0 ? 'fewer' : 'more'}`;

/** "contains 212 fewer vulnerabilities (3 fewer critical, 12 fewer high)" */
export function deltaText(d: VulnDelta): string {
  if (d.total === 0 && SEVERITIES.every((s) => d.bySeverity[s] === 0)) return 'contains the same vulnerabilities by count';
  const parts = (['critical', 'high'] as const).filter((s) => d.bySeverity[s] !== 0).map((s) => `${few(d.bySeverity[s])} ${s}`);
  const head = d.total === 0 ? 'contains as many vulnerabilities' : `contains ${few(d.total)} ${Math.abs(d.total) === 1 ? 'vulnerability' : 'vulnerabilities'}`;
  return `${head}${parts.length ? ` (${parts.join(', ')})` : ''}`;
}
