/** How the bench parent and its server children talk over the IPC channel of fork(). */
import { ChildProcess, fork, spawnSync } from "child_process";
import { existsSync } from "fs";
import { join, relative } from "path";

type ToChild = "rss" | "stop";
type Memory = { rss: number; heapUsed: number; heapTotal: number; external: number };
type FromChild = { ready: true } | Memory | { failed: string };

/** In a child: starts the server, reports readiness, answers rss requests, stops on request. */
export function serveBenchTarget(start: () => Promise<() => Promise<unknown>>): void {
  start().then(
    (stop) => {
      process.on("message", async (message: ToChild) => {
        if (message === "rss") {
          const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
          process.send!({ rss, heapUsed, heapTotal, external } satisfies FromChild);
        }
        if (message === "stop") {
          await stop();
          process.exit(0);
        }
      });
      // A parent that dies without stopping its children leaves no server behind.
      process.on("disconnect", () => process.exit(0));
      process.send!({ ready: true } satisfies FromChild);
    },
    (err) => {
      process.send!({ failed: String(err?.stack ?? err) } satisfies FromChild, () => process.exit(1));
    },
  );
}

export interface BenchTarget {
  readonly child: ChildProcess;
  /** Resident set size, V8 heap in use and reserved, and memory outside the V8 heap that it tracks, in bytes. */
  memory(): Promise<Memory>;
  stop(): Promise<void>;
}

function nextMessage(child: ChildProcess): Promise<FromChild> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`bench server exited with ${code} before answering`));
    child.once("exit", onExit);
    child.once("message", (message: FromChild) => {
      child.off("exit", onExit);
      resolve(message);
    });
  });
}

const REPO = join(__dirname, "..", "..");
const SERVER_MODULES = ["mep-server.ts", "bare-fastify.ts"];

/**
 * Compiles the server children (and the MEP sources they import) to plain JavaScript in `outDir`, so the
 * measured processes carry no TypeScript compiler in memory or on their hot path, as in the image.
 */
export function compileBenchTargets(outDir: string): void {
  const tsc = require.resolve("typescript/bin/tsc");
  const args = [
    tsc, "--outDir", outDir, "--rootDir", REPO, "--module", "commonjs", "--target", "ES2022", "--esModuleInterop",
    "--resolveJsonModule", "--skipLibCheck", "--types", "node",
    // Type checking is the build's job (npm run build); here only the emitted JavaScript matters.
    "--noCheck", ...SERVER_MODULES.map((m) => join(__dirname, m)),
  ];
  const result = spawnSync(process.execPath, args, { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`compiling the bench servers failed:\n${result.stdout}${result.stderr}`);
}

/** Forks one of this folder's server modules, compiled into `outDir`, and waits until it listens. */
export async function startBenchTarget(
  outDir: string, module: string, env: Record<string, string>, nodeFlags: readonly string[] = [],
  /** Where the child's stdout (its logs) goes: a file descriptor, or the bench's own stdout. */
  stdout: number | "inherit" = "inherit",
): Promise<BenchTarget> {
  const compiled = join(outDir, relative(REPO, __dirname), module.replace(/\.ts$/, ".js"));
  if (!existsSync(compiled)) throw new Error(`${compiled} is missing: call compileBenchTargets first`);
  const child = fork(compiled, [], {
    // The compiled files live outside the repository: resolve packages from its node_modules, as the source would.
    env: { ...process.env, ...env, NODE_PATH: join(REPO, "node_modules") },
    cwd: REPO,
    // Not the parent's flags: they load ts-node, which would sit in the measured process's memory.
    execArgv: [...nodeFlags],
    stdio: ["ignore", stdout, "inherit", "ipc"],
  });
  const first = await nextMessage(child);
  if ("failed" in first) throw new Error(`${module} failed to start:\n${first.failed}`);
  return {
    child,
    async memory() {
      const answer = nextMessage(child);
      child.send("rss" satisfies ToChild);
      const message = await answer;
      if (!("rss" in message)) throw new Error(`${module} answered ${JSON.stringify(message)} to rss`);
      return message;
    },
    async stop() {
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.send("stop" satisfies ToChild);
      await exited;
    },
  };
}
