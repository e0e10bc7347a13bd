import type { Rule, RuleContext } from './types.js';
import type { Instruction } from '../dockerfile/types.js';
import { inheritedInstructions, rootStage, shown } from './helpers.js';

const SHELLS = /(^|\/)(sh|bash|ash|dash|zsh|ksh)$|\.sh$/;

/** Why the stage has no shell, or null when it has one (or we cannot tell). */
function shellLess(ctx: RuleContext, index: number): string | null {
  const root = ctx.stages[rootStage(ctx.model, index)]!;
  if (root.stage.scratch) return 'scratch has no shell';
  const f = root.facts;
  if (f && f.shell === null) {
    if (f.source === 'contents') return `${shown(root.stage)} has no shell (from the image's contents)`;
    return `${shown(root.stage)} has no shell${f.family === 'distroless' ? ' (only the :debug variants have /busybox/sh)' : ''}`;
  }
  return null;
}

function needsShell(inst: Instruction): string | null {
  if (inst.keyword !== 'RUN' && inst.keyword !== 'CMD' && inst.keyword !== 'ENTRYPOINT') return null;
  if (!inst.json) return inst.keyword === 'RUN' ? 'RUN in shell form runs /bin/sh -c' : `${inst.keyword} in shell form runs /bin/sh -c`;
  const prog = inst.args[0];
  if (prog && SHELLS.test(prog)) return `${inst.keyword} starts ${prog}`;
  return null;
}

export const shellInShellLessStage: Rule = {
  meta: {
    id: 'shell-in-shell-less-stage',
    severity: 'error',
    description: 'A RUN, shell-form CMD/ENTRYPOINT or shell script runs on scratch or distroless, which have no shell.',
    docs: 'docs/rules/shell-in-shell-less-stage.md',
    fixable: false,
  },
  check(ctx) {
    for (const info of ctx.stages) {
      const why = shellLess(ctx, info.stage.index);
      if (!why) continue;
      // A SHELL instruction names a shell the user brought in: trust it for shell-form instructions.
      const hasShell = inheritedInstructions(ctx, info.stage.index).some((i) => i.keyword === 'SHELL');
      for (const inst of info.stage.instructions) {
        const reason = needsShell(inst);
        if (!reason || (hasShell && !inst.json)) continue;
        ctx.report({
          line: inst.line, column: inst.column, stage: info.stage.index,
          message: `${reason}, but ${why}: the ${inst.keyword === 'RUN' ? 'build' : 'container'} will fail`,
          suggestion: null,
        });
      }
    }
  },
};
