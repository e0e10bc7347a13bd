// Online rule: the tag (or the repository) a FROM names does not exist in its registry.
import type { Rule, RuleContext, TagFact } from './types.js';
import type { ImageRef } from '../reference/types.js';

export function tagFact(ctx: RuleContext, ref: ImageRef): TagFact | null {
  const tag = ref.tag ?? (ref.implicitTag ? 'latest' : null);
  if (!ctx.online || tag === null) return null;
  return ctx.online.tags.get(`${ref.registry}/${ref.repository}:${tag}`) ?? null;
}

export const tagNotFound: Rule = {
  meta: {
    id: 'tag-not-found',
    severity: 'error',
    description: 'The image tag does not exist in its registry, so the build cannot pull it.',
    docs: 'docs/rules/tag-not-found.md',
    fixable: false,
    online: true,
  },
  check(ctx) {
    for (const info of ctx.stages) {
      if (!info.ref) continue;
      const fact = tagFact(ctx, info.ref);
      if (fact?.state !== 'missing') continue;
      ctx.report({
        line: info.stage.from.line,
        column: info.stage.from.column,
        stage: info.stage.index,
        message: `${info.ref.original}: tag '${info.ref.tag ?? 'latest'}' not found in ${info.ref.registry}/${info.ref.repository} (${fact.message})`,
        suggestion: null,
      });
    }
  },
};
