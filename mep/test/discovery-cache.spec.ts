/**
 * Discovery (GET /services) answers from a cache keyed by the database version (SQLite's data_version, PostgreSQL's
 * MVCC snapshot): it must never answer with what a committed write has changed, whoever committed it. Each test
 * warms the cache with the same query (twice, so the second is a hit) before the write, then asks again.
 */
import { Client } from "pg";
import { openStore, type Store } from "../src/storage/store";
import { ReadCache } from "../src/http/read-cache";
import { versionReader } from "../src/storage/version-reader";
import { backends } from "./support/backends";
import { expectConforms, expectStatus } from "./support/conformance";
import { serviceBody } from "./support/fixtures";
import { Mep } from "./support/mep";

const SM = "/mec_service_mgmt/v1";

/** Polls `check` until it holds (at most 5 s). */
async function eventually(check: () => Promise<boolean>, what = "the condition"): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} never held within 5 s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Each database, and on PostgreSQL each way of keeping answers fresh (MEP_DISCOVERY_FRESHNESS). */
const variants: { name: string; backend: (typeof backends)[number]; env: Record<string, string>; immediateForOthers: boolean; readsVersion: boolean }[] = [
  { name: "sqlite", backend: backends.find((b) => b.name === "sqlite")!, env: {}, immediateForOthers: true, readsVersion: true },
  { name: "postgres, freshness notify", backend: backends.find((b) => b.name === "postgres")!, env: {}, immediateForOthers: false, readsVersion: false },
  { name: "postgres, freshness snapshot", backend: backends.find((b) => b.name === "postgres")!, env: { MEP_DISCOVERY_FRESHNESS: "snapshot" }, immediateForOthers: true, readsVersion: true },
];

describe.each(variants)("discovery after writes on $name", ({ backend, env, immediateForOthers, readsVersion }) => {
  let mep: Mep;
  let db: { databaseUrl?: string; sqlitePath: string };
  let producer: string;
  let consumer: string;

  beforeAll(async () => {
    db = await backend.create();
    mep = await Mep.start(db, env);
    producer = await mep.createApp("cache-producer");
    consumer = await mep.createApp("cache-consumer");
  });
  afterAll(() => mep?.close());

  const register = async (serName: string, extra: Record<string, unknown> = {}, app = "cache-producer", token = producer) => {
    const response = await mep.request("POST", `${SM}/applications/${app}/services`, { token, body: serviceBody(serName, extra) });
    expectStatus(response, 201);
    return response;
  };
  /** Discovery by name, asked twice so the answer is a cached one where there is a cache. */
  const discoverWarm = async (query: string) => {
    await mep.request("GET", `${SM}/services?${query}`, { token: consumer });
    return discover(query);
  };
  const discover = async (query: string) => {
    const response = await mep.request("GET", `${SM}/services?${query}`, { token: consumer });
    expectStatus(response, 200);
    expectConforms("ServiceInfo[]", response.body);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    return response.body as { serInstanceId: string; state: string; version: string }[];
  };

  test("a registration shows at once in a query answered before it", async () => {
    expect(await discoverWarm("ser_name=cached-a")).toEqual([]);
    const created = (await register("cached-a")).body;
    expect((await discover("ser_name=cached-a")).map((s) => s.serInstanceId)).toEqual([created.serInstanceId]);
    const second = (await register("cached-a")).body;
    expect((await discover("ser_name=cached-a")).map((s) => s.serInstanceId).sort()).toEqual([created.serInstanceId, second.serInstanceId].sort());
  });

  test("the full list (no query at all), large answers included in the cache, shows a registration and a deletion at once", async () => {
    const fullList = async () => {
      const response = await mep.request("GET", `${SM}/services`, { token: consumer });
      expectStatus(response, 200);
      return (response.body as { serInstanceId: string }[]).map((s) => s.serInstanceId).sort();
    };
    await fullList();
    const before = await fullList();
    const created = (await register("cached-full")).body;
    expect(await fullList()).toEqual([...before, created.serInstanceId].sort());
    expectStatus(await mep.request("DELETE", `${SM}/applications/cache-producer/services/${created.serInstanceId}`, { token: producer }), 204);
    expect(await fullList()).toEqual(before);
  });

  test("a replaced service shows its new attributes, and a deleted one disappears", async () => {
    const created = await register("cached-b");
    const id = created.body.serInstanceId;
    expect((await discoverWarm("ser_name=cached-b"))[0].version).toBe("1.0.0");
    const path = `${SM}/applications/cache-producer/services/${id}`;
    expectStatus(await mep.request("PUT", path, { token: producer, body: serviceBody("cached-b", { version: "2.0.0" }) }), 200);
    expect((await discover("ser_name=cached-b"))[0].version).toBe("2.0.0");
    expect((await discoverWarm(`ser_instance_id=${id}`))[0].version).toBe("2.0.0");
    expectStatus(await mep.request("DELETE", path, { token: producer }), 204);
    expect(await discover("ser_name=cached-b")).toEqual([]);
    expect(await discover(`ser_instance_id=${id}`)).toEqual([]);
  });

  test("a liveness suspension shows as soon as the service reads SUSPENDED, and a heartbeat as ACTIVE", async () => {
    const created = await register("cached-heart", { livenessInterval: 1 });
    const id = created.body.serInstanceId;
    expect((await discoverWarm("ser_name=cached-heart"))[0].state).toBe("ACTIVE");
    // Read the service itself (never cached) first: whatever it shows, discovery asked afterwards must show too.
    const deadline = Date.now() + 10_000;
    for (;;) {
      const direct = (await mep.request("GET", `${SM}/services/${id}`, { token: consumer })).body.state;
      const discovered = (await discover("ser_name=cached-heart"))[0].state;
      if (direct === "SUSPENDED") {
        expect(discovered).toBe("SUSPENDED");
        break;
      }
      if (Date.now() > deadline) throw new Error("the service was never suspended");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const beat = await mep.request("PATCH", mep.local(created.body._links.liveness.href), {
      token: producer, body: { state: "ACTIVE" }, headers: { "content-type": "application/merge-patch+json" },
    });
    expectStatus(beat, 200);
    expect((await discover("ser_name=cached-heart"))[0].state).toBe("ACTIVE");
  });

  test("deleting the producing app instance removes its services from discovery", async () => {
    const token = await mep.createApp("cache-doomed");
    await register("cached-c", {}, "cache-doomed", token);
    expect(await discoverWarm("ser_name=cached-c")).toHaveLength(1);
    expectStatus(await mep.request("DELETE", "/mecaas_mgmt/v1/app_instances/cache-doomed", { token: await mep.adminToken() }), 204);
    expect(await discover("ser_name=cached-c")).toEqual([]);
  });

  test(`a write through another connection (another replica, or \`mep import\`) shows ${immediateForOthers ? "at once" : "once its notification arrives"}, to concurrent requests too`, async () => {
    const created = await register("cached-d");
    expect((await discoverWarm("ser_name=cached-d"))[0].state).toBe("ACTIVE");
    const other = await openStore({ ...db, discoveryFreshness: "snapshot" });
    try {
      const stored = (await other.getService(created.body.serInstanceId))!;
      await other.putService({ ...stored, info: { ...stored.info, state: "INACTIVE" }, version: stored.version + 1 }, stored.version);
      if (!immediateForOthers) await eventually(async () => (await discover("ser_name=cached-d"))[0].state === "INACTIVE");
      expect((await discover("ser_name=cached-d"))[0].state).toBe("INACTIVE");
      const again = (await other.getService(created.body.serInstanceId))!;
      await other.putService({ ...again, info: { ...again.info, state: "ACTIVE" }, version: again.version + 1 }, again.version);
    } finally {
      await other.close();
    }
    if (!immediateForOthers) await eventually(async () => (await discover("ser_name=cached-d"))[0].state === "ACTIVE");
    const answers = await Promise.all(Array.from({ length: 20 }, () => discover("ser_name=cached-d")));
    expect(answers.map((a) => a[0].state)).toEqual(Array(20).fill("ACTIVE"));
  });

  test(readsVersion
    ? "concurrent discovery requests share reads of the database version, counted in the metrics"
    : "cached discovery answers need no read of the database version (changes arrive by LISTEN)", async () => {
    const versionReads = async () => {
      const text = (await mep.request("GET", "/metrics")).text;
      return Number(/^mep_database_version_reads_total (\d+)$/m.exec(text)![1]);
    };
    await discoverWarm("ser_name=cached-e");
    const before = await versionReads();
    await Promise.all(Array.from({ length: 50 }, () => discover("ser_name=cached-e")));
    const reads = (await versionReads()) - before;
    if (readsVersion) {
      expect(reads).toBeGreaterThanOrEqual(1);
      expect(reads).toBeLessThan(50);
    } else {
      expect(reads).toBe(0);
    }
  });
});

describe("discovery on PostgreSQL when the database drops its connections", () => {
  const postgres = backends.find((b) => b.name === "postgres")!;

  test("answers again, and answers fresh, once the server has cut every connection of the MEP", async () => {
    const db = await postgres.create();
    const mep = await Mep.start(db);
    try {
      const producer = await mep.createApp("cut-producer");
      const consumer = await mep.createApp("cut-consumer");
      const discover = async () => {
        const response = await mep.request("GET", `${SM}/services?ser_name=cut-a`, { token: consumer });
        return response;
      };
      expectStatus(await discover(), 200);
      const admin = new Client({ connectionString: db.databaseUrl });
      await admin.connect();
      try {
        const database = new URL(db.databaseUrl!).pathname.slice(1);
        const cut = await admin.query("SELECT count(*)::int AS n FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()) AS t", [database]);
        expect(cut.rows[0].n).toBeGreaterThan(0);
      } finally {
        await admin.end();
      }
      // A request may meet a connection that is just dying (a 5xx); within a few tries discovery serves again.
      const deadline = Date.now() + 10_000;
      while ((await discover()).status !== 200) {
        if (Date.now() > deadline) throw new Error("discovery never recovered after the connections were cut");
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const created = await mep.request("POST", `${SM}/applications/cut-producer/services`, { token: producer, body: serviceBody("cut-a") });
      expectStatus(created, 201);
      const after = await discover();
      expectStatus(after, 200);
      expect((after.body as { serInstanceId: string }[]).map((s) => s.serInstanceId)).toEqual([created.body.serInstanceId]);
    } finally {
      await mep.close();
    }
  });
});

describe("the PostgreSQL store with freshness notify", () => {
  const postgres = backends.find((b) => b.name === "postgres")!;
  const listening = async (store: Store) => (await store.versioned.version()).startsWith("changes ");
  const terminate = async (databaseUrl: string, which: string) => {
    const admin = new Client({ connectionString: databaseUrl });
    await admin.connect();
    try {
      const { rows } = await admin.query(
        `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND ${which}`);
      return rows[0].n as number;
    } finally {
      await admin.end();
    }
  };

  test("a service it writes moves the version before the write resolves, without waiting for the notification", async () => {
    const db = await postgres.create();
    const store = await openStore(db);
    try {
      await eventually(() => listening(store), "LISTEN");
      const app = { id: "own-writes", name: "own-writes", state: "READY" } as unknown as Parameters<Store["putApp"]>[0];
      await store.putApp({ ...app, version: 1 } as never, null);
      for (let i = 0; i < 20; i++) {
        const before = await store.versioned.version();
        await store.putService({ id: `s${i}`, appInstanceId: "own-writes", info: { serName: "own", state: "ACTIVE" }, version: 1 } as never, null);
        expect(await store.versioned.version()).not.toBe(before);
      }
    } finally {
      await store.close();
    }
  });

  test("without its LISTEN connection it checks answers against snapshots, and listens again within seconds", async () => {
    const db = await postgres.create();
    const store = await openStore(db);
    try {
      await eventually(() => listening(store), "LISTEN");
      expect(await terminate(db.databaseUrl!, "query LIKE 'LISTEN%'")).toBe(1);
      await eventually(async () => !(await listening(store)), "the fallback to snapshots");
      expect(await store.versioned.version()).toMatch(/^\d+:\d+:/);
      await eventually(() => listening(store), "LISTEN again");
    } finally {
      await store.close();
    }
  });
});

describe("ReadCache", () => {
  const bytes = (text: string) => Buffer.from(text);
  const texts = (answers: (Buffer | undefined)[]) => answers.map((a) => a?.toString());

  test("answers only at the version an answer was read from, and forgets the others", () => {
    const cache = new ReadCache();
    cache.set("1", "q", bytes("[1]"));
    expect(texts([cache.get("1", "q")])).toEqual(["[1]"]);
    expect(cache.get("2", "q")).toBeUndefined();
    expect(cache.get("1", "q")).toBeUndefined();
  });

  test("stays within its limits, dropping the oldest answers first, and skips answers too large to keep", () => {
    const cache = new ReadCache({ maxEntries: 2, maxBytes: 10, maxEntryBytes: 6 });
    cache.set("v", "a", bytes("aaaa"));
    cache.set("v", "b", bytes("bbbb"));
    cache.set("v", "c", bytes("cccc"));
    expect(texts([cache.get("v", "a"), cache.get("v", "b"), cache.get("v", "c")])).toEqual([undefined, "bbbb", "cccc"]);
    cache.set("v", "d", bytes("ddddddd"));
    expect(cache.get("v", "d")).toBeUndefined();
    cache.set("v", "e", bytes("eeeeee"));
    expect(cache.size).toBe(2);
    expect(texts([cache.get("v", "b"), cache.get("v", "c"), cache.get("v", "e")])).toEqual([undefined, "cccc", "eeeeee"]);
  });

  test("the default limits keep the full list of 1k services (about 450 KiB)", () => {
    const cache = new ReadCache();
    cache.set("v", "", Buffer.alloc(450 * 1024));
    expect(cache.get("v", "")?.length).toBe(450 * 1024);
  });
});

describe("the version reader", () => {
  /** A database whose version reads the test answers, in order. */
  function fakeDatabase() {
    const sent: ((version: string) => void)[] = [];
    const read = versionReader(() => new Promise<string>((resolve) => sent.push(resolve)));
    return { read, sent };
  }
  const turn = () => new Promise((resolve) => setImmediate(resolve));

  test("callers of one event-loop turn share one read, made after they called; later callers never share it", async () => {
    const { read, sent } = fakeDatabase();
    const first = [read(), read(), read()];
    expect(sent).toHaveLength(0);
    await turn();
    expect(sent).toHaveLength(1);
    const later = read();
    sent[0]("s1");
    expect(await Promise.all(first)).toEqual(["s1", "s1", "s1"]);
    await turn();
    await turn();
    expect(sent).toHaveLength(2);
    sent[1]("s2");
    expect(await later).toBe("s2");
    expect(read.reads).toBe(2);
  });

  test("reads one at a time: callers who come while a read is on its way share the next, made after its answer", async () => {
    const { read, sent } = fakeDatabase();
    const first = read();
    await turn();
    expect(sent).toHaveLength(1);
    const waiting = [read(), read()];
    await turn();
    const alsoWaiting = read();
    await turn();
    expect(sent).toHaveLength(1);
    sent[0]("s1");
    expect(await first).toBe("s1");
    await turn();
    await turn();
    expect(sent).toHaveLength(2);
    sent[1]("s2");
    expect(await Promise.all([...waiting, alsoWaiting])).toEqual(["s2", "s2", "s2"]);
  });

  test("a failed read fails its callers only; the next callers get a new read", async () => {
    let attempt = 0;
    const read = versionReader(() => (++attempt === 1 ? Promise.reject(new Error("connection lost")) : Promise.resolve("s2")));
    await expect(read()).rejects.toThrow("connection lost");
    await expect(read()).resolves.toBe("s2");
  });
});
