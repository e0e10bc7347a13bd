// Online rule: a pinned digest is no longer what its tag points to (the tag moved since pinning).
import type { Rule } from './types.js';
import { tagFact } from './tag-not-found.js';

export const staleDigest: Rule = {
  meta: {
    id: 'stale-digest',
    severity: 'info',
    description: 'The pinned digest is no longer what the tag points to; `plinth pin --refresh` updates it.',
    docs: 'docs/rules/stale-digest.md',
    fixable: true,
    online: true,
  },
  check(ctx) {
    for (const info of ctx.stages) {
      const ref = info.ref;
      if (!ref?.digest || ref.implicitTag) continue;
      const fact = tagFact(ctx, ref);
      if (fact?.state !== 'found' || fact.digest === ref.digest) continue;
      const text = ref.original;
      ctx.report({
        line: info.stage.from.line,
        column: info.stage.from.column,
        stage: info.stage.index,
        message: `${text.slice(0, text.lastIndexOf('@'))} now points to ${fact.digest}, not the pinned ${ref.digest}`,
        suggestion: `${text.slice(0, text.lastIndexOf('@'))}@${fact.digest}`,
      });
    }
  },
};
