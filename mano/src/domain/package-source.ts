/**
 * Reads an application package named by `appPkgPath`: a file under one of MANO_PACKAGE_DIRS, or an http(s) URL on
 * one of MANO_PACKAGE_HOSTS (by default only this host), at most MANO_PACKAGE_MAX_BYTES. Anything else is refused:
 * onboarding must not become a way to read arbitrary files or reach arbitrary hosts.
 */
import { realpath, stat, readFile } from "fs/promises";
import { fileURLToPath } from "url";
import { sep } from "path";
import type { Config } from "../config";
import { badRequest } from "../../../mep/src/http/problem";

export interface FetchedPackage {
  readonly bytes: Buffer;
  /** Where relative references inside the package (its chart) are resolved from: a file path or a URL. */
  readonly location: string;
}

export async function fetchPackage(appPkgPath: string, config: Config): Promise<FetchedPackage> {
  let url: URL;
  try {
    url = new URL(appPkgPath);
  } catch {
    throw badRequest(`appPkgPath ${JSON.stringify(appPkgPath)} is not an absolute URI (file:///… or http://localhost/…)`);
  }
  if (url.protocol === "file:") return readLocal(url, config);
  if (url.protocol === "http:" || url.protocol === "https:") return download(url, config);
  throw badRequest(`appPkgPath ${appPkgPath}: only file: and http(s): URIs are supported`);
}

async function readLocal(url: URL, config: Config): Promise<FetchedPackage> {
  let file: string;
  try {
    file = await realpath(fileURLToPath(url));
  } catch (err) {
    throw badRequest(`appPkgPath ${url.href} cannot be read: ${(err as Error).message}`);
  }
  const roots = await Promise.all(config.packageDirs.map((dir) => realpath(dir).catch(() => undefined)));
  if (!roots.some((root) => root !== undefined && file.startsWith(root + sep))) {
    throw badRequest(`appPkgPath ${url.href} is outside MANO_PACKAGE_DIRS (${config.packageDirs.join(", ") || "none set"})`);
  }
  const size = (await stat(file)).size;
  if (size > config.packageMaxBytes) throw badRequest(`appPkgPath ${url.href} is ${size} bytes, more than MANO_PACKAGE_MAX_BYTES (${config.packageMaxBytes})`);
  return { bytes: await readFile(file), location: file };
}

async function download(url: URL, config: Config): Promise<FetchedPackage> {
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (!config.packageHosts.includes(host)) {
    throw badRequest(`appPkgPath host ${host} is not in MANO_PACKAGE_HOSTS (${config.packageHosts.join(", ") || "none set"})`);
  }
  let response: Response;
  try {
    response = await fetch(url, { redirect: "error", signal: AbortSignal.timeout(30000) });
  } catch (err) {
    throw badRequest(`appPkgPath ${url.href} could not be fetched: ${(err as Error).message}`);
  }
  if (response.status !== 200) throw badRequest(`appPkgPath ${url.href} answered ${response.status}`);
  const declared = Number(response.headers.get("content-length") ?? 0);
  if (declared > config.packageMaxBytes) {
    await response.body?.cancel();
    throw badRequest(`appPkgPath ${url.href} is ${declared} bytes, more than MANO_PACKAGE_MAX_BYTES (${config.packageMaxBytes})`);
  }
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length > config.packageMaxBytes) throw badRequest(`appPkgPath ${url.href} is ${bytes.length} bytes, more than MANO_PACKAGE_MAX_BYTES (${config.packageMaxBytes})`);
  return { bytes, location: url.href };
}
