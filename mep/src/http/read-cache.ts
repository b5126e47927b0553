/**
 * Serialized answers to read-only queries, kept only while the database is unchanged. Every lookup first reads
 * the store's change counter (SQLite's `PRAGMA data_version`, which moves on any commit by another connection:
 * this process's writer, or another process such as `mep import`), and drops everything when it has moved, so an
 * answer computed before a write is never served after it.
 */

export interface ReadCacheLimits {
  /** Answers kept at most; the oldest go first. */
  readonly maxEntries: number;
  /** Characters kept at most, over all answers. */
  readonly maxChars: number;
  /** Larger answers are not kept (a full listing is rare and costs more to send than to build). */
  readonly maxEntryChars: number;
}

const DEFAULT_LIMITS: ReadCacheLimits = { maxEntries: 1000, maxChars: 4 * 2 ** 20, maxEntryChars: 256 * 2 ** 10 };

export class ReadCache {
  private readonly entries = new Map<string, string>();
  private chars = 0;
  private version: number | undefined;

  constructor(
    private readonly changeCounter: () => number,
    private readonly limits: ReadCacheLimits = DEFAULT_LIMITS,
  ) {}

  /**
   * Reads the change counter (forgetting every answer if it moved) and returns it: pass it to `set` with the
   * answer computed after this call, so an answer is stored only under the state it was read from or a later one.
   */
  current(): number {
    const version = this.changeCounter();
    if (version !== this.version) {
      this.entries.clear();
      this.chars = 0;
      this.version = version;
    }
    return version;
  }

  /** The answer for `key` if it was computed at the database state `current()` returned. */
  get(key: string): string | undefined {
    return this.entries.get(key);
  }

  set(version: number, key: string, answer: string): void {
    // A write committed since `current()`: the next lookup clears the cache anyway, so keep nothing now.
    if (version !== this.version || answer.length > this.limits.maxEntryChars || this.entries.has(key)) return;
    this.entries.set(key, answer);
    this.chars += answer.length;
    for (const [oldest, value] of this.entries) {
      if (this.entries.size <= this.limits.maxEntries && this.chars <= this.limits.maxChars) break;
      this.entries.delete(oldest);
      this.chars -= value.length;
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
