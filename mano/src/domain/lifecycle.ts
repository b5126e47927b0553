/**
 * Application lifecycle management (MEC 010-2 clause 6.3.1): app instance identifiers, and the instantiate,
 * operate and terminate operations, each an LCM operation occurrence that runs after its request was answered:
 * STARTING (recorded with the request) -> PROCESSING -> COMPLETED, or FAILED_TEMP when the deployer fails. A
 * FAILED_TEMP occurrence holds its app instance until it is retried or finally failed (`fail`: FAILED).
 *
 * What an operation does to the MEP and the cluster is AppRuntime's (app-runtime.ts). An operation that installs the
 * app (INSTANTIATE, OPERATE STARTED) is granted first (granting.ts): a refusal makes it FAILED_TEMP before anything
 * is deployed or created on the MEP, so `retry` grants again (after the pool was scaled out, say). Once granted, the
 * occurrence keeps its grant: a retried or resumed run does not ask again, where the app's own pods would count
 * against it.
 *
 * Durability: every state is committed before it is reported. An occurrence found STARTING or PROCESSING when the
 * Edge MANO starts was cut off by a crash: it resumes (PROCESSING, run again from its first step: every step is
 * safe to repeat), and if that fails it is FAILED_TEMP like any failure, for the operator to retry or fail (which
 * rolls an instantiation back).
 */
import { randomUUID } from "crypto";
import type { FastifyBaseLogger } from "fastify";
import { badRequest, conflict, notFound, problem, ApiError, type ProblemDetails } from "../../../mep/src/http/problem";
import type { Links } from "../links";
import { notifyLcmEvent, type LcmEvent } from "../notifications/lcm-events";
import type { Notifier } from "../notifications/notifier";
import type { AppInstanceRecord, AppOperationalState, GrantRecord, LcmOperation, OpOccRecord, OperationState, PackageRecord } from "../storage/records";
import type { ManoRepository } from "../storage/repository";
import type { Store } from "../storage/store";
import { stopModeOf, type AppRuntime } from "./app-runtime";
import type { AppDeployment } from "./deployer";
import type { Granting } from "./granting";

export interface CreateAppInstanceRequest {
  readonly appDId: string;
  readonly appInstanceName?: string;
  readonly appInstanceDescription?: string;
  readonly appPlacementInfo?: Record<string, unknown>;
}

/** Helm release names are DNS labels of at most 53 characters: "mec-" and the instance's UUID fit. */
export const releaseOf = (instance: AppInstanceRecord) => `mec-${instance.id}`;

export class Lifecycle {
  /** Operations running in this process, awaited on close. */
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly store: Store,
    private readonly runtime: AppRuntime,
    private readonly granting: Granting,
    private readonly notifier: Notifier,
    private readonly links: Links,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** Creates an app instance identifier (clause 6.3.1.2): NOT_INSTANTIATED, from an ENABLED package. */
  async createInstance(request: CreateAppInstanceRequest): Promise<AppInstanceRecord> {
    const instance = await this.store.transaction(async (tx) => {
      const pkg = await tx.getPackageByAppDId(request.appDId);
      if (!pkg) throw badRequest(`no application package with appDId ${request.appDId} is onboarded`);
      if (pkg.operationalState !== "ENABLED") throw conflict(`application package ${pkg.id} (appDId ${pkg.appDId}) is DISABLED`);
      const { appDId, appInstanceName, appInstanceDescription, appPlacementInfo } = request;
      const created: AppInstanceRecord = {
        id: randomUUID(), appDId, appPkgId: pkg.id, instantiationState: "NOT_INSTANTIATED",
        ...(appInstanceName !== undefined ? { appInstanceName } : {}),
        ...(appInstanceDescription !== undefined ? { appInstanceDescription } : {}),
        ...(appPlacementInfo !== undefined ? { appPlacementInfo } : {}),
      };
      await tx.insertInstance(created);
      await this.notify(tx, { kind: "created" }, created, pkg);
      return created;
    });
    this.notifier.kick();
    return instance;
  }

  /** Deletes an app instance identifier (clause 6.3.1.8): only when NOT_INSTANTIATED and no operation holds it. */
  async deleteInstance(appInstanceId: string): Promise<void> {
    await this.store.transaction(async (tx) => {
      const instance = await this.requireInstance(tx, appInstanceId);
      if (instance.instantiationState !== "NOT_INSTANTIATED") throw conflict(`app instance ${appInstanceId} is INSTANTIATED: terminate it first`);
      await this.refuseIfHeld(tx, appInstanceId);
      await tx.deleteInstance(appInstanceId);
      await this.notify(tx, { kind: "deleted" }, instance, (await tx.getPackage(instance.appPkgId))!);
    });
    this.notifier.kick();
  }

  /**
   * Records a new operation occurrence (STARTING) if the app instance's state allows the operation, and starts it
   * once that is committed; the caller answers 202 with the occurrence's URI.
   */
  async start(appInstanceId: string, lcmOperation: LcmOperation, operationParams: Record<string, unknown>): Promise<OpOccRecord> {
    const occ = await this.store.transaction(async (tx) => {
      const instance = await this.requireInstance(tx, appInstanceId);
      const pkg = (await tx.getPackage(instance.appPkgId))!;
      await this.refuseIfHeld(tx, appInstanceId);
      refuseUnlessAllowed(lcmOperation, operationParams, instance, pkg);
      if (lcmOperation === "INSTANTIATE") poolOf(operationParams.selectedMECHostInfo);
      const nowMs = Date.now();
      const created: OpOccRecord = {
        id: randomUUID(), appInstanceId, lcmOperation, operationState: "STARTING", startTimeMs: nowMs, stateEnteredTimeMs: nowMs, operationParams,
      };
      await tx.insertOpOcc(created);
      await this.notify(tx, { kind: "opOcc", occ: created }, instance, pkg);
      return created;
    });
    this.notifier.kick();
    this.launch(occ);
    return occ;
  }

  /** Runs a FAILED_TEMP occurrence again (clause 7.4.13): 202, then PROCESSING. */
  async retry(opOccId: string): Promise<OpOccRecord> {
    const occ = await this.store.transaction(async (tx) => {
      const current = await this.requireFailedTemp(tx, opOccId, "retried");
      return this.moveTo(tx, current, "PROCESSING");
    });
    this.notifier.kick();
    this.launch(occ);
    return occ;
  }

  /**
   * Finally fails a FAILED_TEMP occurrence (clause 7.4.12): FAILED, and the app instance keeps the state it had
   * before the operation. A failed instantiation is rolled back first (release, Secret, the MEP's app instance), so
   * nothing half-installed is left.
   */
  async fail(opOccId: string): Promise<OpOccRecord> {
    const held = await this.requireFailedTemp(this.store.read, opOccId, "failed");
    if (held.lcmOperation === "INSTANTIATE") {
      const instance = (await this.store.read.getInstance(held.appInstanceId))!;
      const pkg = (await this.store.read.getPackage(instance.appPkgId))!;
      try {
        await this.runtime.rollback(deploymentOf(held, instance, pkg), instance);
      } catch (err) {
        throw new ApiError(409, `the partly installed release could not be removed, so the occurrence stays FAILED_TEMP: ${(err as Error).message}`);
      }
    }
    const occ = await this.store.transaction(async (tx) => this.moveTo(tx, await this.requireFailedTemp(tx, opOccId, "failed"), "FAILED"));
    this.notifier.kick();
    return occ;
  }

  /** Occurrences a crash cut off (STARTING, PROCESSING) are resumed; returns how many. Run before serving. */
  async resumeInterrupted(): Promise<number> {
    const interrupted = await this.store.transaction(async (tx) => {
      const occs = await tx.listRunningOpOccs();
      const resumed: OpOccRecord[] = [];
      for (const occ of occs) resumed.push(occ.operationState === "PROCESSING" ? occ : await this.moveTo(tx, occ, "PROCESSING"));
      return resumed;
    });
    if (interrupted.length) {
      this.log.warn({ interrupted: interrupted.map((o) => o.id) }, "LCM operation occurrences interrupted by a restart are resumed");
      this.notifier.kick();
      for (const occ of interrupted) this.launch(occ);
    }
    return interrupted.length;
  }

  /** Waits for the operations running in this process. */
  async drain(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running]);
  }

  private launch(occ: OpOccRecord) {
    const run = this.execute(occ).catch((err) => this.log.error({ err, opOccId: occ.id }, "LCM operation could not record its outcome"));
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
  }

  private async execute(started: OpOccRecord): Promise<void> {
    const { occ, instance, pkg } = await this.store.transaction(async (tx) => {
      const current = (await tx.getOpOcc(started.id))!;
      const instance = (await tx.getInstance(current.appInstanceId))!;
      const pkg = (await tx.getPackage(instance.appPkgId))!;
      return { occ: current.operationState === "PROCESSING" ? current : await this.moveTo(tx, current, "PROCESSING"), instance, pkg };
    });
    this.notifier.kick();
    let failure: ProblemDetails | undefined;
    try {
      await this.deploy(occ, instance, pkg);
    } catch (err) {
      // A refused grant says so by its status (403); anything else is the Edge MANO's failure to carry it out.
      failure = problem(err instanceof ApiError ? err.status : 500, (err as Error).message);
      this.log.warn({ opOccId: occ.id, lcmOperation: occ.lcmOperation, failure: failure.detail }, "LCM operation failed");
    }
    await this.store.transaction(async (tx) => {
      const current = (await tx.getOpOcc(occ.id))!; // with its grant, if it got one
      if (failure !== undefined) return void (await this.moveTo(tx, current, "FAILED_TEMP", failure));
      const next = outcome(occ, instance);
      await tx.updateInstance(next);
      await this.moveTo(tx, current, "COMPLETED");
      await this.notify(tx, { kind: "stateChanged" }, next, pkg);
    });
    this.notifier.kick();
  }

  /**
   * What the operation asks of the MEP and the cluster. Stopping removes the release; starting installs it again, on
   * its pool, once granted.
   */
  private async deploy(occ: OpOccRecord, instance: AppInstanceRecord, pkg: PackageRecord): Promise<void> {
    const deployment = deploymentOf(occ, instance, pkg);
    if (occ.lcmOperation === "TERMINATE") return this.runtime.stop(deployment, instance, stopModeOf("TERMINATE", occ.operationParams));
    if (occ.lcmOperation === "OPERATE" && occ.operationParams.changeStateTo === "STOPPED") {
      return this.runtime.stop(deployment, instance, stopModeOf("OPERATE", occ.operationParams));
    }
    if (!occ.grantId) await this.grant(occ, pkg, deployment.pool);
    return this.runtime.start(deployment, instance, pkg);
  }

  /** Grants the app its pool (a refusal throws) and records the Grant, linked from the occurrence. */
  private async grant(occ: OpOccRecord, pkg: PackageRecord, pool: string): Promise<void> {
    const placement = await this.granting.grant(pool, pkg.appD);
    const grant: GrantRecord = { id: randomUUID(), appInstanceId: occ.appInstanceId, appLcmOpOccId: occ.id, ...placement };
    await this.store.transaction(async (tx) => {
      await tx.insertGrant(grant);
      await tx.updateOpOcc({ ...(await tx.getOpOcc(occ.id))!, grantId: grant.id });
    });
  }

  private async moveTo(tx: ManoRepository, occ: OpOccRecord, operationState: OperationState, failure?: ProblemDetails): Promise<OpOccRecord> {
    const { error: _previous, ...rest } = occ;
    const next: OpOccRecord = {
      ...rest, operationState, stateEnteredTimeMs: Date.now(),
      ...(failure !== undefined ? { error: failure } : operationState === "FAILED" && occ.error ? { error: occ.error } : {}),
    };
    await tx.updateOpOcc(next);
    const instance = await tx.getInstance(occ.appInstanceId);
    if (instance) await this.notify(tx, { kind: "opOcc", occ: next }, instance, (await tx.getPackage(instance.appPkgId))!);
    return next;
  }

  private notify(tx: ManoRepository, event: LcmEvent, instance: AppInstanceRecord, pkg: PackageRecord) {
    return notifyLcmEvent(tx, this.notifier, this.links, event, instance, pkg);
  }

  private async requireInstance(tx: ManoRepository, appInstanceId: string) {
    const instance = await tx.getInstance(appInstanceId);
    if (!instance) throw notFound(`app instance ${appInstanceId}`);
    return instance;
  }

  private async refuseIfHeld(tx: ManoRepository, appInstanceId: string) {
    const open = await tx.openOpOccOf(appInstanceId);
    if (open) throw conflict(`app instance ${appInstanceId} has LCM operation occurrence ${open.id} (${open.lcmOperation}) in ${open.operationState}`);
  }

  private async requireFailedTemp(tx: ManoRepository, opOccId: string, what: string) {
    const occ = await tx.getOpOcc(opOccId);
    if (!occ) throw notFound(`LCM operation occurrence ${opOccId}`);
    if (occ.operationState !== "FAILED_TEMP") throw conflict(`LCM operation occurrence ${opOccId} is ${occ.operationState}: only a FAILED_TEMP one can be ${what}`);
    return occ;
  }
}

/** The release an operation concerns, on the MEC host it is instantiated on (or being instantiated on). */
function deploymentOf(occ: OpOccRecord, instance: AppInstanceRecord, pkg: PackageRecord): AppDeployment {
  const hosts = occ.lcmOperation === "INSTANTIATE" ? occ.operationParams.selectedMECHostInfo : instance.selectedMECHostInfo;
  return { release: releaseOf(instance), chart: pkg.mciop, pool: poolOf(hosts) };
}

/** The worker pool selectedMECHostInfo names: one MEC host, whose hostId is the pool's name (400 otherwise). */
function poolOf(hosts: unknown): string {
  const list = (hosts ?? []) as { hostId?: unknown }[];
  if (list.length !== 1) throw badRequest(`selectedMECHostInfo names ${list.length} MEC hosts: name one (an app instance runs on one worker pool)`);
  const hostId = list[0].hostId;
  if (typeof hostId !== "string" || !/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(hostId)) {
    throw badRequest(`selectedMECHostInfo[0].hostId ${JSON.stringify(hostId)} is not a worker pool name (a DNS label, as the catalog's workerPools keys are)`);
  }
  return hostId;
}

/** 409 when the app instance is not in a state the operation applies to (clauses 6.3.1.3, 6.3.1.4, 6.3.1.7). */
function refuseUnlessAllowed(operation: LcmOperation, params: Record<string, unknown>, instance: AppInstanceRecord, pkg: PackageRecord) {
  const id = instance.id;
  if (operation === "INSTANTIATE") {
    if (instance.instantiationState !== "NOT_INSTANTIATED") throw conflict(`app instance ${id} is INSTANTIATED already`);
    if (pkg.operationalState !== "ENABLED") throw conflict(`application package ${pkg.id} is DISABLED: no new instantiation from it`);
    return;
  }
  if (instance.instantiationState !== "INSTANTIATED") throw conflict(`app instance ${id} is NOT_INSTANTIATED`);
  if (operation === "OPERATE" && params.changeStateTo === instance.operationalState) throw conflict(`app instance ${id} is ${instance.operationalState} already`);
}

/** The app instance once the operation has completed. */
function outcome(occ: OpOccRecord, instance: AppInstanceRecord): AppInstanceRecord {
  const { operationalState: _state, selectedMECHostInfo: _hosts, ...identity } = instance;
  switch (occ.lcmOperation) {
    case "INSTANTIATE":
      return { ...identity, instantiationState: "INSTANTIATED", operationalState: "STARTED", selectedMECHostInfo: occ.operationParams.selectedMECHostInfo as Record<string, unknown>[] };
    case "OPERATE":
      return { ...instance, operationalState: occ.operationParams.changeStateTo as AppOperationalState };
    case "TERMINATE":
      return { ...identity, instantiationState: "NOT_INSTANTIATED" };
  }
}
