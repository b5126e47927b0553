import { Construct } from "constructs";
import { DataResource, Fn, Op, Precondition } from "../cdk";

/** A setting running nodes booted with, and what to do instead of changing it. */
export interface BootSetting {
  /** The value this synth asks for. */
  readonly value: string;
  /** The sentence after "Keep it as the cluster was created:". */
  readonly instead: string;
  /**
   * What a cluster recorded before this setting was: its value then (a record without it is a cluster made before the
   * setting existed, or with its default). @default - every record has it
   */
  readonly whenUnrecorded?: string;
}

/**
 * Settings a running cluster cannot take by a plan, because nodes keep the user-data they booted with: recorded in
 * the state when the cluster is created (`terraform_data`, its input then ignored) and compared at every plan. A
 * change fails the plan, naming the setting, both values and what to do instead, rather than silently reaching only
 * the nodes created from then on. Returns the preconditions to put on a resource that always exists (the controller).
 */
export function bootSettingsGuard(scope: Construct, clusterName: string, settings: Readonly<Record<string, BootSetting>>): Precondition[] {
  const input = Object.fromEntries(Object.entries(settings).map(([name, s]) => [name, s.value]));
  const recorded = new DataResource(scope, "boot-settings", { input, lifecycle: { ignoreChanges: ["input"] } });
  return Object.entries(settings).map(([name, setting]) => {
    const created = setting.whenUnrecorded === undefined ? recorded.output.lookup(name) : Fn.lookup(recorded.output, name, setting.whenUnrecorded);
    return {
      condition: Op.eq(created, setting.value),
      errorMessage: `${clusterName}: ${name} changed from ${created} (what the running nodes booted with) to ${setting.value}. ` +
        `Keep it as the cluster was created: ${setting.instead}`,
    };
  });
}
