/**
 * mecaas's public API: `import { K8sClusterVnf, ... } from "mecaas"`. Everything a stack needs is exported here,
 * with its props type; modules not re-exported here are internal and may change without notice.
 */

// Infrastructure: VIMs, the Day-1 credentials and the Kubernetes cluster on OpenStack VMs.
export { Vim, type VimProps } from "./vim";
export { ClusterPki, type ClusterPkiProps, type ClusterCredentials, type KeyPair } from "./cluster-pki";
export {
  K8sClusterVnf,
  type K8sClusterVnfProps,
  type WorkerPoolProps,
  type ClusterSite,
  type AllowFromOptions,
  DEFAULT_POD_CIDR,
  DEFAULT_SERVICE_CIDR,
} from "./k8s-cluster-vnf";
export { type ClusterAccess } from "./cluster-access";
export { ClusterCloudCredential, type ClusterCloudCredentialProps, CLOUD_PROVIDER_ROLES, LOAD_BALANCER_ROLE } from "./cluster-cloud-credential";

// Platform: what runs on a cluster, through its helm and kubernetes providers.
export { ClusterProviders, type ClusterProvidersProps } from "./cluster-providers";
export { ApiServerReadiness, type ApiServerReadinessProps } from "./api-server-readiness";
export { OpenStackIntegrationCnf, type OpenStackIntegrationCnfProps, CINDER_STORAGE_CLASS } from "./openstack-integration-cnf";
export { MecPlatformCnf, type MecPlatformCnfProps, type IMecPlatform, type MepServiceType } from "./mec-platform-cnf";
export {
  EdgeMano,
  type EdgeManoProps,
  type EdgeManoEngine,
  type OsmVimAccount,
  type OsmSecretValuePaths,
  type OsmClusterOptions,
} from "./edge-mano";
export { MecAppCnf, type MecAppCnfProps } from "./mec-app-cnf";
export * from "./app-descriptor";

// What every construct throws for bad input, so an app can print it without a stack trace; the checks left to synth
// raised the same way.
export { InputError, checkDeferredInputs } from "./input-error";

// For an app's entry point, before `new App()`: cdktf's stack trace per token off (over half of a large app's synth time).
export { disableTokenCreationStacks } from "./token-creation-stacks";

// The generated terraform-provider-openstack 3.4.0 bindings the constructs are built on, for tests
// (`toHaveResourceWithProperties(openstack.computeInstanceV2.ComputeInstanceV2, ...)`) and resources of one's own.
export * as openstack from "./openstack";
