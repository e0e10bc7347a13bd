import type { Rule } from './types.js';
import { finalRoot, imageColumn, shown } from './helpers.js';

export const jdkInFinalStage: Rule = {
  meta: {
    id: 'jdk-in-final-stage',
    severity: 'warning',
    description: 'The final stage runs on a JDK; a running application needs only a JRE.',
    docs: 'docs/rules/jdk-in-final-stage.md',
    fixable: true,
  },
  check(ctx) {
    const info = finalRoot(ctx);
    if (!info?.ref || info.facts?.java !== 'jdk') return;
    // A stage that compiles Java is a build stage, even when it is last (single-stage builds still ship the JDK).
    const s = info.stage;
    ctx.report({
      line: s.from.line, column: imageColumn(s), stage: s.index,
      message: `the final stage runs on ${shown(s)}, a JDK: javac and the development tools add about 100 MB and CVEs the running app never uses; run on a JRE`,
      suggestion: ctx.advisedImage(s.index),
    });
  },
};
