/** What the Edge MANO keeps: packages, app instances, LCM operation occurrences, their grants and subscriptions. */
import type { AppDescriptor } from "../../../lib/app-descriptor";
import type { ProblemDetails } from "../../../mep/src/http/problem";
import type { PlacementGrant } from "../domain/granting";

export type OperationalState = "ENABLED" | "DISABLED";

/** An onboarded application package (MEC 010-2 clause 6.2.3.3), with what deploying it needs. */
export interface PackageRecord {
  readonly id: string;
  readonly appDId: string;
  readonly appPkgName: string;
  readonly appPkgVersion: string;
  readonly appProvider: string;
  readonly appName: string;
  readonly appSoftwareVersion: string;
  readonly appDVersion: string;
  readonly checksum: { readonly algorithm: string; readonly hash: string };
  readonly mecInfo: readonly string[];
  /** The package's MCIOP: a Helm chart reference helm accepts (a directory or archive path, an http(s) or oci URL). */
  readonly mciop: string;
  readonly appD: AppDescriptor;
  readonly userDefinedData?: Record<string, unknown>;
  readonly operationalState: OperationalState;
}

export type InstantiationState = "NOT_INSTANTIATED" | "INSTANTIATED";
export type AppOperationalState = "STARTED" | "STOPPED";

/** An application instance resource (clause 6.2.2.4). */
export interface AppInstanceRecord {
  readonly id: string;
  readonly appDId: string;
  readonly appPkgId: string;
  readonly appInstanceName?: string;
  readonly appInstanceDescription?: string;
  readonly appPlacementInfo?: Record<string, unknown>;
  readonly instantiationState: InstantiationState;
  /** Present while instantiated. */
  readonly operationalState?: AppOperationalState;
  /** The MEC host(s) it was instantiated on (InstantiateAppRequest.selectedMECHostInfo). */
  readonly selectedMECHostInfo?: readonly Record<string, unknown>[];
}

export type LcmOperation = "INSTANTIATE" | "OPERATE" | "TERMINATE";
export type OperationState = "STARTING" | "PROCESSING" | "COMPLETED" | "FAILED" | "FAILED_TEMP";

/** States in which an occurrence still holds its app instance: no other operation may start on it. */
export const OPEN_STATES: readonly OperationState[] = ["STARTING", "PROCESSING", "FAILED_TEMP"];

/** An application LCM operation occurrence (clause 6.2.2.13). */
export interface OpOccRecord {
  readonly id: string;
  readonly appInstanceId: string;
  readonly lcmOperation: LcmOperation;
  readonly operationState: OperationState;
  readonly startTimeMs: number;
  readonly stateEnteredTimeMs: number;
  /** The request body of the operation (InstantiateAppRequest, OperateAppRequest or TerminateAppRequest). */
  readonly operationParams: Record<string, unknown>;
  /** Why the operation failed (FAILED_TEMP, FAILED). */
  readonly error?: ProblemDetails;
  /** The grant it was given before it installed the app (INSTANTIATE, OPERATE STARTED), once that passed. */
  readonly grantId?: string;
}

/** A grant (MEC 010-2 clause 6.2.4.4) the Edge MANO gave one of its own operations. */
export interface GrantRecord extends PlacementGrant {
  readonly id: string;
  readonly appInstanceId: string;
  readonly appLcmOpOccId: string;
}

export type ManoApi = "app_pkgm" | "app_lcm";

export interface SubscriptionRecord {
  readonly id: string;
  readonly api: ManoApi;
  readonly subscriptionType: string;
  readonly callbackUri: string;
  /** The subscription request as created (its filter among it). */
  readonly body: Record<string, unknown>;
}
