// The caches of values that repeat within a run (references, tags, catalog facts): a Map that
// empties itself when it grows past its limit, so a long run cannot grow it without bound.

export class BoundedMap<K, V> extends Map<K, V> {
  constructor(readonly limit: number) {
    super();
    ALL.add(this as BoundedMap<unknown, unknown>);
  }

  override set(key: K, value: V): this {
    if (this.size > this.limit) this.clear();
    return super.set(key, value);
  }
}

// Every BoundedMap is a module-level cache (made once per process), so this set stays small.
const ALL = new Set<BoundedMap<unknown, unknown>>();

/** Empties every run-long cache: plinth then works as a fresh process would (the bench, between passes). */
export function clearRunLongCaches(): void {
  for (const m of ALL) m.clear();
}
