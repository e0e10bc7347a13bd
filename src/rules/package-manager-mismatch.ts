import type { Rule, RuleContext, StageInfo } from './types.js';
import type { Instruction } from '../dockerfile/types.js';
import type { PackageManagerName } from './commands.js';
import { rootStage, shown } from './helpers.js';

// What each image package manager accepts: dnf-based images keep `yum` as an alias of dnf.
const ACCEPTS: Record<string, PackageManagerName[]> = {
  apt: ['apt'], apk: ['apk'], dnf: ['dnf', 'yum'], yum: ['yum'], microdnf: ['microdnf'],
};

/** The image's package manager: null when it has none (scratch, distroless, static), undefined when unknown. */
function packageManagerOf(root: StageInfo): string | null | undefined {
  if (root.stage.scratch) return null;
  const f = root.facts;
  if (!f) return undefined;
  if (f.variantClass === 'distroless' || f.variantClass === 'static' || f.packageManager === null) return null;
  return f.packageManager;
}

/** What a stage is built on, for the message (worded only when there is one to write). */
function builtOn(root: StageInfo, pm: string | null): string {
  if (root.stage.scratch) return 'scratch, which is empty';
  const from = root.facts?.source === 'contents' ? " (from the image's contents)" : '';
  return pm === null ? `${shown(root.stage)}, which has no package manager${from}` : `${shown(root.stage)}, which uses ${pm}${from}`;
}

const NO_MANAGERS: readonly string[] = Object.freeze([]);

const PROGRAMS: Record<string, PackageManagerName> = { 'apt-get': 'apt', apt: 'apt', aptitude: 'apt', apk: 'apk', yum: 'yum', dnf: 'dnf', microdnf: 'microdnf' };

// Text that names none of these cannot run a package manager the stage lacks (a cheap native test
// that spares most scripts the command scan).
const OTHERS: Record<string, RegExp> = {
  apt: /apk|yum|dnf/, apk: /apt|yum|dnf/, dnf: /apt|apk|microdnf/, yum: /apt|apk|dnf/, microdnf: /apt|apk|yum|dnf/,
};
const ANY = /apt|apk|yum|dnf/;

/** The package managers a RUN runs in command position (shell text, heredoc bodies, exec form). */
function managersRun(ctx: RuleContext, inst: Instruction, pm: string | null): readonly string[] {
  const others = (pm && OTHERS[pm]) || ANY;
  let out: string[] | null = null;
  for (const script of ctx.shell.scripts(inst)) {
    if (!others.test(script)) continue;
    // `./apk` is the project's own script, not the image's package manager.
    for (const w of ctx.shell.words(script)) if (w.kind === 'package-manager' && w.path !== 'relative') (out ??= []).push(w.name);
  }
  return out ?? NO_MANAGERS;
}

export const packageManagerMismatch: Rule = {
  meta: {
    id: 'package-manager-mismatch',
    severity: 'error',
    description: "A RUN uses a package manager the base image does not have (apt on Alpine, apk on Debian, any on distroless or scratch).",
    docs: 'docs/rules/package-manager-mismatch.md',
    fixable: false,
  },
  check(ctx) {
    for (const info of ctx.stages) {
      const root = ctx.stages[rootStage(ctx.model, info.stage.index)]!;
      const pm = packageManagerOf(root);
      if (pm === undefined) continue;
      // A stage that installs a package manager itself (rare) is left alone.
      for (const inst of info.stage.instructions) {
        if (inst.keyword !== 'RUN') continue;
        const used = managersRun(ctx, inst, pm);
        if (used.length === 0) continue;
        const wrong = used.find((m) => !(pm && ACCEPTS[pm]?.includes(PROGRAMS[m]!)));
        if (!wrong) continue;
        ctx.report({
          line: inst.line, column: inst.column, stage: info.stage.index,
          message: `\`${wrong}\` will fail: this stage is built on ${builtOn(root, pm)}`,
          suggestion: null,
        });
      }
    }
  },
};
