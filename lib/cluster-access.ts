/**
 * How a client reaches and authenticates to a cluster's API server. K8sClusterVnf produces it; in a CSP's
 * platform stack it arrives through cross-stack references and configures the helm and kubernetes providers.
 */
export interface ClusterAccess {
  /** The API server URL, e.g. `https://203.0.113.10:6443`. */
  readonly apiEndpoint: string;
  /** PEM of the CA that signs the API server's serving certificate. */
  readonly clusterCaCertificatePem: string;
  /** PEM of an admin client certificate (group system:masters). */
  readonly clientCertificatePem: string;
  /** PEM of the admin client certificate's private key. Sensitive. */
  readonly clientKeyPem: string;
}
