import { randomBytes } from "crypto";
import { Manifest } from "../../support/helm";

/** The image the nodes import: a STAND-IN for docker.io/library/postgres:15 built by images/build.js. */
export const POSTGRES_IMAGE = "docker.io/library/postgres:15";

export interface InClusterPostgres {
  readonly manifests: Manifest[];
  /** What the MEP is given as `TF_VAR_mep_postgres_url`. */
  readonly url: string;
}

/**
 * A PostgreSQL server in the cluster, standing in for the one an NSP runs for its MEPs (the catalog's
 * `mep.database: postgresql` takes its URL as a sensitive input): one pod under the restricted Pod Security profile,
 * its data on an emptyDir (this is a fixture: the data lives as long as the pod), reached by its Service's name, in a
 * namespace of its own (it outlives the CSP's platform, as the NSP's server would).
 */
export function inClusterPostgres(namespace: string, name = "mep-postgres"): InClusterPostgres {
  const password = randomBytes(18).toString("base64url");
  const url = `postgres://postgres:${password}@${name}.${namespace}.svc:5432/mep`;
  const labels = { "app.kubernetes.io/name": name };
  const manifests: Manifest[] = [
    { apiVersion: "v1", kind: "Namespace", metadata: { name: namespace } },
    { apiVersion: "v1", kind: "Secret", metadata: { name, namespace }, type: "Opaque", stringData: { password } },
    {
      apiVersion: "v1", kind: "Service", metadata: { name, namespace },
      spec: { selector: labels, ports: [{ name: "postgres", port: 5432, targetPort: 5432 }] },
    },
    {
      apiVersion: "apps/v1", kind: "Deployment", metadata: { name, namespace, labels },
      spec: {
        replicas: 1, selector: { matchLabels: labels }, strategy: { type: "Recreate" },
        template: {
          metadata: { labels },
          spec: {
            automountServiceAccountToken: false,
            // The image's postgres user; fsGroup makes the emptyDirs its own.
            securityContext: { runAsNonRoot: true, runAsUser: 999, runAsGroup: 999, fsGroup: 999, seccompProfile: { type: "RuntimeDefault" } },
            containers: [{
              name: "postgres", image: POSTGRES_IMAGE, imagePullPolicy: "Never",
              env: [
                { name: "POSTGRES_PASSWORD", valueFrom: { secretKeyRef: { name, key: "password" } } },
                { name: "POSTGRES_DB", value: "mep" },
                // A subdirectory of the mount: initdb may chmod it, which it cannot do to the mount point itself.
                { name: "PGDATA", value: "/var/lib/postgresql/data/pgdata" },
              ],
              ports: [{ name: "postgres", containerPort: 5432 }],
              readinessProbe: { tcpSocket: { port: 5432 }, periodSeconds: 2 },
              securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
              volumeMounts: [
                { name: "data", mountPath: "/var/lib/postgresql/data" },
                { name: "socket", mountPath: "/var/run/postgresql" },
                { name: "tmp", mountPath: "/tmp" },
              ],
            }],
            volumes: [{ name: "data", emptyDir: {} }, { name: "socket", emptyDir: {} }, { name: "tmp", emptyDir: {} }],
          },
        },
      },
    },
  ];
  return { manifests, url };
}
