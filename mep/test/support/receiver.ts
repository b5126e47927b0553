/** A real HTTP server on loopback that receives notifications, and can be told to fail. */
import { createServer, type Server } from "http";
import type { AddressInfo } from "net";

export interface Received {
  path: string;
  /** The Host header the sender gave. */
  host?: string;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export class Receiver {
  readonly received: Received[] = [];
  /** Answer this many requests with 503 before accepting. */
  failNext = 0;
  private server?: Server;

  async start(port = 0): Promise<this> {
    this.server = createServer((req, res) => {
      let data = "";
      req.on("data", (chunk) => (data += chunk));
      req.on("end", () => {
        if (this.failNext > 0) {
          this.failNext--;
          res.writeHead(503).end();
          return;
        }
        this.received.push({ path: req.url ?? "", host: req.headers.host, body: JSON.parse(data) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, "127.0.0.1", resolve));
    return this;
  }

  get port() {
    return (this.server!.address() as AddressInfo).port;
  }

  url(path = "/notify") {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  on(path: string) {
    return this.received.filter((r) => r.path === path).map((r) => r.body);
  }

  hosts(path: string) {
    return this.received.filter((r) => r.path === path).map((r) => r.host);
  }

  async waitFor(predicate: (received: Received[]) => boolean, timeoutMs = 5000): Promise<Received[]> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.received)) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for notifications; received: ${JSON.stringify(this.received)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return this.received;
  }

  async stop() {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server?.closeAllConnections();
  }
}

/** A loopback port that was free a moment ago (for servers that must come up on a known port later). */
export async function freePort(): Promise<number> {
  const probe = await new Receiver().start();
  const port = probe.port;
  await probe.stop();
  return port;
}
