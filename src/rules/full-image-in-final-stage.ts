import type { Rule } from './types.js';
import { finalRoot, imageColumn, shown } from './helpers.js';

const MB = (n: number) => `${Math.round(n / 1e6)} MB`;

export const fullImageInFinalStage: Rule = {
  meta: {
    id: 'full-image-in-final-stage',
    severity: 'warning',
    description: 'The final stage runs on a full image (Debian plus build tools); build there, ship a slim, Alpine or distroless image.',
    docs: 'docs/rules/full-image-in-final-stage.md',
    fixable: true,
  },
  check(ctx) {
    const info = finalRoot(ctx);
    // JVM images are jdk-in-final-stage's to report.
    if (!info?.ref || info.facts?.variantClass !== 'full' || info.facts.libc === null || info.facts.java !== null) return;
    const s = info.stage;
    const size = info.facts.compressedBytes;
    ctx.report({
      line: s.from.line, column: imageColumn(s), stage: s.index,
      message: `the final stage runs on ${shown(s)}, a full image with compilers and build tools${size ? ` (${MB(size)} compressed)` : ''} that the running app does not need; keep it for a build stage and ship a smaller runtime image`,
      suggestion: ctx.advisedImage(s.index),
    });
  },
};
