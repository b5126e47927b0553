import { join } from "path";
import { findManifest, itPassesHelmLint, Manifest, renderChart, renderChartFailure } from "../support/helm";
import { validateManifests } from "../support/kubernetes-schema";

const chart = join(__dirname, "..", "..", "charts", "mep");
const required = { auth: { existingSecret: "mep-auth" } };
const withPostgres = { ...required, postgresql: { existingSecret: "mep-db", urlKey: "url" } };

function render(values: object = {}): Manifest[] {
  const manifests = renderChart(chart, { ...required, ...values }, { releaseName: "edge1", namespace: "csp-a" });
  expect(validateManifests(manifests)).toEqual([]);
  return manifests;
}

function mepContainer(manifests: Manifest[]) {
  return findManifest(manifests, "Deployment").spec.template.spec.containers[0];
}

function env(manifests: Manifest[]): Record<string, unknown> {
  return Object.fromEntries(mepContainer(manifests).env.map((e: any) => [e.name, e.value ?? e.valueFrom]));
}

describe("charts/mep", () => {
  itPassesHelmLint(chart, required);

  describe("with default values", () => {
    let manifests: Manifest[];
    beforeAll(() => {
      manifests = render();
    });

    test("renders a Deployment, a ClusterIP Service and a PVC for SQLite, all valid Kubernetes objects", () => {
      expect(manifests.map((m) => `${m.kind}/${m.metadata.name}`).sort()).toEqual([
        "Deployment/edge1-mep",
        "PersistentVolumeClaim/edge1-mep",
        "Service/edge1-mep",
      ]);
      expect(findManifest(manifests, "Service").spec.type).toBe("ClusterIP");
    });

    test("runs one replica with Recreate, so two pods never write the SQLite file", () => {
      const deployment = findManifest(manifests, "Deployment");
      expect(deployment.spec.replicas).toBe(1);
      expect(deployment.spec.strategy).toEqual({ type: "Recreate" });
    });

    test("keeps SQLite at /data on the claim", () => {
      const pod = findManifest(manifests, "Deployment").spec.template.spec;
      expect(env(manifests).MEP_SQLITE_PATH).toBe("/data/mep.db");
      expect(env(manifests).MEP_DATABASE_URL).toBeUndefined();
      expect(mepContainer(manifests).volumeMounts).toContainEqual({ name: "data", mountPath: "/data" });
      expect(pod.volumes).toContainEqual({ name: "data", persistentVolumeClaim: { claimName: "edge1-mep" } });
    });

    test("runs under the restricted Pod Security Standard", () => {
      const pod = findManifest(manifests, "Deployment").spec.template.spec;
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } });
      expect(pod.automountServiceAccountToken).toBe(false);
      expect(mepContainer(manifests).securityContext).toEqual({
        runAsNonRoot: true,
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ["ALL"] },
        seccompProfile: { type: "RuntimeDefault" },
      });
    });

    test("takes the admin credential and the token signing key from the named Secret", () => {
      const values = env(manifests);
      expect(values.MEP_ADMIN_CLIENT_ID).toEqual({ secretKeyRef: { name: "mep-auth", key: "adminClientId" } });
      expect(values.MEP_ADMIN_CLIENT_SECRET).toEqual({ secretKeyRef: { name: "mep-auth", key: "adminClientSecret" } });
      expect(values.MEP_TOKEN_SIGNING_KEY).toEqual({ secretKeyRef: { name: "mep-auth", key: "tokenSigningKey" } });
    });

    test("probes the health and readiness endpoints over HTTP", () => {
      const container = mepContainer(manifests);
      expect(container.livenessProbe.httpGet).toEqual({ path: "/healthz", port: "http", scheme: "HTTP" });
      expect(container.readinessProbe.httpGet).toEqual({ path: "/readyz", port: "http", scheme: "HTTP" });
      expect(container.resources).toEqual({ requests: { cpu: "100m", memory: "192Mi" }, limits: { memory: "512Mi" } });
    });

    test("keeps serving for 5 s after its deletion while the Service drops it, within the grace period", () => {
      expect(mepContainer(manifests).lifecycle).toEqual({ preStop: { sleep: { seconds: 5 } } });
      expect(findManifest(manifests, "Deployment").spec.template.spec.terminationGracePeriodSeconds).toBe(30);
    });

    test("announces the in-cluster Service URL as the API root", () => {
      expect(env(manifests).MEP_API_ROOT).toBe("http://edge1-mep.csp-a.svc:8080");
    });
  });

  test("stops at once on deletion when asked (shutdownDelaySeconds: 0)", () => {
    const manifests = render({ shutdownDelaySeconds: 0 });
    expect(mepContainer(manifests).lifecycle).toBeUndefined();
    expect(findManifest(manifests, "Deployment").spec.template.spec.terminationGracePeriodSeconds).toBe(25);
  });

  test("exposes the API on a fixed node port when asked", () => {
    const service = findManifest(render({ service: { type: "NodePort", port: 8080, nodePort: 30080 } }), "Service");
    expect(service.spec.type).toBe("NodePort");
    expect(service.spec.ports).toEqual([{ name: "http", port: 8080, targetPort: "http", protocol: "TCP", nodePort: 30080 }]);
  });

  test("can sit behind a LoadBalancer", () => {
    expect(findManifest(render({ service: { type: "LoadBalancer", port: 443 } }), "Service").spec.type).toBe("LoadBalancer");
  });

  test("serves through an Ingress, whose host becomes the API root", () => {
    const manifests = render({ ingress: { enabled: true, className: "traefik", host: "mep.csp-a.example.net", tlsSecretName: "mep-cert" } });
    const ingress = findManifest(manifests, "Ingress");
    expect(ingress.spec.ingressClassName).toBe("traefik");
    expect(ingress.spec.tls).toEqual([{ hosts: ["mep.csp-a.example.net"], secretName: "mep-cert" }]);
    expect(ingress.spec.rules[0].http.paths[0].backend).toEqual({ service: { name: "edge1-mep", port: { name: "http" } } });
    expect(env(manifests).MEP_API_ROOT).toBe("https://mep.csp-a.example.net");
  });

  test("uses PostgreSQL from the named Secret instead of a volume, and then may run several replicas", () => {
    const manifests = render({ ...withPostgres, replicaCount: 3 });
    const deployment = findManifest(manifests, "Deployment");
    expect(deployment.spec.replicas).toBe(3);
    expect(deployment.spec.strategy).toEqual({ type: "RollingUpdate" });
    expect(env(manifests).MEP_DATABASE_URL).toEqual({ secretKeyRef: { name: "mep-db", key: "url" } });
    expect(env(manifests).MEP_SQLITE_PATH).toBeUndefined();
    expect(manifests.some((m) => m.kind === "PersistentVolumeClaim")).toBe(false);
    expect(findManifest(manifests, "PodDisruptionBudget").spec.minAvailable).toBe(1);
  });

  test("serves HTTPS from a TLS Secret, and probes over HTTPS", () => {
    const manifests = render({ tls: { existingSecret: "mep-tls" } });
    const container = mepContainer(manifests);
    expect(env(manifests)).toMatchObject({ MEP_TLS_CERT_FILE: "/tls/tls.crt", MEP_TLS_KEY_FILE: "/tls/tls.key" });
    expect(container.readinessProbe.httpGet.scheme).toBe("HTTPS");
    expect(env(manifests).MEP_API_ROOT).toBe("https://edge1-mep.csp-a.svc:8080");
  });

  test("passes the callback allow-list, the cluster's ranges, limits and log level to the MEP", () => {
    const manifests = render({
      callbackAllowlist: ["10.42.0.0/16", "apps.example.net", ".sample-echo.svc"],
      clusterCidrs: ["172.20.0.0/16", "172.21.0.0/16"],
      limits: { bodyLimitBytes: 2097152, maxSubscriptionsPerApp: 50 },
      logLevel: "debug",
    });
    expect(env(manifests)).toMatchObject({
      MEP_CALLBACK_ALLOWLIST: "10.42.0.0/16,apps.example.net,.sample-echo.svc",
      MEP_CLUSTER_CIDRS: "172.20.0.0/16,172.21.0.0/16",
      MEP_BODY_LIMIT_BYTES: "2097152",
      MEP_MAX_SUBSCRIPTIONS_PER_APP: "50",
      MEP_LOG_LEVEL: "debug",
    });
  });

  test("uses an existing claim, or an emptyDir when persistence is off", () => {
    const existing = render({ persistence: { enabled: true, existingClaim: "kept-db", storageClassName: "", size: "1Gi" } });
    expect(existing.some((m) => m.kind === "PersistentVolumeClaim")).toBe(false);
    expect(findManifest(existing, "Deployment").spec.template.spec.volumes).toContainEqual({
      name: "data", persistentVolumeClaim: { claimName: "kept-db" },
    });
    const ephemeral = render({ persistence: { enabled: false, existingClaim: "", storageClassName: "", size: "1Gi" } });
    expect(findManifest(ephemeral, "Deployment").spec.template.spec.volumes).toContainEqual({ name: "data", emptyDir: {} });
  });

  test("places pods with node selectors and tolerations (edge host pools)", () => {
    const pod = findManifest(
      render({ nodeSelector: { "mecaas.io/pool": "edge-paris" }, tolerations: [{ key: "edge", operator: "Exists", effect: "NoSchedule" }] }),
      "Deployment",
    ).spec.template.spec;
    expect(pod.nodeSelector).toEqual({ "mecaas.io/pool": "edge-paris" });
    expect(pod.tolerations).toEqual([{ key: "edge", operator: "Exists", effect: "NoSchedule" }]);
  });

  describe("refuses", () => {
    const failure = (values: object) => renderChartFailure(chart, values);

    test("more than one replica without PostgreSQL", () => {
      expect(failure({ ...required, replicaCount: 2 })).toContain(
        "replicaCount 2 needs PostgreSQL: set postgresql.existingSecret",
      );
    });

    test("a release without the auth Secret", () => {
      expect(failure({})).toContain("auth.existingSecret is required");
    });

    test("an Ingress without a host", () => {
      expect(failure({ ...required, ingress: { enabled: true } })).toContain("ingress.host is required");
    });

    test("a node port on a ClusterIP Service", () => {
      expect(failure({ ...required, service: { type: "ClusterIP", port: 8080, nodePort: 30080 } })).toContain(
        "service.nodePort applies only when service.type is NodePort or LoadBalancer",
      );
    });

    test.each([
      ["an unknown value", { replicas: 2 }, "additional properties 'replicas' not allowed"],
      ["an unknown service type", { service: { type: "ExternalName", port: 8080 } }, "/service/type"],
      ["a node port outside the node port range", { service: { type: "NodePort", port: 8080, nodePort: 80 } }, "/service/nodePort"],
      ["zero replicas", { replicaCount: 0 }, "/replicaCount"],
      ["a malformed volume size", { persistence: { enabled: true, existingClaim: "", storageClassName: "", size: "big" } }, "/persistence/size"],
      ["an API root that is not an http(s) URL", { apiRoot: "mep.local" }, "/apiRoot"],
      ["an unknown pull policy", { image: { repository: "mecaas/mep", tag: "", pullPolicy: "Sometimes" } }, "/image/pullPolicy"],
      ["an invalid Secret name", { auth: { existingSecret: "Not_A_Name" } }, "/auth/existingSecret"],
      ["a URL in the callback allow-list (it lists hosts and CIDRs)", { callbackAllowlist: ["https://apps.example.net/"] }, "/callbackAllowlist/0"],
      ["a cluster range that is no CIDR", { clusterCidrs: ["10.42.0.0"] }, "/clusterCidrs/0"],
    ])("%s (values.schema.json)", (_what, values, message) => {
      const stderr = failure({ ...required, ...values });
      expect(stderr).toContain("values don't meet the specifications of the schema");
      expect(stderr).toContain(message);
    });
  });
});
