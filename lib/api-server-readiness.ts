import { Construct } from "constructs";
import { DataHttp } from "@cdktf/provider-http/lib/data-http";
import { ClusterAccess } from "./cluster-access";

export interface ApiServerReadinessProps {
  readonly access: ClusterAccess;
  /** @default 60 (about ten minutes with the delays below: enough for a first boot) */
  readonly attempts?: number;
}

/**
 * An authenticated `GET /readyz` against the API server, retried until it answers 200 "ok". Helm releases and
 * Kubernetes objects depend on it so none is attempted before the cluster can take it. A wrong CA or client
 * certificate fails here with a TLS or 401 error instead of half-way through a release.
 */
export class ApiServerReadiness extends Construct {
  /** Depend on this to wait for the API server. */
  public readonly check: DataHttp;

  constructor(scope: Construct, id: string, props: ApiServerReadinessProps) {
    super(scope, id);
    this.check = new DataHttp(this, "readyz", {
      url: `${props.access.apiEndpoint}/readyz`,
      caCertPem: props.access.clusterCaCertificatePem,
      clientCertPem: props.access.clientCertificatePem,
      clientKeyPem: props.access.clientKeyPem,
      requestTimeoutMs: 5000,
      retry: { attempts: props.attempts ?? 60, minDelayMs: 5000, maxDelayMs: 10000 },
      lifecycle: {
        postcondition: [{
          condition: "${self.status_code == 200 && trimspace(self.response_body) == \"ok\"}",
          errorMessage: "The Kubernetes API server is not ready (GET /readyz did not answer 200 ok).",
        }],
      },
    });
  }
}
