// FROM scratch can only run static binaries: find the build stage a binary is copied from and
// decide, from how it is built, whether the binary links dynamically. Go and Rust builds are read
// once, by facts/binary-link.ts (the advisor reads the same verdict); C compilers only here.
import type { Rule, RuleContext } from './types.js';
import type { GoFacts, RustFacts } from '../context/types.js';
import { binaryLinkOf } from '../facts/binary-link.js';
import { inheritedInstructions, rootStage } from './helpers.js';

/** What the text of a script that runs a C compiler must contain. */
const C_COMPILER_TEXT = /cc|clang|\+\+/;
const C_COMPILER = /^(gcc|g\+\+|cc|clang|clang\+\+|c\+\+)$/;

/** Why the binary a stage builds links libc dynamically, or null when it is static or not known to be built. */
function dynamicBecause(ctx: RuleContext, stage: number): string | null {
  const project = ctx.projectOrDockerfile;
  const eco = <T>(name: string): T | undefined => project.ecosystems.find((e) => e.ecosystem === name) as T | undefined;
  const hasCompiler = Boolean(ctx.stages[rootStage(ctx.model, stage)]?.facts?.hasCompiler);
  const link = binaryLinkOf(ctx.model, project.stages, stage, hasCompiler, eco<GoFacts>('go'), eco<RustFacts>('rust'));
  // (An error needs certainty: `go install` may install tools, not what is copied; xx-go's cgo
  // default depends on the target.)
  if (link) return link.tool === 'go install' || link.tool.startsWith('xx-go') ? null : link.dynamicBecause;
  for (const inst of inheritedInstructions(ctx, stage)) {
    if (inst.keyword !== 'RUN' || !ctx.shell.scripts(inst).some((s) => C_COMPILER_TEXT.test(s))) continue;
    const c = ctx.shell.commands(inst).find((cmd) => C_COMPILER.test(cmd.name) && /(^|\s)-o\s/.test(cmd.args.join(' ')) && !/(^|\s)-static(\s|$)/.test(cmd.args.join(' ')));
    if (c) return `\`${c.name}\` at line ${inst.line} links without -static`;
  }
  return null;
}

export const scratchDynamicBinary: Rule = {
  meta: {
    id: 'scratch-dynamic-binary',
    severity: 'error',
    description: 'FROM scratch copies a binary that a build stage linked dynamically; it will not start without libc.',
    docs: 'docs/rules/scratch-dynamic-binary.md',
    fixable: false,
  },
  check(ctx) {
    for (const info of ctx.stages) {
      if (!ctx.stages[rootStage(ctx.model, info.stage.index)]!.stage.scratch) continue;
      // A binary copied from the build context: its ELF header says whether it needs a libc.
      const prebuilt = ctx.project?.stages[info.stage.index]?.prebuilt;
      if (prebuilt?.link.kind === 'dynamic') {
        const { libc, interpreter } = prebuilt.link;
        const advised = ctx.advisedImage(info.stage.index);
        ctx.report({
          line: prebuilt.evidence.line ?? info.stage.from.line, column: 1, stage: info.stage.index,
          message: `this copies ${prebuilt.path} into scratch, but it is an ELF binary linked dynamically against ${libc ?? 'a libc'}${interpreter ? ` (loader ${interpreter})` : ''}: scratch has no libc, so it will not start; link it statically or run it on ${advised ?? 'an image with its libc'}`,
          suggestion: advised,
        });
      }
      const seen = new Set<number>();
      for (const src of info.stage.sources) {
        if (src.kind !== 'copy' || src.stage === null || seen.has(src.stage)) continue;
        seen.add(src.stage);
        const why = dynamicBecause(ctx, src.stage);
        if (!why) continue;
        const from = ctx.model.stages[src.stage]!;
        const advised = ctx.advisedImage(info.stage.index);
        ctx.report({
          line: src.instruction.line, column: src.instruction.column, stage: info.stage.index,
          message: `this copies a binary from stage ${from.name ?? from.index} into scratch, but ${why}; build with CGO_ENABLED=0 (Go) or a musl target (Rust), or run it on ${advised ?? 'an image with its libc'}`,
          suggestion: advised,
        });
      }
    }
  },
};
