import type { Rule } from './types.js';

export const unresolvedImage: Rule = {
  meta: {
    id: 'unresolved-image',
    severity: 'info',
    description: 'The FROM image cannot be resolved offline (an ARG with no value), so nothing else is checked for that stage.',
    docs: 'docs/rules/unresolved-image.md',
    fixable: false,
  },
  check(ctx) {
    for (const info of ctx.stages) {
      const s = info.stage;
      if (s.image !== null || s.fromStage !== null || s.scratch) continue;
      const args = s.unresolvedArgs;
      ctx.report({
        line: s.from.line, column: s.from.column, stage: s.index,
        message: args.length
          ? `FROM ${s.rawImage} cannot be resolved: ${args.map((a) => `ARG ${a}`).join(', ')} ${args.length === 1 ? 'has' : 'have'} no value (pass --build-arg ${args[0]}=…)`
          : `FROM ${s.rawImage} cannot be resolved to an image`,
        suggestion: null,
      });
    }
  },
};
