/** The Store contract, the same on SQLite and PostgreSQL: migrations, optimistic versions, transactions, the outbox queue. */
import { migrations } from "../src/storage/migrations";
import { openStore, type Store } from "../src/storage/store";
import { backends } from "./support/backends";

const app = (id: string, version = 1) => ({ id, appName: id, clientSecretHash: "h", requiredServices: [], state: "INSTANTIATED" as const, version });

describe.each(backends)("Store on $name", (backend) => {
  let store: Store;
  let db: { databaseUrl?: string; sqlitePath: string };

  beforeAll(async () => {
    db = await backend.create();
    store = await openStore(db);
  });
  afterAll(() => store?.close());

  test("opening again applies no migration twice and keeps the data", async () => {
    await store.putApp(app("kept"), null);
    const again = await openStore(db);
    try {
      expect((await again.getApp("kept"))?.appName).toBe("kept");
    } finally {
      await again.close();
    }
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  test("writes carry the version they replace: a stale version changes nothing", async () => {
    expect(await store.putApp(app("versioned"), null)).toBe(true);
    expect(await store.putApp(app("versioned"), null)).toBe(false);
    expect(await store.putApp({ ...app("versioned", 2), appName: "second" }, 1)).toBe(true);
    expect(await store.putApp({ ...app("versioned", 3), appName: "stale" }, 1)).toBe(false);
    expect((await store.getApp("versioned"))?.appName).toBe("second");
  });

  test("a failing transaction leaves nothing behind", async () => {
    await expect(store.transaction(async (tx) => {
      await tx.putApp(app("rolled-back"), null);
      throw new Error("boom");
    })).rejects.toThrow("boom");
    expect(await store.getApp("rolled-back")).toBeUndefined();
  });

  test("concurrent transactions, one failing: the others commit, the failing one leaves nothing, and each is readable once it settles", async () => {
    // On SQLite these run in one group commit, each in a savepoint of its own; elsewhere one after another.
    const outcomes = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => store.transaction(async (tx) => {
      await tx.putApp(app(`together-${i}`), null);
      if (i === 3) throw new Error("the fourth fails");
      return i;
    }).then(async (value) => ({ value, readBack: (await store.getApp(`together-${i}`))?.id }))));
    expect(outcomes.map((o) => (o.status === "fulfilled" ? o.value : (o.reason as Error).message))).toEqual(
      Array.from({ length: 8 }, (_, i) => (i === 3 ? "the fourth fails" : { value: i, readBack: `together-${i}` })),
    );
    expect(await store.getApp("together-3")).toBeUndefined();
  });

  test("the outbox hands out only the head of each subscription's queue, and the next one after it is done", async () => {
    const now = Date.now();
    await store.enqueueNotifications([
      { subscriptionId: "s1", callbackReference: "http://a/1", payload: { n: 1 } },
      { subscriptionId: "s1", callbackReference: "http://a/1", payload: { n: 2 } },
      { subscriptionId: "s2", callbackReference: "http://a/2", payload: { n: 3 } },
    ], now);
    const first = await store.claimDueNotifications(now, 60_000, 10);
    expect(first.map((e) => JSON.parse(e.payload).n)).toEqual([1, 3]);
    expect(await store.claimDueNotifications(now, 60_000, 10)).toEqual([]);
    await store.deleteNotifications([first[0].id]);
    const second = await store.claimDueNotifications(now, 60_000, 10);
    expect(second.map((e) => JSON.parse(e.payload).n)).toEqual([2]);
    await store.rescheduleNotification(second[0].id, 1, now + 1000);
    expect(await store.claimDueNotifications(now + 999, 60_000, 10)).toEqual([]);
    await store.giveUpNotification(second[0].id, 2);
    expect(await store.countNotifications()).toEqual({ pending: 1, givenUp: 1 });
  });
});
