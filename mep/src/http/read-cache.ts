/**
 * Serialized answers to read-only queries, each kept under the version of the database state it was read from
 * (see `VersionedReads` in storage/store.ts). A lookup names the version the database has now (read after the
 * request arrived) and is answered only from that same state, so an answer is never served once a commit has
 * changed the data. Only answers of one version are kept: a lookup at another version forgets them all.
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
  private version: string | undefined;

  constructor(private readonly limits: ReadCacheLimits = DEFAULT_LIMITS) {}

  /** The answer for `key` read from the database state `version`, which must be the state now. */
  get(version: string, key: string): string | undefined {
    this.moveTo(version);
    return this.entries.get(key);
  }

  /** Keeps `answer`, read from the database state `version`. */
  set(version: string, key: string, answer: string): void {
    if (answer.length > this.limits.maxEntryChars) return;
    this.moveTo(version);
    if (this.entries.has(key)) return;
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

  private moveTo(version: string) {
    if (version === this.version) return;
    this.entries.clear();
    this.chars = 0;
    this.version = version;
  }
}
