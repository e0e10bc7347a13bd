import type { Rule } from './types.js';
import type { EndOfLife } from '../catalog/types.js';
import { imageColumn, shown } from './helpers.js';

export const eolBaseImage: Rule = {
  meta: {
    id: 'eol-base-image',
    severity: 'warning',
    description: 'The runtime or distribution of the image is past its end of life, or a development release (sid, testing, edge): no security fixes.',
    docs: 'docs/rules/eol-base-image.md',
    fixable: false,
  },
  check(ctx) {
    for (const info of ctx.stages) {
      if (!info.ref || !info.facts) continue;
      const s = info.stage;
      if (info.facts.development && s.fromStage === null) {
        ctx.report({
          line: s.from.line, column: imageColumn(s), stage: s.index,
          message: `${shown(s)}: ${info.facts.development} is a development distribution: it gets no security support and its packages change under the build`,
          suggestion: ctx.advisedImage(s.index),
        });
        continue;
      }
      const past = info.facts.eol.filter((e) => e.date <= ctx.date);
      if (past.length === 0) continue;
      const ended = (e: EndOfLife) => `${e.subject} reached end of life on ${e.date}`;
      // (Mostly one: no list to join.)
      const what = past.length === 1 ? ended(past[0]!) : past.map(ended).join(' and ');
      ctx.report({
        line: s.from.line, column: imageColumn(s), stage: s.index,
        message: `${shown(s)}: ${what}; it gets no security fixes (source: ${past[0]!.source})`,
        suggestion: ctx.advisedImage(s.index),
      });
    }
  },
};
