// What a script does about build tools, for build-tools-in-final-stage: the compilers, build systems
// and -dev packages it installs, whether it removes packages, and its first compile. A pure function
// of the script's text; the rules read it through ctx.shell (rules/shell-facts.ts), which works it
// out once per distinct script in a run.
import { argsAfter, commandWords, endOfWord, isWordCode, nextWord, type CommandWord } from './shell-scan.js';
import { PACKAGE_FLAGS_WITH_VALUE } from '../dockerfile/packages.js';

// Compilers, build systems and headers; plus every `*-dev` / `*-devel` package and `openjdk-N-jdk`.
const TOOL_PACKAGES = new Set(['gcc', 'g++', 'gcc-c++', 'clang', 'llvm', 'make', 'cmake', 'autoconf', 'automake', 'libtool', 'pkg-config', 'pkgconf', 'build-essential', 'build-base', 'linux-headers', 'musl-dev', 'golang', 'go', 'rustc', 'cargo', 'maven', 'gradle', 'default-jdk']);
const OPENJDK = /^openjdk-\d+-jdk$/;
const REMOVE_VERBS = new Set(['del', 'purge', 'remove', 'autoremove']);
// The verb right after the tool that makes it compile, or one anywhere in its arguments; other
// compilers (gcc, javac, make, ...) compile whenever they run.
const NEXT_VERB: Record<string, Set<string>> = {
  go: new Set(['build', 'install']), cargo: new Set(['build', 'install']), dotnet: new Set(['build', 'publish']),
};
const ANY_LATER_VERB: Record<string, Set<string>> = {
  mvn: new Set(['package', 'install', 'verify']), gradle: new Set(['build', 'assemble', 'bootJar', 'shadowJar']),
};

const LONGEST_TOOL = Math.max(...[...TOOL_PACKAGES].map((t) => t.length));
const LONGEST_FLAG = Math.max(...[...PACKAGE_FLAGS_WITH_VALUE].map((f) => f.length));

const isQuote = (c: number) => c === 34 || c === 39;

/** A word without the quote it starts or ends with (`"gcc"` -> `gcc`). */
function unquote(word: string): string {
  let name = word;
  if (isQuote(name.charCodeAt(0))) name = name.slice(1);
  if (isQuote(name.charCodeAt(name.length - 1))) name = name.slice(0, -1);
  return name;
}

/**
 * Reads the package argument that starts at `start` and returns where it ends; when it is a
 * compiler, build system, header or -dev package (`gcc`, `"libssl-dev=3.0*"`), adds it to `tools`
 * without its quotes. One pass over the word: most packages are not tools, and slicing each costs
 * more than the test.
 */
function packageWord(script: string, start: number, tools: string[]): number {
  // The name ends at a version constraint; a variable anywhere makes the word unknown.
  let version = -1;
  let variable = false;
  let end = start;
  for (const n = script.length; end < n; end++) {
    const c = script.charCodeAt(end);
    if (!isWordCode(c)) break;
    if (c === 36) variable = true;
    else if (version < 0 && (c === 61 || c === 60 || c === 62 || c === 126)) version = end;
  }
  if (variable) return end;
  let s = start;
  let e = end;
  if (isQuote(script.charCodeAt(s))) s++;
  if (e > s && isQuote(script.charCodeAt(e - 1))) e--;
  if (s >= e || script.charCodeAt(s) === 45) return end;
  const nameEnd = version >= s && version < e ? version : e;
  const length = nameEnd - s;
  const tool =
    (length > 4 && script.startsWith('-dev', nameEnd - 4)) ||
    (length > 6 && script.startsWith('-devel', nameEnd - 6)) ||
    (length <= LONGEST_TOOL && TOOL_PACKAGES.has(script.slice(s, nameEnd))) ||
    (script.startsWith('openjdk-', s) && OPENJDK.test(script.slice(s, nameEnd)));
  if (tool) tools.push(script.slice(s, e));
  return end;
}

/** What a package-manager command does: the build tools it installs, or whether it removes packages. */
function packageCommand(script: string, from: number, tools: string[]): 'remove' | null {
  let i = nextWord(script, from);
  while (i >= 0 && script.charCodeAt(i) === 45) i = nextWord(script, endOfWord(script, i));
  if (i < 0) return null;
  let end = endOfWord(script, i);
  const verb = script.slice(i, end);
  if (REMOVE_VERBS.has(verb)) return 'remove';
  if (verb !== 'install' && verb !== 'add') return null;
  for (i = nextWord(script, end); i >= 0; i = nextWord(script, end)) {
    const c = script.charCodeAt(i);
    // Flags and variables are never build tools: skip them without building a string.
    if (c === 45) {
      end = endOfWord(script, i);
      if (end - i <= LONGEST_FLAG + 2 && PACKAGE_FLAGS_WITH_VALUE.has(unquote(script.slice(i, end)))) {
        const v = nextWord(script, end);
        if (v < 0) break;
        end = endOfWord(script, v);
      }
    } else if (c === 36) end = endOfWord(script, i);
    else end = packageWord(script, i, tools);
  }
  return null;
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

/** What one script does, in script order: the tools it installs, whether it removes packages, its first compile. */
export interface BuildToolsVerdict {
  tools: readonly string[];
  removes: boolean;
  compiles: string | null;
}

const NOTHING: BuildToolsVerdict = Object.freeze({ tools: Object.freeze([]), removes: false, compiles: null });

/** What one script does about build tools (a pure function of its text). */
export function buildToolsOf(script: string): BuildToolsVerdict {
  const tools: string[] = [];
  let removes = false;
  let compiles: string | null = null;
  for (const w of commandWords(script)) {
    if (w.kind === 'package-manager') {
      if (packageCommand(script, w.end, tools) === 'remove') removes = true;
    } else compiles ??= compiling(script, w);
  }
  return tools.length === 0 && !removes && compiles === null ? NOTHING : { tools, removes, compiles };
}
