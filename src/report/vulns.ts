// Output of `plinth vulns`: text for people, JSON (the contract in docs/vulns.md), SARIF for code scanning.
import { SEVERITIES, type Severity } from '../vulndb/severity.js';
import type { VulnCounts, VulnFinding } from '../vulndb/match.js';
import type { ImageVulns, ScanResult } from '../vulns/scan.js';
import { printable } from '../util/printable.js';
import { packageInfo } from './sarif.js';

/** "45 vulnerabilities (2 critical, 5 high, …); 12 fixable, 33 with no fix yet" */
export function countsText(c: VulnCounts): string {
  const parts = SEVERITIES.filter((s) => c.bySeverity[s] > 0).map((s) => `${c.bySeverity[s]} ${s}`);
  return `${c.total} ${c.total === 1 ? 'vulnerability' : 'vulnerabilities'}${parts.length ? ` (${parts.join(', ')})` : ''}; ${c.fixable} fixable, ${c.unfixed} with no fix yet`;
}

function findingLine(f: VulnFinding): string {
  const p = f.package;
  const bins = p.binaries.length === 1 && p.binaries[0] === p.source ? '' : ` (${p.binaries.slice(0, 4).join(', ')}${p.binaries.length > 4 ? `, +${p.binaries.length - 4}` : ''})`;
  const fix = f.fixedVersion === null ? 'no fix yet' : `fixed in ${f.fixedVersion}`;
  const also = f.records.filter((r) => r !== f.id);
  return `  ${f.severity.toUpperCase().padEnd(10)} ${f.id.padEnd(16)} ${p.source} ${p.version}${bins}  ${fix}${also.length ? `  [${also.slice(0, 3).join(', ')}]` : ''}`;
}

export function imageText(img: ImageVulns, onlyFixable: boolean): string[] {
  const os = img.release ?? (img.os ? `${img.os.id ?? '?'} ${img.os.versionId ?? ''}`.trim() : 'no OS');
  const lines = [`${printable(img.reference)} (${os}, ${img.packages.count} packages): ${countsText(img.counts)}`];
  for (const f of img.findings) if (!onlyFixable || f.fixedVersion !== null) lines.push(printable(findingLine(f)));
  for (const w of img.warnings) lines.push(`  note: ${printable(w)}`);
  return lines;
}

export function vulnsText(result: ScanResult, onlyFixable: boolean): string {
  const lines = result.images.flatMap((img) => [...imageText(img, onlyFixable), '']);
  lines.push(`vulnerability data: OSV, taken ${result.data.updatedAt} (${result.data.age}); severity is the distribution's rating, else the CVSS base score`);
  return `${lines.join('\n')}\n`;
}

export function vulnsJson(result: ScanResult, onlyFixable: boolean): string {
  const images = result.images.map((img) => ({ ...img, findings: onlyFixable ? img.findings.filter((f) => f.fixedVersion !== null) : img.findings }));
  return `${JSON.stringify({ schema: 1, data: { source: 'OSV', updatedAt: result.data.updatedAt, stale: result.data.stale }, images }, null, 2)}\n`;
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', negligible: 'note', unknown: 'note' };
// GitHub code scanning ranks by `security-severity` (a CVSS-like number) when the rule has one.
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '2.0', negligible: '0.5', unknown: '0.0' };

export function vulnsSarif(result: ScanResult, onlyFixable: boolean): string {
  const { version, homepage } = packageInfo();
  const rules = new Map<string, object>();
  const results: object[] = [];
  for (const img of result.images) {
    for (const f of img.findings) {
      if (onlyFixable && f.fixedVersion === null) continue;
      if (!rules.has(f.id)) {
        rules.set(f.id, {
          id: f.id,
          shortDescription: { text: f.summary ?? f.id },
          helpUri: `https://osv.dev/vulnerability/${encodeURIComponent(f.records[0] ?? f.id)}`,
          defaultConfiguration: { level: LEVEL[f.severity] },
          properties: { 'security-severity': f.score !== null ? f.score.toFixed(1) : SECURITY_SEVERITY[f.severity], tags: ['security', 'vulnerability', f.severity] },
        });
      }
      results.push({
        ruleId: f.id,
        level: LEVEL[f.severity],
        message: { text: `${f.package.source} ${f.package.version} in ${img.reference}: ${f.id} (${f.severity}), ${f.fixedVersion === null ? 'no fix yet' : `fixed in ${f.fixedVersion}`}` },
        locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(img.reference) } }, message: { text: img.reference } }],
        partialFingerprints: { vulnerability: `${f.id}/${f.package.source}/${img.reference}` },
        properties: { records: f.records, package: f.package, fixedVersion: f.fixedVersion, severitySource: f.severitySource },
      });
    }
  }
  const run = {
    tool: { driver: { name: 'plinth', version, ...(homepage ? { informationUri: homepage } : {}), rules: [...rules.values()] } },
    results,
  };
  return `${JSON.stringify({ $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [run] }, null, 2)}\n`;
}
