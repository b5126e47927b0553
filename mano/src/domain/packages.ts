/**
 * Application package management (MEC 010-2 clause 6.3.3): onboarding, enabling and disabling, deletion. A package
 * is onboarded within its POST: read (inline, or from appPkgPath), its checksum verified, its AppD validated, its
 * chart located; one that fails any of it is refused (400) and leaves nothing behind.
 */
import { createHash, randomUUID } from "crypto";
import { existsSync } from "fs";
import { dirname, isAbsolute, resolve } from "path";
import { parse as parseYaml } from "yaml";
import { appDescriptorProblems, type AppDescriptor } from "../../../lib/app-descriptor";
import { badRequest, conflict, notFound } from "../../../mep/src/http/problem";
import type { SpecValidator } from "../../../mep/src/spec/schema-registry";
import type { Config } from "../config";
import type { Links } from "../links";
import type { Notifier } from "../notifications/notifier";
import { notifyPackageEvent } from "../notifications/package-events";
import type { OperationalState, PackageRecord } from "../storage/records";
import type { Store } from "../storage/store";
import { fetchPackage } from "./package-source";

export interface CreateAppPkgRequest {
  readonly appPkgName: string;
  readonly appPkgVersion: string;
  readonly appProvider?: string;
  readonly checksum?: { readonly algorithm: string; readonly hash: string };
  readonly userDefinedData?: Record<string, unknown>;
  readonly appPkgPath?: string;
  readonly appPkgContent?: { readonly appD: unknown; readonly mciop: string };
}

/** Checksum algorithms as ETSI GS NFV-SOL 004 names them, and Node's names. */
const ALGORITHMS: Record<string, string> = { "SHA-256": "sha256", "SHA-384": "sha384", "SHA-512": "sha512" };

const hasScheme = (reference: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(reference);

export class PackageService {
  constructor(
    private readonly store: Store,
    private readonly notifier: Notifier,
    private readonly links: Links,
    private readonly config: Config,
    private readonly validator: SpecValidator,
  ) {}

  async onboard(request: CreateAppPkgRequest): Promise<PackageRecord> {
    const { content, checksum, location } = await this.packageContent(request);
    const contentProblem = this.validator.validate("AppPkgContent", content);
    if (contentProblem) throw badRequest(`the package is not an application package (AppPkgContent): ${contentProblem}`);
    const { appD, mciop } = content as { appD: AppDescriptor; mciop: string };
    const problems = appDescriptorProblems(appD, "appD");
    if (problems.length) throw badRequest(`the package's AppD is invalid:\n  - ${problems.join("\n  - ")}`);
    const pkg: PackageRecord = {
      id: randomUUID(),
      appDId: appD.appDId,
      appPkgName: request.appPkgName,
      appPkgVersion: request.appPkgVersion,
      appProvider: appD.appProvider,
      appName: appD.appName,
      appSoftwareVersion: appD.appSoftVersion,
      appDVersion: appD.appDVersion,
      checksum,
      mecInfo: appD.mecVersion,
      mciop: chartReference(mciop, location),
      appD,
      ...(request.userDefinedData ? { userDefinedData: request.userDefinedData } : {}),
      operationalState: "ENABLED",
    };
    await this.store.transaction(async (tx) => {
      if (!(await tx.insertPackage(pkg))) throw conflict(`a package with appDId ${pkg.appDId} is onboarded already`);
      await notifyPackageEvent(tx, this.notifier, this.links, "AppPackageOnBoarded", pkg, "NOT_IN_USE");
    });
    this.notifier.kick();
    return pkg;
  }

  /** Enables or disables a package (clauses 6.3.3.6, 6.3.3.7); 409 when it is in that state already. */
  async setOperationalState(appPkgId: string, operationalState: OperationalState): Promise<PackageRecord> {
    const updated = await this.store.transaction(async (tx) => {
      const pkg = await tx.getPackage(appPkgId);
      if (!pkg) throw notFound(`application package ${appPkgId}`);
      if (pkg.operationalState === operationalState) throw conflict(`application package ${appPkgId} is ${operationalState} already`);
      const next = { ...pkg, operationalState };
      await tx.updatePackage(next);
      const inUse = (await tx.packagesInUse([appPkgId])).has(appPkgId);
      await notifyPackageEvent(tx, this.notifier, this.links, operationalState === "ENABLED" ? "AppPackageEnabled" : "AppPackageDisabled", next, inUse ? "IN_USE" : "NOT_IN_USE");
      return next;
    });
    this.notifier.kick();
    return updated;
  }

  /** Deletes a package (clause 6.3.3.9): only a DISABLED one that no app instance uses (409 otherwise). */
  async delete(appPkgId: string): Promise<void> {
    await this.store.transaction(async (tx) => {
      const pkg = await tx.getPackage(appPkgId);
      if (!pkg) throw notFound(`application package ${appPkgId}`);
      if (pkg.operationalState !== "DISABLED") throw conflict(`application package ${appPkgId} is ${pkg.operationalState}: disable it first (PATCH operationalState DISABLED)`);
      if ((await tx.packagesInUse([appPkgId])).has(appPkgId)) throw conflict(`application package ${appPkgId} is IN_USE: delete its app instances first`);
      await tx.deletePackage(appPkgId);
      await notifyPackageEvent(tx, this.notifier, this.links, "AppPackageDeleted", pkg, "NOT_IN_USE");
    });
    this.notifier.kick();
  }

  /** The package's content, its checksum (verified when given) and where relative references resolve from. */
  private async packageContent(request: CreateAppPkgRequest) {
    if (request.appPkgContent) {
      const bytes = Buffer.from(JSON.stringify(request.appPkgContent));
      const checksum = request.checksum ? verified(request.checksum, bytes) : { algorithm: "SHA-256", hash: digest("sha256", bytes) };
      return { content: request.appPkgContent as unknown, checksum, location: undefined };
    }
    const fetched = await fetchPackage(request.appPkgPath!, this.config);
    const checksum = verified(request.checksum!, fetched.bytes);
    let content: unknown;
    try {
      content = parseYaml(fetched.bytes.toString("utf8"));
    } catch (err) {
      throw badRequest(`appPkgPath ${request.appPkgPath}: not YAML or JSON (${(err as Error).message})`);
    }
    return { content, checksum, location: fetched.location };
  }
}

const digest = (algorithm: string, bytes: Buffer) => createHash(algorithm).update(bytes).digest("hex");

function verified(checksum: { algorithm: string; hash: string }, bytes: Buffer) {
  const algorithm = ALGORITHMS[checksum.algorithm.toUpperCase()];
  if (!algorithm) throw badRequest(`checksum algorithm ${checksum.algorithm} is not supported: use one of ${Object.keys(ALGORITHMS).join(", ")}`);
  const actual = digest(algorithm, bytes);
  if (actual !== checksum.hash.toLowerCase()) throw badRequest(`checksum mismatch: the package's ${checksum.algorithm} is ${actual}, not ${checksum.hash}`);
  return { algorithm: checksum.algorithm, hash: actual };
}

/**
 * The chart as helm will be given it. A reference with a scheme (oci://, https://) or an absolute path stays as it
 * is; a relative one resolves against the package's own location. A chart on this machine must exist.
 */
function chartReference(mciop: string, location: string | undefined): string {
  let reference = mciop;
  if (!hasScheme(mciop) && !isAbsolute(mciop)) {
    if (location === undefined) throw badRequest(`mciop ${mciop}: an inline package names its chart by an absolute path or a URL`);
    reference = hasScheme(location) ? new URL(mciop, location).href : resolve(dirname(location), mciop);
  }
  if (!hasScheme(reference) && !existsSync(reference)) throw badRequest(`mciop ${mciop}: no chart at ${reference}`);
  return reference;
}
