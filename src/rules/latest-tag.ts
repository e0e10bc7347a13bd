import type { Rule } from './types.js';
import { imageColumn, shown } from './helpers.js';

export const latestTag: Rule = {
  meta: {
    id: 'latest-tag',
    severity: 'warning',
    description: 'The image uses :latest, which moves to new releases without notice.',
    docs: 'docs/rules/latest-tag.md',
    fixable: false,
  },
  check(ctx) {
    for (const info of ctx.stages) {
      if (info.ref?.tag !== 'latest') continue;
      const s = info.stage;
      ctx.report({
        line: s.from.line, column: imageColumn(s), stage: s.index,
        message: `${shown(s)} uses the latest tag: each build may get a new major version or distribution; name the version you tested`,
        suggestion: ctx.advisedImage(s.index),
      });
    }
  },
};
