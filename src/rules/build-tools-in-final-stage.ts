import type { Rule } from './types.js';
import { finalRoot, scriptsOf } from './helpers.js';
import { argsAfter, type CommandWord, type ScriptWord } from './shell-scan.js';

const TOOL_PACKAGES = /^(gcc|g\+\+|gcc-c\+\+|clang|llvm|make|cmake|autoconf|automake|libtool|pkg-config|pkgconf|build-essential|build-base|linux-headers|musl-dev|golang|go|rustc|cargo|maven|gradle|openjdk-\d+-jdk|default-jdk|.+-dev|.+-devel)$/;
const FLAG_WITH_VALUE = new Set(['-t', '--virtual', '-X', '--repository', '--setopt', '-o']);
const REMOVE_VERBS = new Set(['del', 'purge', 'remove', 'autoremove']);
// The verb right after the tool that makes it compile, or one anywhere in its arguments; other
// compilers (gcc, javac, make, ...) compile whenever they run.
const NEXT_VERB: Record<string, Set<string>> = {
  go: new Set(['build', 'install']), cargo: new Set(['build', 'install']), dotnet: new Set(['build', 'publish']),
};
const ANY_LATER_VERB: Record<string, Set<string>> = {
  mvn: new Set(['package', 'install', 'verify']), gradle: new Set(['build', 'assemble', 'bootJar', 'shadowJar']),
};

/** The first non-flag word: a package manager's verb (`apt-get -y install` -> 2). */
function verbIndex(args: ScriptWord[]): number {
  let k = 0;
  while (k < args.length && args[k]!.value.startsWith('-')) k++;
  return k;
}

/** Build-tool packages in `apk add ...` / `apt-get install ...` arguments. */
function toolPackages(args: ScriptWord[], from: number, out: string[]): void {
  for (let i = from; i < args.length; i++) {
    const w = args[i]!.value.replace(/^["']|["']$/g, '');
    if (FLAG_WITH_VALUE.has(w)) i++;
    else if (w && !w.startsWith('-') && !w.includes('$') && TOOL_PACKAGES.test(w.replace(/[=<>~].*$/, ''))) out.push(w);
  }
}

/** `go build ./...`, `mvn -B package`, `make`: the command text when the word compiles, else null. */
function compiling(script: string, w: CommandWord): string | null {
  const nameStart = w.end - w.name.length;
  const name = w.name === 'mvnw' ? 'mvn' : w.name === 'gradlew' ? 'gradle' : w.name;
  const next = NEXT_VERB[name];
  const later = ANY_LATER_VERB[name];
  if (next || later) {
    const args = argsAfter(script, w.end);
    const hit = next ? (args[0] && next.has(args[0].value) ? args[0] : undefined) : args.find((a) => later!.has(a.value));
    return hit ? script.slice(nameStart, hit.end) : null;
  }
  if (name === 'make' && argsAfter(script, w.end)[0]?.value === '--version') return null;
  return w.name;
}

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
      for (const script of scriptsOf(ctx, inst)) {
        for (const w of script.words) {
          if (w.kind === 'package-manager') {
            const args = argsAfter(script.text, w.end);
            const k = verbIndex(args);
            const verb = args[k]?.value;
            if (verb === 'install' || verb === 'add') toolPackages(args, k + 1, tools);
            else if (verb !== undefined && REMOVE_VERBS.has(verb)) removes = true;
          } else compiles ??= compiling(script.text, w);
        }
      }
      // `apk add --virtual .build-deps ... && apk del .build-deps` removes what it added in the same layer.
      if (removes) tools = [];
      if (tools.length === 0 && !compiles) continue;
      const what = tools.length ? `installs build tools (${tools.slice(0, 5).join(', ')}${tools.length > 5 ? ', …' : ''})` : `compiles (\`${compiles!.replace(/\s+/g, ' ')}\`)`;
      const root = finalRoot(ctx);
      ctx.report({
        line: inst.line, column: inst.column, stage: final.index,
        message: `the final stage ${what}: they ship in the image and widen its attack surface; do this in a build stage and COPY --from it the result into a slim runtime image`,
        suggestion: root?.facts?.variants.slim ?? root?.facts?.variants.alpine ?? null,
      });
    }
  },
};
