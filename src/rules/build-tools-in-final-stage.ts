import { pushAll } from '../util/push-all.js';
import type { Rule } from './types.js';
import { rootStage } from './helpers.js';

export const buildToolsInFinalStage: Rule = {
  meta: {
    id: 'build-tools-in-final-stage',
    severity: 'warning',
    description: 'The final stage installs compilers or -dev packages, or compiles: build in an earlier stage and copy the result.',
    docs: 'docs/rules/build-tools-in-final-stage.md',
    fixable: false,
  },
  check(ctx) {
    if (ctx.model.finalStage < 0) return;
    const final = ctx.model.stages[ctx.model.finalStage]!;
    for (const inst of final.instructions) {
      if (inst.keyword !== 'RUN') continue;
      let tools: string[] = [];
      let removes = false;
      let compiles: string | null = null;
      for (const script of ctx.shell.scripts(inst)) {
        const v = ctx.shell.buildTools(script);
        if (v.tools.length) pushAll(tools, v.tools);
        removes ||= v.removes;
        compiles ??= v.compiles;
      }
      // `apk add --virtual .build-deps ... && apk del .build-deps` removes what it added in the same layer.
      if (removes) tools = [];
      if (tools.length === 0 && !compiles) continue;
      const what = tools.length ? `installs build tools (${tools.slice(0, 5).join(', ')}${tools.length > 5 ? ', …' : ''})` : `compiles (\`${compiles!.replace(/\s+/g, ' ')}\`)`;
      ctx.report({
        line: inst.line, column: inst.column, stage: final.index,
        message: `the final stage ${what}: they ship in the image and widen its attack surface; do this in a build stage and COPY --from it the result into a slim runtime image`,
        suggestion: ctx.advisedImage(rootStage(ctx.model, final.index)),
      });
    }
  },
};
