/**
 * Writing to SQLite from async code: statements prepared once per connection, and units of work serialized on the
 * one write connection and committed in groups. Shared by the MEP's store and the Edge MANO's (mano/).
 */
import type Database from "better-sqlite3";
import type { Row, SqlExecutor } from "./sql";

export class SqliteExecutor implements SqlExecutor {
  private readonly statements = new Map<string, Database.Statement>();
  constructor(private readonly db: Database.Database) {}

  private prepare(sql: string) {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  async all(sql: string, params: readonly unknown[] = []) {
    return this.prepare(sql).all(...params) as Row[];
  }

  async run(sql: string, params: readonly unknown[] = []) {
    return this.prepare(sql).run(...params).changes;
  }

  async exec(script: string) {
    this.db.exec(script);
  }
}

/** Units committed together at most, so a steady stream of writes still commits (and answers) promptly. */
const MAX_GROUP = 64;

interface Waiting {
  /** Settles the unit's promise once the group it ran in has committed. */
  committed(): void;
  /** Rejects it: the group could not commit. */
  lost(error: unknown): void;
}

/**
 * Runs units of work one at a time on the write connection, each in a savepoint of one transaction shared with
 * the units queued behind it, and commits when the queue is empty at the end of an event-loop turn (or MAX_GROUP
 * units have run). A unit that throws rolls back to its savepoint, leaving the others' writes. Every unit settles
 * only after the COMMIT, so nothing is acknowledged before it is durable, and the outcome is that of the units run
 * and committed one by one.
 * One COMMIT (and the WAL frames of each page written once) per group is what makes concurrent registrations cheap.
 */
export class GroupCommitWriter {
  private queue: Promise<unknown> = Promise.resolve();
  private queued = 0;
  private readonly waiting: Waiting[] = [];
  private commitScheduled = false;
  // Prepared once: parsing them on every unit cost about as much as a registration's own statements.
  private readonly begin: Database.Statement;
  private readonly savepoint: Database.Statement;
  private readonly release: Database.Statement;
  private readonly rollbackToSavepoint: Database.Statement;
  private readonly commitGroup: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.begin = db.prepare("BEGIN IMMEDIATE");
    this.savepoint = db.prepare("SAVEPOINT unit");
    this.release = db.prepare("RELEASE unit");
    this.rollbackToSavepoint = db.prepare("ROLLBACK TO unit");
    this.commitGroup = db.prepare("COMMIT");
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    this.queued++;
    return new Promise<T>((resolve, reject) => {
      this.queue = this.queue.then(async () => {
        await this.runUnit(work, resolve, reject);
        this.queued--;
        if (this.waiting.length >= MAX_GROUP) this.commit();
        else if (this.queued === 0) this.commitAfterThisTurn();
      });
    });
  }

  private async runUnit<T>(work: () => Promise<T>, resolve: (value: T) => void, reject: (error: unknown) => void) {
    try {
      if (!this.db.inTransaction) this.begin.run();
      this.savepoint.run();
    } catch (err) {
      this.waiting.push({ committed: () => reject(err), lost: reject });
      return;
    }
    try {
      const result = await work();
      this.release.run();
      this.waiting.push({ committed: () => resolve(result), lost: reject });
    } catch (err) {
      try {
        if (this.db.inTransaction) {
          this.rollbackToSavepoint.run();
          this.release.run();
        } else {
          // SQLite rolled the whole transaction back (e.g. disk full): the units before this one are lost too.
          this.lose(err);
        }
      } catch (rollbackError) {
        this.abandon(rollbackError);
      }
      this.waiting.push({ committed: () => reject(err), lost: () => reject(err) });
    }
  }

  /**
   * Requests arrive one I/O callback at a time, each running its unit before the next callback: the commit waits
   * for the end of the event-loop turn, so the units of every request delivered in it share the group.
   */
  private commitAfterThisTurn() {
    if (this.commitScheduled) return;
    this.commitScheduled = true;
    setImmediate(() => {
      this.commitScheduled = false;
      // Units still queued will schedule the commit again when the last of them has run.
      if (this.queued === 0) this.commit();
    });
  }

  private commit() {
    try {
      if (this.db.inTransaction) this.commitGroup.run();
    } catch (err) {
      this.abandon(err);
      return;
    }
    for (const unit of this.waiting.splice(0)) unit.committed();
  }

  /** Rolls the group back, whatever state it is in, and fails its units. */
  private abandon(error: unknown) {
    try {
      if (this.db.inTransaction) this.db.exec("ROLLBACK");
    } catch {
      // Nothing more to undo: the connection has no transaction left, or is closed.
    }
    this.lose(error);
  }

  private lose(error: unknown) {
    for (const unit of this.waiting.splice(0)) unit.lost(error);
  }
}
