import type { Rule } from './types.js';
import { commandsOf, installedPackages } from './commands.js';
import { finalRoot } from './helpers.js';

const TOOL_PACKAGES = /^(gcc|g\+\+|gcc-c\+\+|clang|llvm|make|cmake|autoconf|automake|libtool|pkg-config|pkgconf|build-essential|build-base|linux-headers|musl-dev|golang|go|rustc|cargo|maven|gradle|openjdk-\d+-jdk|default-jdk|.+-dev|.+-devel)$/;
const COMPILE = (name: string, args: string[]): boolean =>
  (name === 'go' && (args[0] === 'build' || args[0] === 'install')) ||
  (name === 'cargo' && (args[0] === 'build' || args[0] === 'install')) ||
  /^(gcc|g\+\+|cc|clang|clang\+\+|javac|node-gyp)$/.test(name) ||
  (name === 'make' && !args.includes('--version')) ||
  (/^(mvn|mvnw|\.\/mvnw)$/.test(name) && args.some((a) => /^(package|install|verify)$/.test(a))) ||
  (/^(gradle|gradlew|\.\/gradlew)$/.test(name) && args.some((a) => /^(build|assemble|bootJar|shadowJar)$/.test(a))) ||
  (name === 'dotnet' && (args[0] === 'build' || args[0] === 'publish'));

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
      const cmds = commandsOf(inst);
      // `apk add --virtual .build-deps ... && apk del .build-deps` removes what it added in the same layer.
      const removes = cmds.some((c) => (c.name === 'apk' && c.args[0] === 'del') || (/^apt(-get)?$/.test(c.name) && /^(purge|remove|autoremove)$/.test(c.args[0] ?? '')) || (/^(yum|dnf)$/.test(c.name) && c.args[0] === 'remove'));
      const tools = removes ? [] : cmds.flatMap((c) => installedPackages(c)).filter((p) => TOOL_PACKAGES.test(p));
      const compiles = cmds.find((c) => COMPILE(c.name, c.args));
      if (tools.length === 0 && !compiles) continue;
      const what = tools.length ? `installs build tools (${tools.slice(0, 5).join(', ')}${tools.length > 5 ? ', …' : ''})` : `compiles (\`${compiles!.name} ${compiles!.args.slice(0, 2).join(' ')}\`)`;
      ctx.report({
        line: inst.line, column: inst.column, stage: final.index,
        message: `the final stage ${what}: they ship in the image and widen its attack surface; do this in a build stage and COPY --from it the result into a slim runtime image`,
        suggestion: root?.facts?.variants.slim ?? root?.facts?.variants.alpine ?? null,
      });
    }
  },
};
