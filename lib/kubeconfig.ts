import { ClusterAccess } from "./cluster-access";
import { base64, blockYaml } from "./encoding";

/** A kubeconfig with one cluster, one client-certificate user and one context, all named `name`. */
export function renderKubeconfig(name: string, access: ClusterAccess): string {
  return blockYaml({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{
      name,
      cluster: { server: access.apiEndpoint, "certificate-authority-data": base64(access.clusterCaCertificatePem) },
    }],
    users: [{
      name,
      user: {
        "client-certificate-data": base64(access.clientCertificatePem),
        "client-key-data": base64(access.clientKeyPem),
      },
    }],
    contexts: [{ name, context: { cluster: name, user: name } }],
    "current-context": name,
  }, "single");
}
