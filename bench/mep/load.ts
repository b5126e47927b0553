/** Load generation with autocannon: one helper per kind of measurement, each returning plain figures. */
import autocannon from "autocannon";

export interface ThroughputFigures {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
  readonly errors: number;
}

function figures(result: autocannon.Result): ThroughputFigures {
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

/** GET load over a rotating set of paths, for a fixed time. */
export async function measureGets(
  baseUrl: string,
  paths: readonly string[],
  options: { connections: number; seconds: number; headers?: Record<string, string> },
): Promise<ThroughputFigures> {
  const result = await autocannon({
    url: baseUrl,
    connections: options.connections,
    duration: options.seconds,
    requests: paths.map((path) => ({ method: "GET" as const, path, headers: options.headers })),
  });
  return figures(result);
}

/**
 * Exactly `amount` POSTs, each body made by `bodyFor(n)` with n counting from `firstIndex`. The rate is timed
 * to the last response: autocannon reports only once per whole second, which would round short runs.
 */
export async function postMany(
  url: string,
  amount: number,
  options: { connections: number; headers: Record<string, string>; firstIndex: number; bodyFor: (n: number) => unknown },
): Promise<ThroughputFigures & { readonly seconds: number }> {
  let next = options.firstIndex;
  const started = process.hrtime.bigint();
  let lastResponse = started;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: options.connections,
        amount,
        requests: [
          {
            method: "POST",
            headers: { ...options.headers, "content-type": "application/json" },
            setupRequest: (request) => ({ ...request, body: JSON.stringify(options.bodyFor(next++)) }),
          },
        ],
      },
      (err, done) => (err ? reject(err) : resolve(done)),
    );
    instance.on("response", () => (lastResponse = process.hrtime.bigint()));
  });
  const seconds = Number(lastResponse - started) / 1e9;
  return { ...figures(result), requestsPerSecond: amount / seconds, seconds };
}

/**
 * Two GET loads measured side by side: `rounds` alternating windows of each, so a change in the machine's load
 * (other processes on these 2 cores) hits both alike. Rates are totals over the windows; p50 is the median of the
 * windows' p50s and p99 the worst window's.
 */
export async function measureSideBySide(
  first: (seconds: number) => Promise<ThroughputFigures>,
  second: (seconds: number) => Promise<ThroughputFigures>,
  options: { seconds: number; rounds: number },
): Promise<[ThroughputFigures, ThroughputFigures]> {
  const windowSeconds = Math.max(1, Math.round(options.seconds / options.rounds));
  const runs: [ThroughputFigures[], ThroughputFigures[]] = [[], []];
  for (let round = 0; round < options.rounds; round++) {
    runs[0].push(await first(windowSeconds));
    runs[1].push(await second(windowSeconds));
  }
  const combined = (windows: ThroughputFigures[]): ThroughputFigures => {
    const requests = windows.reduce((sum, w) => sum + w.requests, 0);
    const p50s = windows.map((w) => w.p50Ms).sort((a, b) => a - b);
    return {
      requests,
      requestsPerSecond: requests / (windowSeconds * windows.length),
      p50Ms: p50s[Math.floor(p50s.length / 2)],
      p99Ms: Math.max(...windows.map((w) => w.p99Ms)),
      errors: windows.reduce((sum, w) => sum + w.errors, 0),
    };
  };
  return [combined(runs[0]), combined(runs[1])];
}
