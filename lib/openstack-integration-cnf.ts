import { Construct } from "constructs";
import { Release } from "@cdktf/provider-helm/lib/release";
import { SecretV1 } from "@cdktf/provider-kubernetes/lib/secret-v1";
import { ClusterProviders } from "./cluster-providers";
import { deepMerge, helmValues, projectChartDir, releaseChart } from "./helm-chart-source";
import { assertDnsLabel, InputError } from "./validation";

/** The default StorageClass the Cinder CSI driver gets (MecPlatformCnf's volume goes there when this is installed). */
export const CINDER_STORAGE_CLASS = "cinder";

export interface OpenStackIntegrationCnfProps {
  readonly cluster: ClusterProviders;
  /** The cloud.conf, K8sClusterVnf's `cloudProviderConfig` (its application credential). Sensitive: kept in a Secret. */
  readonly cloudConfig: string;
  /** The cluster's name, given to the CCM (load balancers' names) and to the CSI driver (volume metadata). */
  readonly clusterName: string;
  /** @default "kube-system" */
  readonly namespace?: string;
  /** The Cinder CSI driver and its StorageClass. @default true */
  readonly csi?: boolean;
  /**
   * Attach and mount volumes: the CSI attacher and the node plugin on every node. false provisions and deletes
   * volumes only (no pod can use them): for clouds whose servers have no block devices (this project's test bed).
   * @default true
   */
  readonly attachVolumes?: boolean;
  /** @default "cinder" */
  readonly storageClassName?: string;
  /** Make the StorageClass the cluster's default. @default true */
  readonly defaultStorageClass?: boolean;
  /** "Immediate" or "WaitForFirstConsumer" (a pod's zone). @default "Immediate" */
  readonly volumeBindingMode?: "Immediate" | "WaitForFirstConsumer";
  /** Cinder volume type. @default - Cinder's default */
  readonly volumeType?: string;
  /**
   * Run the CSI controller in its node's network namespace, where the OpenStack APIs are reachable when pods' network
   * cannot reach them. @default false
   */
  readonly csiControllerHostNetwork?: boolean;
  /** Further chart values (images, verbosity, ...: charts/openstack-integration/values.yaml); the props above win. @default - none */
  readonly extraValues?: Readonly<Record<string, unknown>>;
  /** @default 300 */
  readonly timeoutSeconds?: number;
}

/**
 * OpenStack in a cluster: the cloud-controller-manager and the Cinder CSI driver, installed from
 * `charts/openstack-integration` with the cloud.conf K8sClusterVnf made (in a Secret, never in Helm values). Install
 * it before workloads: until the CCM runs, nodes of an `openstackIntegration` cluster are tainted uninitialized.
 */
export class OpenStackIntegrationCnf extends Construct {
  public readonly namespace: string;
  /** The StorageClass volumes get, when the CSI driver is installed. */
  public readonly storageClassName?: string;
  /** The helm_release; depend on it to run after nodes are initialized and volumes can be made. */
  public readonly release: Release;
  /** The Helm values passed to the chart (for tests and review). */
  public readonly values: Record<string, unknown>;

  constructor(scope: Construct, id: string, props: OpenStackIntegrationCnfProps) {
    super(scope, id);
    const where = this.node.path;
    this.namespace = props.namespace ?? "kube-system";
    assertDnsLabel(where, "namespace", this.namespace);
    const csi = props.csi ?? true;
    const storageClassName = props.storageClassName ?? CINDER_STORAGE_CLASS;
    assertDnsLabel(where, "storageClassName", storageClassName);
    if (!csi) {
      for (const field of ["attachVolumes", "storageClassName", "defaultStorageClass", "volumeBindingMode", "volumeType", "csiControllerHostNetwork"] as const) {
        if (props[field] !== undefined) throw new InputError(where, field, props[field], "it configures the CSI driver, which csi false leaves out; drop it");
      }
    }
    this.storageClassName = csi ? storageClassName : undefined;
    const secretName = "openstack-cloud-config";
    const secret = new SecretV1(this, "cloud-config", {
      provider: props.cluster.kubernetes,
      metadata: { name: secretName, namespace: this.namespace, labels: { "app.kubernetes.io/part-of": "mecaas" } },
      data: { "cloud.conf": props.cloudConfig },
    });
    const values: Record<string, unknown> = {
      clusterName: props.clusterName,
      cloudConfigSecret: secretName,
      csi: {
        enabled: csi,
        ...(csi ? { attach: props.attachVolumes ?? true, controller: { hostNetwork: props.csiControllerHostNetwork ?? false } } : {}),
      },
      storageClass: {
        enabled: csi,
        name: storageClassName,
        default: props.defaultStorageClass ?? true,
        volumeBindingMode: props.volumeBindingMode ?? "Immediate",
        volumeType: props.volumeType ?? "",
      },
    };
    this.values = deepMerge(props.extraValues ?? {}, values);
    this.release = new Release(this, "release", {
      provider: props.cluster.helm,
      name: "openstack-integration",
      namespace: this.namespace,
      ...releaseChart(this, "chart", { path: projectChartDir("openstack-integration") }, where, "chart"),
      values: [helmValues(this.values)],
      atomic: true,
      cleanupOnFail: true,
      wait: true,
      maxHistory: 10,
      timeout: props.timeoutSeconds ?? 300,
      dependsOn: [secret],
    });
  }
}
