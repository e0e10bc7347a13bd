// musl-native-modules: an Alpine (musl) stage that runs code with native addons or C extensions
// built for glibc. Needs the build context (RuleContext.project); silent without it.

import type { Rule, RuleContext, StageInfo } from './types.js';
import { isJvmFamily } from '../catalog/lookup.js';
import type { Ecosystem, NativeRequirement } from '../context/types.js';
import { nativeBuildOf } from '../facts/native-build.js';

const FAMILY_ECOSYSTEM: Record<string, Ecosystem> = { node: 'node', python: 'python', ruby: 'ruby', php: 'php', dotnet: 'dotnet' };

/** The ecosystems whose code the stage runs: from its family, else from what it installs. */
function ecosystemsOf(info: StageInfo, ctx: RuleContext): Ecosystem[] {
  const family = info.facts?.family ?? '';
  if (FAMILY_ECOSYSTEM[family]) return [FAMILY_ECOSYSTEM[family]];
  if (isJvmFamily(family) || info.facts?.java) return ['java'];
  const facts = ctx.project?.stages[info.stage.index];
  const out: Ecosystem[] = [];
  if (facts?.nodeInstall) out.push('node');
  if (facts?.pipInstall) out.push('python');
  return out;
}

function describe(n: NativeRequirement): string {
  const where = n.evidence.line !== null ? `${n.evidence.file}:${n.evidence.line}` : n.evidence.file;
  return `${n.package}${n.version ? ` ${n.version}` : ''} (${where})`;
}

export const muslNativeModules: Rule = {
  meta: {
    id: 'musl-native-modules',
    severity: 'warning',
    description: 'An Alpine (musl) stage runs native addons or C extensions that are built for glibc.',
    docs: 'docs/rules/musl-native-modules.md',
    fixable: true,
  },
  check(ctx) {
    // The stage the final one is built on, found once (a scan per stage was quadratic in stages).
    const finalParent = ctx.model.stages[ctx.model.finalStage]?.fromStage ?? null;
    // Packages installed on musl in another stage and copied in are built for musl: nothing to warn
    // (worked out once per ecosystem, for the final stage both reported stages serve).
    const muslBuilt = new Map<Ecosystem, boolean>();
    const builtOnMusl = (eco: Ecosystem): boolean => {
      let v = muslBuilt.get(eco);
      if (v === undefined) {
        const b = ctx.project ? nativeBuildOf(ctx.model, ctx.project, ctx.model.finalStage, (i) => ctx.stages[i]?.facts?.libc ?? null, eco) : null;
        muslBuilt.set(eco, (v = b !== null && b.copied && b.libc === 'musl'));
      }
      return v;
    };
    for (const info of ctx.stages) {
      if (info.facts?.libc !== 'musl') continue;
      const stage = info.stage;
      const runs = stage.final || stage.index === finalParent;
      if (!runs) continue;
      // Read only here: the build context costs file system reads, and most files have no musl stage.
      const project = ctx.project;
      if (!project) return;
      // Before ecosystemsOf: it may need the stage facts, which cost more than this test.
      if (!project.ecosystems.some((e) => e.native.length > 0)) continue;
      const ecosystems = ecosystemsOf(info, ctx);
      const native = project.ecosystems.filter((e) => ecosystems.includes(e.ecosystem) && !builtOnMusl(e.ecosystem)).flatMap((e) => e.native);
      if (native.length === 0) continue;
      const facts = project.stages[stage.index];
      const copied = facts?.copiesFrom.filter((i) => ctx.stages[i]?.facts?.libc === 'glibc') ?? [];
      const names = native.slice(0, 4).map(describe).join(', ') + (native.length > 4 ? ` and ${native.length - 4} more` : '');
      const how = copied.length
        ? `built for glibc in stage ${ctx.model.stages[copied[0]].name ?? copied[0]}`
        : 'that needs a musl build: on Alpine it compiles from source (python3, make, g++) or fails to load';
      const image = stage.image ?? stage.rawImage;
      ctx.report({
        line: stage.from.line,
        column: stage.from.column,
        stage: stage.index,
        message: `${image} uses musl libc${info.facts.source === 'contents' ? " (from the image's contents)" : ''}, but ${names} ${native.length === 1 ? 'is' : 'are'} native code ${how}`,
        suggestion: ctx.advisedImage(stage.index),
      });
    }
  },
};
