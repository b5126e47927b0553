/** The ETSI GS MEC 011 V2.2.1 data types the sample app sends and reads (only the attributes it uses). */

export interface LinkType { readonly href: string }

export type ServiceState = "ACTIVE" | "INACTIVE" | "SUSPENDED";

/** ServiceInfo (clause 8.1.2.2). */
export interface ServiceInfo {
  readonly serInstanceId?: string;
  readonly serName: string;
  readonly version: string;
  readonly state: ServiceState;
  readonly transportInfo?: TransportInfo;
  readonly serializer: "JSON" | "XML" | "PROTOBUF3";
  readonly scopeOfLocality?: string;
  readonly consumedLocalOnly?: boolean;
  readonly isLocal?: boolean;
  readonly livenessInterval?: number;
  readonly _links?: { readonly self: LinkType; readonly liveness?: LinkType };
}

/** TransportInfo (clause 8.1.2.3): how consumers reach the service. */
export interface TransportInfo {
  readonly id: string;
  readonly name: string;
  readonly type: "REST_HTTP";
  readonly protocol: "HTTP";
  readonly version: string;
  readonly endpoint: { readonly uris: readonly string[] };
  readonly security: { readonly oAuth2Info?: { readonly grantTypes: readonly string[]; readonly tokenEndpoint: string } };
}

export type ChangeType = "ADDED" | "REMOVED" | "STATE_CHANGED" | "ATTRIBUTES_CHANGED";

/** ServiceAvailabilityNotification (clause 8.1.4.2). */
export interface ServiceAvailabilityNotification {
  readonly notificationType: "SerAvailabilityNotification";
  readonly serviceReferences: ReadonlyArray<{
    readonly link?: LinkType;
    readonly serName: string;
    readonly serInstanceId: string;
    readonly state: ServiceState;
    readonly changeType: ChangeType;
  }>;
  readonly _links: { readonly subscription: LinkType };
}

/** AppTerminationNotification (clause 7.1.4.2). */
export interface AppTerminationNotification {
  readonly notificationType: "AppTerminationNotification";
  readonly operationAction: "STOPPING" | "TERMINATING";
  readonly maxGracefulTimeout: number;
  readonly _links: { readonly subscription: LinkType; readonly confirmTermination?: LinkType };
}

export type Mp1Notification = ServiceAvailabilityNotification | AppTerminationNotification;
