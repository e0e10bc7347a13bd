// What a run has worked out from text it met before. RUN scripts repeat across a repository's
// Dockerfiles (in the 1,435 files of the test corpus, 60% of the final stages' RUN text repeats an
// earlier script), so a run analyses each distinct script once. One per run, like the build-context
// scans: the next run starts empty.

/** Distinct texts kept before the cache starts over (bounds a long run's memory). */
const LIMIT = 20_000;

interface Entry {
  text: string;
  value: unknown;
}

export class TextScans {
  // By kind, then by length: a string key would be hashed over every character, which costs as
  // much as the analysis; texts of one length are few, and comparing two differs at once or is a
  // memory compare.
  // The kinds are a few constant strings: found by identity in a list, faster than a map lookup.
  #kinds: string[] = [];
  #tables: Map<number, Entry[]>[] = [];
  #size = 0;

  /** `compute(text)`, worked out once per (kind, text) in this run; `compute` must be pure. */
  get<T>(kind: string, text: string, compute: (text: string) => T): T {
    let k = 0;
    while (k < this.#kinds.length && this.#kinds[k] !== kind) k++;
    if (k === this.#kinds.length) {
      this.#kinds.push(kind);
      this.#tables.push(new Map());
    }
    const byLength = this.#tables[k]!;
    let entries = byLength.get(text.length);
    if (entries === undefined) byLength.set(text.length, (entries = []));
    else for (const e of entries) if (e.text === text) return e.value as T;
    const value = compute(text);
    if (++this.#size > LIMIT) {
      this.clear();
      return value;
    }
    entries.push({ text, value });
    return value;
  }

  clear(): void {
    this.#kinds = [];
    this.#tables = [];
    this.#size = 0;
  }
}

/** `compute(text)` through the run's TextScans when there is one, else computed on the spot. */
export function scanText<T>(texts: TextScans | undefined, kind: string, text: string, compute: (text: string) => T): T {
  return texts ? texts.get(kind, text, compute) : compute(text);
}
