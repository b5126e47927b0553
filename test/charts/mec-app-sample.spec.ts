import { join } from "path";
import { findManifest, itPassesHelmLint, Manifest, renderChart, renderChartFailure } from "../support/helm";
import { validateManifests } from "../support/kubernetes-schema";

const chart = join(__dirname, "..", "..", "charts", "mec-app-sample");
const required = { identity: { existingSecret: "app-7f3c-identity" } };

function render(values: object = {}): Manifest[] {
  const manifests = renderChart(chart, { ...required, ...values }, { releaseName: "video", namespace: "csp-a-apps" });
  expect(validateManifests(manifests)).toEqual([]);
  return manifests;
}

function env(manifests: Manifest[]): Record<string, unknown> {
  const container = findManifest(manifests, "Deployment").spec.template.spec.containers[0];
  return Object.fromEntries(container.env.map((e: any) => [e.name, e.value ?? e.valueFrom]));
}

describe("charts/mec-app-sample", () => {
  itPassesHelmLint(chart, required);

  describe("with default values", () => {
    let manifests: Manifest[];
    beforeAll(() => {
      manifests = render();
    });

    test("renders one single-pod Deployment and the Service that receives notifications, all valid", () => {
      expect(manifests.map((m) => `${m.kind}/${m.metadata.name}`).sort()).toEqual([
        "Deployment/video-mec-app-sample",
        "Service/video-mec-app-sample",
      ]);
      const deployment = findManifest(manifests, "Deployment");
      expect(deployment.spec.replicas).toBe(1);
      expect(deployment.spec.strategy).toEqual({ type: "Recreate" });
      expect(findManifest(manifests, "Service").spec.type).toBe("ClusterIP");
    });

    test("reads its Mp1 identity from the named Secret", () => {
      const values = env(manifests);
      expect(values.MEC_APP_INSTANCE_ID).toEqual({ secretKeyRef: { name: "app-7f3c-identity", key: "appInstanceId" } });
      expect(values.MEC_APP_CLIENT_SECRET).toEqual({ secretKeyRef: { name: "app-7f3c-identity", key: "clientSecret" } });
      expect(values.MEP_URL).toEqual({ secretKeyRef: { name: "app-7f3c-identity", key: "mepUrl" } });
    });

    test("tells the MEP to call back on its own in-cluster Service", () => {
      expect(env(manifests).MEC_APP_CALLBACK_BASE_URL).toBe("http://video-mec-app-sample.csp-a-apps.svc:8080");
    });

    test("runs under the restricted Pod Security Standard", () => {
      const pod = findManifest(manifests, "Deployment").spec.template.spec;
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } });
      expect(pod.containers[0].securityContext).toMatchObject({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ["ALL"] },
      });
    });
  });

  test("registers the configured service and watches the consumed ones", () => {
    const manifests = render({
      producedService: { serName: "video-analytics", version: "2.1.0" },
      consumedServices: ["rnis", "location"],
      callbackBaseUrl: "http://video.apps.example.net/",
    });
    expect(env(manifests)).toMatchObject({
      MEC_APP_SERVICE_NAME: "video-analytics",
      MEC_APP_SERVICE_VERSION: "2.1.0",
      MEC_APP_CONSUMED_SERVICES: "rnis,location",
      MEC_APP_CALLBACK_BASE_URL: "http://video.apps.example.net",
    });
  });

  test("is placed on an edge host by node selector and tolerations", () => {
    const pod = findManifest(
      render({ nodeSelector: { "mecaas.io/pool": "edge-lyon" }, tolerations: [{ key: "edge", operator: "Exists" }] }),
      "Deployment",
    ).spec.template.spec;
    expect(pod.nodeSelector).toEqual({ "mecaas.io/pool": "edge-lyon" });
    expect(pod.tolerations).toEqual([{ key: "edge", operator: "Exists" }]);
  });

  describe("refuses", () => {
    test("a release without the identity Secret", () => {
      expect(renderChartFailure(chart, {})).toContain("identity.existingSecret is required");
    });

    test.each([
      ["an unknown value", { replicaCount: 2 }, "additional properties 'replicaCount' not allowed"],
      ["a service name with a comma", { consumedServices: ["a,b"] }, "/consumedServices/0"],
      ["a callback URL that is not http(s)", { callbackBaseUrl: "ftp://x" }, "/callbackBaseUrl"],
      ["a port out of range", { service: { port: 70000 } }, "/service/port"],
    ])("%s (values.schema.json)", (_what, values, message) => {
      const stderr = renderChartFailure(chart, { ...required, ...values });
      expect(stderr).toContain("values don't meet the specifications of the schema");
      expect(stderr).toContain(message);
    });
  });
});
