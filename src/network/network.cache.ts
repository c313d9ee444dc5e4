/** Hit and miss counts of a {@link VersionedCache}, for tests and benchmarks. */
export interface CacheStats {
  hits: number;
  misses: number;
  entries: number;
}

/**
 * A small LRU cache of computations per data version. An entry is the computation's promise, so
 * concurrent identical requests share one computation; a failed computation is forgotten. When a
 * newer data version shows up, all entries of older versions are dropped at once (a write made
 * them stale). At most `maxEntries` entries are kept, the least recently used going first.
 */
export class VersionedCache<T> {
  private readonly entries = new Map<string, { version: number; value: Promise<T> }>();
  private newestVersion = Number.NEGATIVE_INFINITY;
  private hits = 0;
  private misses = 0;

  /** @param maxEntries - entries kept at most, in-flight computations included */
  constructor(private readonly maxEntries: number) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new RangeError(`expected maxEntries to be a positive integer, got ${maxEntries}`);
    }
  }

  /**
   * The value for `key` at `version`: the cached (or running) computation, or a new one.
   *
   * @param compute - starts the computation; called at most once per version and key while the
   *   entry is cached
   */
  get(version: number, key: string, compute: () => Promise<T>): Promise<T> {
    if (version > this.newestVersion) {
      this.newestVersion = version;
      for (const [k, entry] of this.entries) if (entry.version < version) this.entries.delete(k);
    }
    const fullKey = `${version}\u0000${key}`;
    const hit = this.entries.get(fullKey);
    if (hit) {
      this.hits += 1;
      // Re-inserting moves the entry to the end of the Map's order: the most recently used.
      this.entries.delete(fullKey);
      this.entries.set(fullKey, hit);
      return hit.value;
    }
    this.misses += 1;
    const value = compute();
    const entry = { version, value };
    this.entries.set(fullKey, entry);
    value.catch(() => {
      if (this.entries.get(fullKey) === entry) this.entries.delete(fullKey);
    });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return value;
  }

  /** Counts since the cache was made. */
  stats(): CacheStats {
    return { hits: this.hits, misses: this.misses, entries: this.entries.size };
  }
}
