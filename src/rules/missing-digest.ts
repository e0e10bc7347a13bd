import type { Rule } from './types.js';
import { imageColumn, pinningAsked, shown } from './helpers.js';

export const missingDigest: Rule = {
  meta: {
    id: 'missing-digest',
    severity: 'info',
    description: 'With pinning: digest, the image is not pinned to a @sha256 digest, so the bytes it builds on can change.',
    docs: 'docs/rules/missing-digest.md',
    fixable: true,
  },
  check(ctx) {
    if (!pinningAsked(ctx, 'missing-digest', 'digest')) return;
    for (const info of ctx.stages) {
      if (!info.ref || info.ref.digest) continue;
      const s = info.stage;
      ctx.report({
        line: s.from.line, column: imageColumn(s), stage: s.index,
        message: `${shown(s)} is not pinned to a digest; \`plinth pin\` writes ${shown(s)}@sha256:… so every build starts from the same bytes`,
        suggestion: null,
      });
    }
  },
};
