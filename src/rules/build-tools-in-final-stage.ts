import type { Rule } from './types.js';
import { runScripts } from './commands.js';
import { finalRoot } from './helpers.js';

const TOOL_PACKAGES = /^(gcc|g\+\+|gcc-c\+\+|clang|llvm|make|cmake|autoconf|automake|libtool|pkg-config|pkgconf|build-essential|build-base|linux-headers|musl-dev|golang|go|rustc|cargo|maven|gradle|openjdk-\d+-jdk|default-jdk|.+-dev|.+-devel)$/;
// Regular expressions over the script text rather than a command split: most final stages are long
// single-RUN scripts and this rule runs on every file.
const INSTALL = /\b(?:apt-get|apt|aptitude|apk|yum|dnf|microdnf)\s+(?:-\S+\s+)*(?:install|add)\b([^;&|\n)]*)/g;
const REMOVE = /\b(?:apk\s+del|apt(?:-get)?\s+(?:-\S+\s+)*(?:purge|remove|autoremove)|(?:yum|dnf|microdnf)\s+(?:-\S+\s+)*remove)\b/;
const COMPILE = /(?:^|[;&|(`\n]|\b(?:then|do|sudo|exec)\b)\s*(?:[A-Za-z_][A-Za-z0-9_]*=\S*\s+)*(?:\S*\/)?(go\s+(?:build|install)|cargo\s+(?:build|install)|gcc|g\+\+|cc|clang|clang\+\+|javac|node-gyp|make(?!\s+--version)|(?:\.\/)?mvnw?\s+(?:\S+\s+)*?(?:package|install|verify)|(?:\.\/)?gradlew?\s+(?:\S+\s+)*?(?:build|assemble|bootJar|shadowJar)|dotnet\s+(?:build|publish))(?=\s|$|;|&|\|)/;
// Cheap necessary condition for COMPILE (its tool name always starts at a word boundary): most scripts
// name no compiler, and COMPILE tries its prefix at every position.
const COMPILE_HINT = /\b(?:go\s|cargo\s|g?cc|g\+\+|clang|javac|node-gyp|make|mvn|gradle|dotnet)/;
const INSTALL_HINT = /\b(?:apt|apk|yum|dnf|microdnf)\b/;
const FLAG_WITH_VALUE = new Set(['-t', '--virtual', '-X', '--repository', '--setopt', '-o']);

function installedTools(script: string): string[] {
  const out: string[] = [];
  for (const m of script.matchAll(INSTALL)) {
    const words = m[1]!.trim().split(/\s+/);
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!.replace(/^["']|["']$/g, '');
      if (FLAG_WITH_VALUE.has(w)) i++;
      else if (w && !w.startsWith('-') && !w.includes('$') && TOOL_PACKAGES.test(w.replace(/[=<>~].*$/, ''))) out.push(w);
    }
  }
  return out;
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
    const root = finalRoot(ctx);
    for (const inst of final.instructions) {
      if (inst.keyword !== 'RUN') continue;
      const script = runScripts(inst).join('\n');
      // `apk add --virtual .build-deps ... && apk del .build-deps` removes what it added in the same layer.
      const tools = !INSTALL_HINT.test(script) || REMOVE.test(script) ? [] : installedTools(script);
      const compiles = COMPILE_HINT.test(script) ? COMPILE.exec(script)?.[1] : undefined;
      if (tools.length === 0 && !compiles) continue;
      const what = tools.length ? `installs build tools (${tools.slice(0, 5).join(', ')}${tools.length > 5 ? ', …' : ''})` : `compiles (\`${compiles!.replace(/\s+/g, ' ')}\`)`;
      ctx.report({
        line: inst.line, column: inst.column, stage: final.index,
        message: `the final stage ${what}: they ship in the image and widen its attack surface; do this in a build stage and COPY --from it the result into a slim runtime image`,
        suggestion: root?.facts?.variants.slim ?? root?.facts?.variants.alpine ?? null,
      });
    }
  },
};
