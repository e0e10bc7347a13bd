import type { Rule, StageInfo } from './types.js';
import type { EndOfLife } from '../catalog/types.js';
import { debianCodename, newestSupported } from '../catalog/eol.js';
import { familiarName } from '../reference/parse.js';
import { imageColumn, shown } from './helpers.js';

/** The same image on the newest supported release of what reached end of life. */
function upgrade(info: StageInfo, eol: EndOfLife, date: string): string | null {
  const ref = info.ref!;
  const tag = ref.tag ?? 'latest';
  const next = newestSupported(eol.id, date);
  if (!next) return null;
  const name = familiarName(ref);
  if (eol.kind === 'runtime' && info.facts?.runtimeVersion && tag.startsWith(info.facts.runtimeVersion)) {
    // Keep the variant suffix, drop a pinned Debian/Alpine release that may itself be old.
    const rest = tag.slice(info.facts.runtimeVersion.length).replace(/-(buster|stretch|jessie|bullseye|alpine3\.\d+)/, (m) => (m.startsWith('-alpine') ? '-alpine' : ''));
    return `${name}:${next}${rest}`;
  }
  if (eol.id === 'debian') {
    const codename = debianCodename(next) ?? next;
    const old = info.facts?.distroVersion ?? '';
    return tag.includes(old) && old ? `${name}:${tag.replace(old, codename)}` : null;
  }
  if (eol.id === 'alpine' && info.facts?.distroVersion) {
    return `${name}:${tag.replace(info.facts.distroVersion, next)}`;
  }
  if (eol.id === 'ubuntu' && info.facts?.distroVersion) return `${name}:${next}`;
  return null;
}

export const eolBaseImage: Rule = {
  meta: {
    id: 'eol-base-image',
    severity: 'warning',
    description: 'The runtime or distribution of the image is past its end of life: no more security fixes.',
    docs: 'docs/rules/eol-base-image.md',
    fixable: false,
  },
  check(ctx) {
    for (const info of ctx.stages) {
      if (!info.ref || !info.facts) continue;
      const past = info.facts.eol.filter((e) => e.date <= ctx.date);
      if (past.length === 0) continue;
      const s = info.stage;
      const ended = (e: EndOfLife) => `${e.subject} reached end of life on ${e.date}`;
      // (Mostly one: no list to join.)
      const what = past.length === 1 ? ended(past[0]!) : past.map(ended).join(' and ');
      ctx.report({
        line: s.from.line, column: imageColumn(s), stage: s.index,
        message: `${shown(s)}: ${what}; it gets no security fixes (source: ${past[0]!.source})`,
        suggestion: upgrade(info, past[0]!, ctx.date),
      });
    }
  },
};
