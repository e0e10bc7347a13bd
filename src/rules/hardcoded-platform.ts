import type { Rule } from './types.js';

export const hardcodedPlatform: Rule = {
  meta: {
    id: 'hardcoded-platform',
    severity: 'info',
    description: 'FROM --platform uses a constant instead of $BUILDPLATFORM or $TARGETPLATFORM.',
    docs: 'docs/rules/hardcoded-platform.md',
    fixable: false,
  },
  check(ctx) {
    for (const info of ctx.stages) {
      const s = info.stage;
      if (s.platformRaw === null || s.platformRaw.includes('$')) continue;
      const flag = s.from.flags.find((f) => f.name === 'platform');
      const want = s.final ? '$TARGETPLATFORM' : '$BUILDPLATFORM';
      ctx.report({
        line: s.from.line, column: flag ? s.from.column + (flag.start - s.from.start) : s.from.column, stage: s.index,
        message: `--platform=${s.platformRaw} is fixed: multi-platform builds (docker buildx --platform) get ${s.platformRaw} everywhere; use ${want}${s.final ? '' : ' for a build stage that cross-compiles'}`,
        suggestion: `--platform=${want}`,
      });
    }
  },
};
