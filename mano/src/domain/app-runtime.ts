/**
 * What an LCM operation does to the MEC system (MEC 010-2 clause 5.2: the MEO/MEPM's share of instantiation and
 * termination), step by step, each step safe to repeat so an operation resumed after a restart, or retried, only
 * completes what is missing:
 *
 * start (instantiate, operate STARTED): the app instance on the MEP (Mm5: identity, required and produced
 * services, DNS and traffic rules from the AppD), its Mp1 credential in a Secret, the chart (helm, waiting for its
 * pods), then the app's confirm_ready on the MEP.
 * stop (terminate, operate STOPPED): the MEP's graceful AppTermination flow (notification, then confirm_termination
 * or the timeout; skipped for FORCEFUL), the release uninstalled, the Secret and the MEP's app instance deleted.
 * Starting after a stop creates it all again with the same identity.
 *
 * Without a MEP (MANO_MEP_URL unset) only the chart is installed and uninstalled.
 */
import { toAppInstanceRules } from "../../../lib/app-descriptor";
import type { AppInstanceRecord, PackageRecord } from "../storage/records";
import type { AppDeployment, Deployer } from "./deployer";
import { clientSecretOf, identitySecretOf, type IdentitySecrets } from "./identity";
import type { MepClient, MepConfig, TerminationAction } from "./mep-client";

/** The Edge MANO's MEP side: the MEP, the Secrets and the key client secrets derive from. */
export interface Mm5 {
  readonly mep: MepClient;
  readonly config: MepConfig;
  readonly secrets: IdentitySecrets;
  readonly secretKey: string;
}

/** How a stop goes: graceful within `timeoutSeconds` (MANO_GRACEFUL_TIMEOUT_SECONDS when absent), or forceful. */
export interface StopMode {
  readonly action: TerminationAction;
  readonly graceful: boolean;
  readonly timeoutSeconds?: number;
}

/** Waiting for the MEP's own deadline: it ends the flow at most one sweep after the timeout. */
const TERMINATION_MARGIN_MS = 30000;

export class AppRuntime {
  constructor(private readonly deployer: Deployer, private readonly mm5: Mm5 | undefined) {}

  async start(release: Omit<AppDeployment, "identity">, instance: AppInstanceRecord, pkg: PackageRecord): Promise<void> {
    const mm5 = this.mm5;
    if (!mm5) return this.deployer.install(release);
    const rules = toAppInstanceRules(pkg.appD);
    const clientSecret = clientSecretOf(mm5.secretKey, instance.id);
    const existing = await mm5.mep.state(instance.id);
    // An instance left TERMINATED or STOPPED by an earlier stop that was cut off cannot become READY again: new.
    if (existing === "TERMINATED" || existing === "STOPPED") await mm5.mep.deleteAppInstance(instance.id);
    await mm5.mep.putAppInstance(instance.id, {
      ...rules, clientSecret, producedServices: (pkg.appD.appServiceProduced ?? []).map((s) => s.serName),
    });
    const secretName = identitySecretOf(release.release);
    await mm5.secrets.apply(secretName, { appInstanceId: instance.id, clientSecret, mepUrl: mm5.config.appUrl });
    await this.deployer.install({ ...release, identity: { value: mm5.config.identitySecretValue, secretName } });
    await mm5.mep.waitFor(instance.id, ["READY"], mm5.config.readyTimeoutSeconds * 1000, "READY (the app's confirm_ready)");
  }

  async stop(release: Omit<AppDeployment, "identity">, instance: AppInstanceRecord, mode: StopMode): Promise<void> {
    const mm5 = this.mm5;
    if (mm5 && mode.graceful) {
      const state = await mm5.mep.state(instance.id);
      if (state !== undefined && state !== "TERMINATED" && state !== "STOPPED") {
        const timeoutSeconds = mode.timeoutSeconds ?? mm5.config.gracefulTimeoutSeconds;
        if (state !== "TERMINATING" && state !== "STOPPING") await mm5.mep.startTermination(instance.id, mode.action, timeoutSeconds);
        const timeoutMs = timeoutSeconds * 1000 + TERMINATION_MARGIN_MS;
        await mm5.mep.waitFor(instance.id, ["TERMINATED", "STOPPED", undefined], timeoutMs, "the end of its graceful termination");
      }
    }
    await this.deployer.uninstall(release);
    if (mm5) {
      await mm5.secrets.delete(identitySecretOf(release.release));
      await mm5.mep.deleteAppInstance(instance.id);
    }
  }

  /** Undoes a start that failed: nothing of the instance is left on the cluster or the MEP. */
  rollback(release: Omit<AppDeployment, "identity">, instance: AppInstanceRecord): Promise<void> {
    return this.stop(release, instance, { action: "TERMINATING", graceful: false });
  }
}

/** The stop a TerminateAppRequest or an OperateAppRequest (STOPPED) asks for; absent stopType is FORCEFUL (NOTE 3). */
export function stopModeOf(lcmOperation: "TERMINATE" | "OPERATE", params: Record<string, unknown>): StopMode {
  const [type, timeout] = lcmOperation === "TERMINATE"
    ? [params.terminationType, params.gracefulTerminationTimeout]
    : [params.stopType, params.gracefulStopTimeout];
  const timeoutSeconds = typeof timeout === "number" ? Math.min(86400, Math.max(1, timeout)) : undefined;
  return {
    action: lcmOperation === "TERMINATE" ? "TERMINATING" : "STOPPING",
    graceful: type === "GRACEFUL",
    ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
  };
}
