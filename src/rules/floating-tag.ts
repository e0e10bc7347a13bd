import type { Rule } from './types.js';
import { isFloating, splitTag } from '../catalog/tag.js';
import { imageColumn, pinningAsked, shown } from './helpers.js';

export const floatingTag: Rule = {
  meta: {
    id: 'floating-tag',
    severity: 'info',
    description: 'With pinning: version, the tag moves with releases (22, 3.12, bookworm, 22-alpine), so builds change under you.',
    docs: 'docs/rules/floating-tag.md',
    fixable: false,
  },
  check(ctx) {
    if (!pinningAsked(ctx, 'floating-tag', 'version')) return;
    for (const info of ctx.stages) {
      const ref = info.ref;
      if (!ref || ref.digest || ref.tag === null || ref.tag === 'latest') continue;
      // The catalog knows its families' tags; elsewhere only a bare version or a named alias counts.
      let floating: boolean;
      if (info.facts && info.facts.source !== 'contents') floating = info.facts.floating; // contents cannot tell whether a tag moves
      else {
        const parts = splitTag(ref.tag);
        floating = (parts.version !== null || parts.alias !== null) && parts.other.length === 0 && isFloating(parts);
      }
      if (!floating) continue;
      const s = info.stage;
      ctx.report({
        line: s.from.line, column: imageColumn(s), stage: s.index,
        message: `${shown(s)}: the tag '${ref.tag}' moves with every release${info.facts?.runtimeVersion ? ` of ${info.facts.family} ${info.facts.runtimeVersion}` : ''}; pin a full version or a digest for reproducible builds (plinth pin)`,
        suggestion: null,
      });
    }
  },
};
