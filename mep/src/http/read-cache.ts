/**
 * Serialized answers to read-only queries (as the bytes sent, so a hit encodes nothing), each kept under the version of the database state it was read from
 * (see `VersionedReads` in storage/store.ts). A lookup names the version the database has now (read after the
 * request arrived) and is answered only from that same state, so an answer is never served once a commit has
 * changed the data. Only answers of one version are kept: a lookup at another version forgets them all.
 */

export interface ReadCacheLimits {
  /** Answers kept at most; the oldest go first. */
  readonly maxEntries: number;
  /** Bytes kept at most, over all answers. */
  readonly maxBytes: number;
  /** Larger answers are not kept. */
  readonly maxEntryBytes: number;
}

// A full list is worth keeping: at 1k services (about 450 KiB) building it costs about 20 ms of CPU, sending it a
// fraction of a millisecond (bench/mep). 8 MiB holds the full list of about 10k services.
const DEFAULT_LIMITS: ReadCacheLimits = { maxEntries: 1000, maxBytes: 16 * 2 ** 20, maxEntryBytes: 8 * 2 ** 20 };

export class ReadCache {
  private readonly entries = new Map<string, Buffer>();
  private bytes = 0;
  private version: string | undefined;

  constructor(private readonly limits: ReadCacheLimits = DEFAULT_LIMITS) {}

  /** The answer for `key` read from the database state `version`, which must be the state now. */
  get(version: string, key: string): Buffer | undefined {
    this.moveTo(version);
    return this.entries.get(key);
  }

  /** Keeps `answer`, read from the database state `version`. */
  set(version: string, key: string, answer: Buffer): void {
    if (answer.length > this.limits.maxEntryBytes) return;
    this.moveTo(version);
    if (this.entries.has(key)) return;
    this.entries.set(key, answer);
    this.bytes += answer.length;
    for (const [oldest, value] of this.entries) {
      if (this.entries.size <= this.limits.maxEntries && this.bytes <= this.limits.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= value.length;
    }
  }

  get size(): number {
    return this.entries.size;
  }

  private moveTo(version: string) {
    if (version === this.version) return;
    this.entries.clear();
    this.bytes = 0;
    this.version = version;
  }
}
