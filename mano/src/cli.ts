/**
 * `mecaas-mano`: the CSP operator's command line over Mm1. It onboards a package from a file and instantiates it on
 * a worker pool, terminates an instance, and lists what is there. The Edge MANO and the OSS credential come from
 * MANO_URL, MANO_CLIENT_ID and MANO_CLIENT_SECRET (never from the command line, which others can read).
 */
import { readFileSync } from "fs";
import { dirname, isAbsolute, resolve } from "path";
import { parse } from "yaml";

const USAGE = `usage: mecaas-mano <command> [arguments]
  onboard <package-file> [--name NAME] [--version VERSION]
      onboards the package (YAML or JSON: appD and mciop; a relative mciop is resolved against the file's
      directory, and must be readable by the Edge MANO: a path on its host or in its image, or an oci:// or
      https:// chart reference); prints the AppPkgInfo
  instantiate <appDId> --pool POOL [--name NAME] [--no-wait]
      creates an app instance of the onboarded package and instantiates it on the worker pool POOL; waits until
      the operation is COMPLETED (the app confirmed ready on the MEP) or failed; prints the AppInstanceInfo
  terminate <appInstanceId> [--graceful SECONDS | --forceful] [--delete] [--no-wait]
      terminates the instance (graceful by default: the app is notified and has SECONDS, default 30, to confirm);
      --delete also deletes its identifier once it is NOT_INSTANTIATED
  packages | instances | occurrences
      lists AppPkgInfo, AppInstanceInfo or AppLcmOpOcc
environment: MANO_URL (default http://localhost:8090), MANO_CLIENT_ID, MANO_CLIENT_SECRET (required)`;

export class UsageError extends Error {}

interface Options {
  readonly positional: string[];
  readonly flags: Map<string, string | true>;
}

const VALUED = new Set(["--name", "--version", "--pool", "--graceful"]);
const BARE = new Set(["--no-wait", "--forceful", "--delete"]);

function parseArgs(args: string[]): Options {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (VALUED.has(arg)) {
      if (i + 1 >= args.length) throw new UsageError(`${arg} needs a value`);
      flags.set(arg, args[++i]);
    } else if (BARE.has(arg)) flags.set(arg, true);
    else if (arg.startsWith("--")) throw new UsageError(`unknown option ${arg}`);
    else positional.push(arg);
  }
  return { positional, flags };
}

/** An Mm1 client with the OSS's token. */
export class Mm1Client {
  private token?: string;

  constructor(readonly url: string, private readonly clientId: string, private readonly clientSecret: string) {}

  async call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any; location?: string }> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const response = await fetch(path.startsWith("http") ? path : `${this.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${await this.accessToken()}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    const parsed = text ? JSON.parse(text) : undefined;
    if (response.status >= 400) throw new Error(`${method} ${path}: ${response.status} ${parsed?.detail ?? text}`);
    return { status: response.status, body: parsed, location: response.headers.get("location") ?? undefined };
  }

  private async accessToken() {
    if (this.token) return this.token;
    const response = await fetch(`${this.url}/oauth/token`, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(`${encodeURIComponent(this.clientId)}:${encodeURIComponent(this.clientSecret)}`).toString("base64")}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "grant_type=client_credentials",
    });
    const body = (await response.json()) as { access_token?: string; error_description?: string };
    if (!body.access_token) throw new Error(`the Edge MANO at ${this.url} refused the credential of ${this.clientId}: ${body.error_description ?? response.status}`);
    return (this.token = body.access_token);
  }
}

/** Reads a package file: its AppD and its chart, a relative chart path made absolute against the file's directory. */
export function readPackageFile(file: string): { appD: Record<string, unknown>; mciop: string } {
  const content = parse(readFileSync(file, "utf8")) as { appD?: Record<string, unknown>; mciop?: unknown };
  if (!content || typeof content.appD !== "object" || typeof content.mciop !== "string") {
    throw new UsageError(`${file} is not an application package: it needs appD (the AppD) and mciop (the chart)`);
  }
  const mciop = /^[a-z][a-z0-9+.-]*:\/\//i.test(content.mciop) || isAbsolute(content.mciop) ? content.mciop : resolve(dirname(file), content.mciop);
  return { appD: content.appD, mciop };
}

/** Polls an occurrence until it is COMPLETED (resolves) or FAILED_TEMP/FAILED (rejects with its error). */
async function settled(mm1: Mm1Client, location: string, pollMs = 1000) {
  for (;;) {
    const occ = (await mm1.call("GET", location)).body;
    if (occ.operationState === "COMPLETED") return occ;
    if (occ.operationState === "FAILED_TEMP" || occ.operationState === "FAILED") {
      throw new Error(`${occ.lcmOperation} ${occ.operationState}: ${occ.error?.detail ?? "no reason given"} (occurrence ${occ.id}: retry or fail it)`);
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

export async function runCli(args: string[], env: NodeJS.ProcessEnv, print: (line: string) => void): Promise<void> {
  const [command, ...rest] = args;
  const { positional, flags } = parseArgs(rest);
  const clientId = env.MANO_CLIENT_ID;
  const clientSecret = env.MANO_CLIENT_SECRET;
  if (!command || command === "help" || command === "--help") return print(USAGE);
  if (!clientId || !clientSecret) throw new UsageError("MANO_CLIENT_ID and MANO_CLIENT_SECRET must be set: the OSS credential of the Edge MANO");
  const mm1 = new Mm1Client((env.MANO_URL || "http://localhost:8090").replace(/\/+$/, ""), clientId, clientSecret);
  const one = (what: string) => {
    if (positional.length !== 1) throw new UsageError(`${command} takes one ${what}`);
    return positional[0];
  };
  const wait = !flags.has("--no-wait");
  const show = (value: unknown) => print(JSON.stringify(value, null, 2));
  const local = (link: string) => link.replace(/^https?:\/\/[^/]+/, "");

  switch (command) {
    case "onboard": {
      const file = one("package file");
      const appPkgContent = readPackageFile(file);
      const created = await mm1.call("POST", "/app_pkgm/v1/app_packages", {
        appPkgName: flags.get("--name") ?? String(appPkgContent.appD.appName),
        appPkgVersion: flags.get("--version") ?? String(appPkgContent.appD.appSoftVersion ?? "1.0"),
        appPkgContent,
      });
      return show(created.body);
    }
    case "instantiate": {
      const appDId = one("appDId");
      const pool = flags.get("--pool");
      if (typeof pool !== "string") throw new UsageError("instantiate needs --pool POOL: the worker pool (MEC host) to run on");
      const name = flags.get("--name");
      const instance = (await mm1.call("POST", "/app_lcm/v1/app_instances", { appDId, ...(typeof name === "string" ? { appInstanceName: name } : {}) })).body;
      const started = await mm1.call("POST", `/app_lcm/v1/app_instances/${instance.id}/instantiate`, { selectedMECHostInfo: [{ hostName: pool, hostId: pool }] });
      if (wait) await settled(mm1, local(started.location!));
      return show((await mm1.call("GET", `/app_lcm/v1/app_instances/${instance.id}`)).body);
    }
    case "terminate": {
      const id = one("appInstanceId");
      const graceful = flags.get("--graceful");
      if (graceful !== undefined && flags.has("--forceful")) throw new UsageError("give --graceful SECONDS or --forceful, not both");
      const seconds = graceful === undefined ? 30 : Number(graceful);
      if (!Number.isInteger(seconds) || seconds < 1) throw new UsageError(`--graceful ${graceful} is not a number of seconds (1 or more)`);
      const body = flags.has("--forceful") ? { terminationType: "FORCEFUL" } : { terminationType: "GRACEFUL", gracefulTerminationTimeout: seconds };
      const started = await mm1.call("POST", `/app_lcm/v1/app_instances/${id}/terminate`, body);
      if (!wait) return show({ appLcmOpOcc: started.location });
      await settled(mm1, local(started.location!));
      if (flags.has("--delete")) return void (await mm1.call("DELETE", `/app_lcm/v1/app_instances/${id}`), print(`app instance ${id} terminated and deleted`));
      return show((await mm1.call("GET", `/app_lcm/v1/app_instances/${id}`)).body);
    }
    case "packages":
      return show((await mm1.call("GET", "/app_pkgm/v1/app_packages")).body);
    case "instances":
      return show((await mm1.call("GET", "/app_lcm/v1/app_instances")).body);
    case "occurrences":
      return show((await mm1.call("GET", "/app_lcm/v1/app_lcm_op_occs")).body);
    default:
      throw new UsageError(`unknown command ${command}`);
  }
}

/** The process: exit 0, 1 when the Edge MANO refused or an operation failed, 2 for a usage error. */
export function main(argv = process.argv.slice(2)) {
  runCli(argv, process.env, (line) => console.log(line)).catch((err) => {
    console.error(err instanceof UsageError ? `mecaas-mano: ${err.message}\n${USAGE}` : `mecaas-mano: ${(err as Error).message}`);
    process.exit(err instanceof UsageError ? 2 : 1);
  });
}

if (require.main === module) main();
