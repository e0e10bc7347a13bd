// Online rule, off until a config sets `vulnerabilities.threshold`: the base image has vulnerabilities
// at or above it that its distribution has fixed. The first answer is a refresh (the same tag's newer
// digest, when a pinned tag moved and the new image no longer has them), then the newest listed patch
// of an official image's line; else the rebuild to ask for.
import { formatReference } from '../reference/parse.js';
import type { VulnFinding } from '../vulndb/match.js';
import { severityRank } from '../vulndb/severity.js';
import type { Rule } from './types.js';

function atOrAbove(findings: VulnFinding[], threshold: Parameters<typeof severityRank>[0]): VulnFinding[] {
  return findings.filter((f) => f.fixedVersion !== null && severityRank(f.severity) >= severityRank(threshold));
}

function listed(findings: VulnFinding[]): string {
  const shown = findings.slice(0, 3).map((f) => `${f.id} in ${f.package.source} (${f.severity}, fixed in ${f.fixedVersion})`);
  return `${shown.join(', ')}${findings.length > 3 ? `, and ${findings.length - 3} more` : ''}`;
}

/** How many of `hits` the other image no longer has at or above the threshold. */
function fixedBy(hits: VulnFinding[], other: VulnFinding[], threshold: Parameters<typeof severityRank>[0]): number {
  const left = new Set(atOrAbove(other, threshold).map((f) => `${f.id}/${f.package.source}`));
  return hits.filter((f) => !left.has(`${f.id}/${f.package.source}`)).length;
}

export const vulnerableBaseImage: Rule = {
  meta: {
    id: 'vulnerable-base-image',
    severity: 'warning',
    description: 'The base image has fixable vulnerabilities at or above the configured threshold (vulnerabilities.threshold).',
    docs: 'docs/rules/vulnerable-base-image.md',
    fixable: true,
    online: true,
  },
  check(ctx) {
    const threshold = ctx.config.vulnerabilities.threshold;
    if (threshold === null || !ctx.online?.vulns) return;
    for (const info of ctx.stages) {
      const ref = info.ref;
      if (!ref || info.stage.fromStage !== null) continue;
      const fact = ctx.online.vulns.get(formatReference(ref));
      if (!fact) continue;
      const hits = atOrAbove(fact.findings, threshold);
      if (hits.length === 0) continue;
      const name = ref.original;
      let advice: string;
      let suggestion: string | null = null;
      if (fact.refresh) {
        const fixed = fixedBy(hits, fact.refresh.findings, threshold);
        const base = name.slice(0, name.lastIndexOf('@'));
        if (fixed > 0) {
          suggestion = `${base}@${fact.refresh.digest}`;
          advice = `the tag's current digest ${fact.refresh.digest} fixes ${fixed === hits.length ? 'all of them' : `${fixed} of them`}; refresh the pin (plinth pin --refresh)`;
        } else {
          advice = "the tag's current digest has them too; upgrade the packages in the image or wait for the upstream rebuild";
        }
      } else if (fact.newer && fixedBy(hits, fact.newer.findings, threshold) > 0) {
        const fixed = fixedBy(hits, fact.newer.findings, threshold);
        suggestion = `${name.slice(0, name.lastIndexOf(':'))}:${fact.newer.tag}`;
        advice = `the newer tag ${fact.newer.tag} fixes ${fixed === hits.length ? 'all of them' : `${fixed} of them`}`;
      } else {
        advice = ref.digest
          ? 'no newer digest of this tag fixes them yet; upgrade the packages in the image or wait for the upstream rebuild'
          : 'this tag has not been rebuilt with the fixes yet; upgrade the packages in the image (apt-get upgrade, apk upgrade) or wait for the upstream rebuild';
      }
      ctx.report({
        line: info.stage.from.line,
        column: info.stage.from.column,
        stage: info.stage.index,
        message: `${name} has ${hits.length} fixable ${hits.length === 1 ? 'vulnerability' : 'vulnerabilities'} at or above ${threshold}: ${listed(hits)}; ${advice}`,
        suggestion,
      });
    }
  },
};
