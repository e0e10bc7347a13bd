import type { Rule } from './types.js';
import { imageColumn, shown } from './helpers.js';

export const deprecatedImage: Rule = {
  meta: {
    id: 'deprecated-image',
    severity: 'warning',
    description: 'The image is deprecated (openjdk, java, ...) and no longer maintained; use its replacement.',
    docs: 'docs/rules/deprecated-image.md',
    fixable: false,
  },
  check(ctx) {
    for (const info of ctx.stages) {
      const d = info.ref ? info.facts?.deprecated : null;
      if (!d) continue;
      const s = info.stage;
      ctx.report({
        line: s.from.line, column: imageColumn(s), stage: s.index,
        message: `${shown(s)} is deprecated: ${d.reason}; ${d.replacement ? `use ${d.replacement}` : 'its publisher names no replacement'} (${d.source})`,
        suggestion: ctx.advisedImage(s.index),
      });
    }
  },
};
