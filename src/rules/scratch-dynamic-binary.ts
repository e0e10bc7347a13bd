// FROM scratch can only run static binaries: find the build stage a binary is copied from and
// decide, from how it is built, whether the binary links dynamically.
import type { Rule, RuleContext } from './types.js';
import type { Instruction } from '../dockerfile/types.js';
import { installedPackages, type SimpleCommand } from './commands.js';
import { commandsIn, inheritedInstructions, rootStage, scriptsOf } from './helpers.js';

const C_COMPILER_PACKAGES = /^(gcc|g\+\+|clang|build-base|build-essential|musl-dev|libc6-dev|libc-dev)$/;
const STATIC_GO = /-extldflags[= ]+['"]?[^'"]*-static|-linkmode[= ]+external.*-static/;
const NETGO = /-tags[= ]+['"]?[^ ]*netgo/;
const OSUSERGO = /osusergo/;
/** What the text of a script that runs go, cargo or a C compiler must contain. */
const COMPILER_TEXT = /go|cargo|cc|clang|\+\+/; // (xgo contains go)

interface BuildVerdict {
  dynamic: boolean;
  why: string;
}

/** CGO_ENABLED as the stage's ENV/ARG set it (last one wins), or null when never set. */
function cgoSetting(insts: Instruction[]): string | null {
  let value: string | null = null;
  for (const i of insts) {
    if (i.keyword !== 'ENV' && i.keyword !== 'ARG') continue;
    for (let k = 0; k < i.args.length; k++) {
      const a = i.args[k]!;
      if (i.keyword === 'ENV' && a === 'CGO_ENABLED') value = i.args[k + 1] ?? value;
      if (i.keyword === 'ARG' && a.startsWith('CGO_ENABLED=')) value = a.slice('CGO_ENABLED='.length);
    }
  }
  return value === null ? null : value.replace(/^["']|["']$/g, '');
}

function goVerdict(ctx: RuleContext, stage: number, cmd: SimpleCommand, insts: Instruction[]): BuildVerdict | null {
  const line = cmd.args.join(' ');
  const cgo = cmd.env.CGO_ENABLED ?? cgoSetting(insts.filter((i) => i.line <= cmd.instruction.line));
  if (cgo === '0') return null;
  if (STATIC_GO.test(line) || (NETGO.test(line) && OSUSERGO.test(line))) return null;
  if (cgo === null) {
    // go build turns cgo off by itself when the image has no C compiler.
    const facts = ctx.stages[rootStage(ctx.model, stage)]?.facts;
    const installsCompiler = insts.some((i) => i.keyword === 'RUN' && commandsIn(ctx, i).some((c) => installedPackages(c).some((p) => C_COMPILER_PACKAGES.test(p))));
    if (!facts?.hasCompiler && !installsCompiler) return null;
    return { dynamic: true, why: `\`go build\` at line ${cmd.instruction.line} runs with cgo on (CGO_ENABLED is not 0 and the image has a C compiler), so the binary links libc dynamically` };
  }
  return { dynamic: true, why: `\`go build\` at line ${cmd.instruction.line} runs with CGO_ENABLED=${cgo} and no static link flags, so the binary links libc dynamically` };
}

function verdictFor(ctx: RuleContext, stage: number): BuildVerdict | null {
  const insts = inheritedInstructions(ctx, stage);
  const musl = insts.some((i) => i.keyword === 'RUN' && /rustup target add \S*musl/.test(i.rest)) || insts.some((i) => /RUSTFLAGS.*crt-static/.test(i.rest));
  for (const inst of insts) {
    if (inst.keyword !== 'RUN') continue;
    // A script that names no compiler below cannot build the binary: skip splitting it into commands.
    if (!scriptsOf(ctx, inst).some((s) => COMPILER_TEXT.test(s))) continue;
    for (const cmd of commandsIn(ctx, inst)) {
      const args = cmd.args.join(' ');
      if (cmd.name === 'go' && cmd.args[0] === 'build') {
        const v = goVerdict(ctx, stage, cmd, insts);
        if (v) return v;
      } else if (cmd.name === 'xgo') {
        // xgo cross-compiles with cgo on (its reason to exist) unless told otherwise.
        const cgo = cmd.env.CGO_ENABLED ?? cgoSetting(insts.filter((i) => i.line <= inst.line));
        if (cgo !== '0' && !STATIC_GO.test(args)) return { dynamic: true, why: `\`xgo\` at line ${inst.line} cross-compiles with cgo on and no static link flags, so the binary links libc dynamically` };
      } else if (cmd.name === 'cargo' && (cmd.args[0] === 'build' || cmd.args[0] === 'install')) {
        // A musl target links statically; a wasm32 target makes a WebAssembly module, with no libc at all.
        if (!/--target[= ]\S*(musl|wasm32-)/.test(args) && !musl && !/crt-static/.test(JSON.stringify(cmd.env))) {
          return { dynamic: true, why: `\`cargo build\` at line ${inst.line} targets glibc (no *-musl target), so the binary links libc dynamically` };
        }
      } else if (/^(gcc|g\+\+|cc|clang|clang\+\+|c\+\+)$/.test(cmd.name) && /(^|\s)-o\s/.test(args) && !/(^|\s)-static(\s|$)/.test(args)) {
        return { dynamic: true, why: `\`${cmd.name}\` at line ${inst.line} links without -static` };
      }
    }
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
        const v = verdictFor(ctx, src.stage);
        if (!v) continue;
        const from = ctx.model.stages[src.stage]!;
        const advised = ctx.advisedImage(info.stage.index);
        ctx.report({
          line: src.instruction.line, column: src.instruction.column, stage: info.stage.index,
          message: `this copies a binary from stage ${from.name ?? from.index} into scratch, but ${v.why}; build with CGO_ENABLED=0 (Go) or a musl target (Rust), or run it on ${advised ?? 'an image with its libc'}`,
          suggestion: advised,
        });
      }
    }
  },
};
