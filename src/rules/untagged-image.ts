import type { Rule } from './types.js';
import { imageColumn, shown } from './helpers.js';

export const untaggedImage: Rule = {
  meta: {
    id: 'untagged-image',
    severity: 'warning',
    description: 'The image has no tag and no digest, so it silently means :latest.',
    docs: 'docs/rules/untagged-image.md',
    fixable: false,
  },
  check(ctx) {
    for (const info of ctx.stages) {
      if (!info.ref?.implicitTag) continue;
      const s = info.stage;
      // A distroless name fixes its Debian release and runtime (`nodejs22-debian13`): latest moves
      // only with their package updates.
      const fixed = info.facts?.family === 'distroless' && /-debian\d+$/.test(info.ref.repository);
      const moves = fixed
        ? 'which distroless rebuilds with each package update (the name fixes the Debian release and runtime); write :latest or :nonroot to say which, or pin a digest'
        : 'which moves to a new release (and maybe a new major version or distribution) without notice';
      ctx.report({
        line: s.from.line, column: imageColumn(s), stage: s.index,
        message: `${shown(s)} has no tag, so it means ${shown(s)}:latest, ${moves}`,
        suggestion: ctx.advisedImage(s.index),
      });
    }
  },
};
