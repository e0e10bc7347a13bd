// The package names in a package manager's install arguments (`apt-get install -y gcc`, `apk add
// --no-cache --virtual .build-deps gcc musl-dev`), one reading for the context reader and the rules.

/** Flags of apk, apt, dnf/yum/microdnf whose next word is a value, never a package. */
export const PACKAGE_FLAGS_WITH_VALUE: ReadonlySet<string> = new Set(['-t', '--virtual', '-X', '--repository', '--setopt', '-o']);

/** The packages among the words after `install`/`add`: no flags, flag values or `$VARIABLES`, version pins dropped. */
export function packageNames(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (PACKAGE_FLAGS_WITH_VALUE.has(w)) {
      i++;
      continue;
    }
    if (w === '' || w.startsWith('-') || w.startsWith('$')) continue;
    out.push(w.replace(/[=<>~].*$/, ''));
  }
  return out;
}
