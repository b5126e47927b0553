/**
 * PostgreSQL LISTEN on the channel that migration 3's trigger notifies on every change to the services table, by
 * any process (this MEP, another replica, `mep import`). Counts what it hears; while it is not listening (not yet
 * connected, or the connection was lost and is being re-established) it says so, and callers must not rely on it.
 */
import { Client } from "pg";

export const SERVICES_CHANGED_CHANNEL = "mep_services_changed";

export interface ChangeListener {
  /** True while LISTEN is in effect: every commit to services from then on is heard. */
  readonly listening: boolean;
  /** Changes to services as heard by this process, and its own (bump()): a new value after every change. */
  readonly generation: string;
  /** Records a change this process has just committed, before its notification comes back. */
  bump(): void;
  close(): Promise<void>;
}

export function listenForChanges(connectionString: string, retryMs = 1000): ChangeListener {
  let connection = 0;
  let changes = 0;
  let client: Client | undefined;
  let listening = false;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  const lost = (from: Client) => {
    if (client !== from) return;
    listening = false;
    client = undefined;
    from.end().catch(() => undefined);
    if (!closed) retry = setTimeout(connect, retryMs);
  };
  async function connect() {
    const next = new Client({ connectionString });
    client = next;
    next.on("error", () => lost(next));
    next.on("end", () => lost(next));
    next.on("notification", () => changes++);
    try {
      await next.connect();
      await next.query(`LISTEN ${SERVICES_CHANGED_CHANNEL}`);
      if (client !== next) return;
      // Whatever was committed before LISTEN took effect was not heard: a new connection number starts afresh.
      connection++;
      listening = true;
    } catch {
      lost(next);
    }
  }
  void connect();

  return {
    get listening() {
      return listening;
    },
    get generation() {
      return `${connection}.${changes}`;
    },
    bump() {
      changes++;
    },
    async close() {
      closed = true;
      clearTimeout(retry);
      const last = client;
      client = undefined;
      listening = false;
      await last?.end().catch(() => undefined);
    },
  };
}
