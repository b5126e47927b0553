/**
 * An app instance's Mp1 identity: its client id is the app instance id, its client secret is derived from the
 * Edge MANO's key and that id (HMAC-SHA256), so a resumed or retried operation hands the app the same credential
 * without it ever being stored. The app reads it from a Secret beside its release (keys appInstanceId,
 * clientSecret, mepUrl: what charts/mec-app-sample and MecAppCnf's identity Secret carry), which kubectl applies
 * from its standard input.
 */
import { createHmac } from "crypto";
import type { HelmConfig } from "../config";
import { runKubectl } from "./deployer";

export interface AppIdentity {
  readonly appInstanceId: string;
  readonly clientSecret: string;
  readonly mepUrl: string;
}

/** The app's client secret: 43 URL-safe characters (256 bits), stable for one key and one app instance. */
export function clientSecretOf(key: string, appInstanceId: string): string {
  return createHmac("sha256", key).update(`mecaas-mano/mp1-client-secret/${appInstanceId}`).digest("base64url");
}

/** The identity Secret's name: the release's, which is a DNS label of at most 40 characters ("mec-" + UUID). */
export const identitySecretOf = (release: string) => `${release}-mp1`;

/** Where identity Secrets are kept. */
export interface IdentitySecrets {
  /** Creates or replaces the Secret (and its namespace when missing). */
  apply(name: string, identity: AppIdentity): Promise<void>;
  /** Deletes it; a missing Secret is no error. */
  delete(name: string): Promise<void>;
}

const LABELS = { "app.kubernetes.io/part-of": "mecaas", "app.kubernetes.io/managed-by": "mecaas-mano" };

/** The Secrets in the app namespace of the CSP's cluster, through kubectl and the Edge MANO's kubeconfig. */
export class KubectlSecrets implements IdentitySecrets {
  constructor(private readonly kubectl: string, private readonly helm: HelmConfig) {}

  apply(name: string, identity: AppIdentity) {
    const { namespace } = this.helm;
    const manifest = {
      apiVersion: "v1", kind: "List",
      items: [
        // The namespace first: the Secret must exist before the release that reads it (helm --create-namespace
        // would create it only then). Not when it is given (the engine's chart creates it, and grants no more).
        ...(this.helm.createNamespace ? [{ apiVersion: "v1", kind: "Namespace", metadata: { name: namespace, labels: LABELS } }] : []),
        { apiVersion: "v1", kind: "Secret", type: "Opaque", metadata: { name, namespace, labels: LABELS }, stringData: { ...identity } },
      ],
    };
    return this.run(["apply", "-f", "-"], `kubectl apply secret ${name}`, JSON.stringify(manifest));
  }

  delete(name: string) {
    return this.run(["delete", "secret", name, "--ignore-not-found", "--wait"], `kubectl delete secret ${name}`);
  }

  private async run(args: string[], what: string, input?: string): Promise<void> {
    await runKubectl(this.kubectl, this.helm, [...args, "--namespace", this.helm.namespace], what, input);
  }
}
