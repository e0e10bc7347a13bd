// The caches of values that repeat within a run (references, tags, catalog facts): a Map that
// empties itself when it grows past its limit, so a long run cannot grow it without bound.

export class BoundedMap<K, V> extends Map<K, V> {
  constructor(readonly limit: number) {
    super();
  }

  override set(key: K, value: V): this {
    if (this.size > this.limit) this.clear();
    return super.set(key, value);
  }
}
