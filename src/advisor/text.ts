// The recommendation as a reviewer would write it: what to change, what it saves, why, what to watch.

import type { Recommendation, StageAdvice } from './types.js';
import { formatBytes } from '../util/bytes.js';
import { deltaText } from '../vulndb/delta.js';

const short = (image: string | null): string => (image ?? '(unresolved)').replace(/^docker\.io\/(library\/)?/, '');

function label(s: StageAdvice): string {
  const name = s.name ? ` "${s.name}"` : '';
  return `stage ${s.index}${name}${s.final ? ' (final)' : ''}`;
}

function saving(s: StageAdvice): string | null {
  const { currentBytes: a, recommendedBytes: b } = s.sizes;
  if (a === null || b === null || s.recommended === s.current) return null;
  if (b < a) return `Saves ${formatBytes(a - b)} per pull (${formatBytes(a)} -> ${formatBytes(b)} compressed).`;
  if (b > a) return `Costs ${formatBytes(b - a)} more (${formatBytes(a)} -> ${formatBytes(b)} compressed), for compatibility.`;
  return null;
}

const WHY: Record<string, string> = {
  'static-binary': 'a static binary needs no OS',
  'jvm-fat-jar': 'a fat JAR needs only a JRE',
  'glibc-native': 'native code needs glibc; -slim keeps it without the build tools',
  'musl-native': 'Alpine has the musl libc it links; scratch has no libc and distroless has glibc',
  interpreted: 'no native code, so musl is fine and Alpine is the smallest',
  'max-security': 'goal security: no shell, no package manager, non-root',
  'supported-release': 'the family and variant stay; the release moves to one that still gets fixes',
};

export function formatRecommendation(rec: Recommendation, goal: string): string {
  const out: string[] = [`${rec.file} (goal: ${goal})`, ''];
  for (const s of rec.stages) {
    if (s.recommended === s.current) {
      out.push(`${label(s)}: keep ${short(s.current)}, right for ${s.summary}.`);
      // The root of a final `FROM <stage>` chain carries the final stage's decision: its reasons too.
      if (s.final || s.runtime) out.push(...evidenceLines(s), ...s.risks.map((r) => `  ! ${r}`));
      out.push('');
      continue;
    }
    out.push(`${label(s)}: ${short(s.current)} -> ${s.recommended}  [${s.decision}]`);
    out.push(`  It runs ${s.summary}: ${WHY[s.decision] ?? 'see the evidence'}.`);
    const save = saving(s);
    if (save) out.push(`  ${save}`);
    else if (s.sizes.currentBytes === null || s.sizes.recommendedBytes === null) out.push('  Size: not in the offline catalog (--online measures it).');
    const v = s.vulnerabilities;
    if (v) out.push(v.delta ? `  Vulnerabilities: ${v.current!.total} -> ${v.recommended!.total}: ${s.recommended} ${deltaText(v.delta)}.` : '  Vulnerabilities: not counted (an image could not be read; see the warnings).');
    out.push(...evidenceLines(s));
    for (const r of s.risks) out.push(`  ! ${r}`);
    out.push('');
  }
  for (const w of rec.warnings) out.push(`warning: ${w}`);
  const changed = rec.stages.filter((s) => s.recommended !== s.current).length;
  // A kept line with a risk shown (an end of life with no published successor) is not "right".
  const risky = rec.stages.some((s) => s.recommended === s.current && (s.final || s.runtime) && s.risks.length > 0);
  out.push(changed ? `${changed} FROM line${changed === 1 ? '' : 's'} to change; \`plinth recommend --fix\` rewrites ${changed === 1 ? 'it' : 'them'}.` : risky ? 'No FROM line to change; read the risks above.' : 'Every base image is already the right one.');
  return out.join('\n') + '\n';
}

function evidenceLines(s: StageAdvice): string[] {
  const shown = s.evidence.slice(0, 8).map((e) => `  - ${e.file}${e.line !== null ? `:${e.line}` : ''}: ${e.fact}`);
  if (s.evidence.length > 8) shown.push(`  - ... and ${s.evidence.length - 8} more facts (--format json lists them all)`);
  return shown;
}

/** The JSON contract of `plinth recommend --format json` (issue 4); `warnings`/`fix` only when present. */
export function recommendationJson(rec: Recommendation, fix: unknown = null): Record<string, unknown> {
  const json: Record<string, unknown> = {
    version: rec.version,
    file: rec.file,
    stages: rec.stages.map((s) => ({
      index: s.index, name: s.name, final: s.final, current: s.current, recommended: s.recommended,
      decision: s.decision, evidence: s.evidence, risks: s.risks, sizes: s.sizes,
      ...(s.vulnerabilities ? { vulnerabilities: s.vulnerabilities } : {}),
    })),
  };
  if (rec.warnings.length) json.warnings = rec.warnings;
  if (fix) json.fix = fix;
  return json;
}
