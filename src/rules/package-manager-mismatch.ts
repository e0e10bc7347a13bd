import type { Rule, RuleContext } from './types.js';
import type { Instruction } from '../dockerfile/types.js';
import { runScripts, type PackageManagerName } from './commands.js';
import { rootStage, shown } from './helpers.js';

// What each image package manager accepts: dnf-based images keep `yum` as an alias of dnf.
const ACCEPTS: Record<string, PackageManagerName[]> = {
  apt: ['apt'], apk: ['apk'], dnf: ['dnf', 'yum'], yum: ['yum'], microdnf: ['microdnf'],
};

function stageKind(ctx: RuleContext, index: number): { pm: string | null; known: boolean; none: string | null; from?: string } {
  const root = ctx.stages[rootStage(ctx.model, index)]!;
  if (root.stage.scratch) return { pm: null, known: true, none: 'scratch, which is empty' };
  const f = root.facts;
  if (!f) return { pm: null, known: false, none: null };
  const from = f.source === 'contents' ? " (from the image's contents)" : '';
  if (f.variantClass === 'distroless' || f.variantClass === 'static' || f.packageManager === null) {
    return { pm: null, known: true, none: `${shown(root.stage)}, which has no package manager${from}` };
  }
  return { pm: f.packageManager, known: true, none: null, from };
}

const PROGRAMS: Record<string, PackageManagerName> = { 'apt-get': 'apt', apt: 'apt', aptitude: 'apt', apk: 'apk', yum: 'yum', dnf: 'dnf', microdnf: 'microdnf' };
// A package manager in command position: after a separator or a wrapper, past `VAR=value` prefixes and a path.
const PM_COMMAND = /(?:^|[;&|(`\n]|\b(?:sudo|then|do|else|exec|env|time|nohup)\b)\s*(?:[A-Za-z_][A-Za-z0-9_]*=\S*\s+)*(?:\/\S*\/)?(apt-get|apt|aptitude|apk|yum|dnf|microdnf)(?=\s|$|;|&|\|)/g;
const PM_WORD = /\b(?:apt-get|apt|aptitude|apk|yum|dnf|microdnf)\b/;
const PM_WORDS = /\b(?:apt-get|apt|aptitude|apk|yum|dnf|microdnf)\b/g;

/** Whether every package-manager word in the script is accepted: then no command in it can be wrong. */
function allAccepted(script: string, pm: string | null): boolean {
  const ok = pm ? ACCEPTS[pm] : undefined;
  if (!ok) return false;
  for (const m of script.matchAll(PM_WORDS)) if (!ok.includes(PROGRAMS[m[0]]!)) return false;
  return true;
}

/** The package managers a RUN runs (shell text, heredoc bodies and exec form); those `pm` accepts may be left out. */
function managersRun(inst: Instruction, pm: string | null): string[] {
  const out: string[] = [];
  for (const script of runScripts(inst)) {
    if (!PM_WORD.test(script) || allAccepted(script, pm)) continue;
    for (const m of script.matchAll(PM_COMMAND)) out.push(m[1]!);
  }
  return out;
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
      const kind = stageKind(ctx, info.stage.index);
      if (!kind.known) continue;
      // A stage that installs a package manager itself (rare) is left alone.
      for (const inst of info.stage.instructions) {
        if (inst.keyword !== 'RUN') continue;
        const used = managersRun(inst, kind.pm);
        const wrong = used.find((m) => !(kind.pm && ACCEPTS[kind.pm]?.includes(PROGRAMS[m]!)));
        if (!wrong) continue;
        const root = ctx.stages[rootStage(ctx.model, info.stage.index)]!;
        const base = kind.none ?? `${shown(root.stage)}, which uses ${kind.pm}${kind.from ?? ''}`;
        ctx.report({
          line: inst.line, column: inst.column, stage: info.stage.index,
          message: `\`${wrong}\` will fail: this stage is built on ${base}`,
          suggestion: null,
        });
      }
    }
  },
};
