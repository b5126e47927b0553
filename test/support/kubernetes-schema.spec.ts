import { KUBERNETES_VERSION, validateManifests } from "./kubernetes-schema";

function deployment(container: Record<string, unknown>, extraSpec: Record<string, unknown> = {}) {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", labels: { app: "web" } },
    spec: {
      selector: { matchLabels: { app: "web" } },
      template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27", ...container }] } },
      ...extraSpec,
    },
  };
}

describe(`validateManifests (Kubernetes ${KUBERNETES_VERSION} schemas, strict)`, () => {
  test("accepts a well-formed Deployment, Service and ConfigMap", () => {
    const service = {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "web" },
      spec: { selector: { app: "web" }, ports: [{ name: "http", port: 80, targetPort: "http" }] },
    };
    const configMap = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "web-config" }, data: { key: "value" } };
    const manifests = [deployment({ ports: [{ name: "http", containerPort: 8080 }] }), service, configMap];
    expect(validateManifests(manifests)).toEqual([]);
  });

  test("rejects a field the API does not define", () => {
    expect(validateManifests([deployment({ imagePullPolicyy: "Always" })])).toEqual([
      "Deployment/web: /spec/template/spec/containers/0 must NOT have additional properties (imagePullPolicyy)",
    ]);
  });

  test("rejects a value of the wrong type", () => {
    const problems = validateManifests([deployment({ ports: [{ containerPort: "8080" }] })]);
    expect(problems).toContain("Deployment/web: /spec/template/spec/containers/0/ports/0/containerPort must be integer");
  });

  test("rejects a missing required field", () => {
    const withoutImageName = deployment({});
    delete (withoutImageName.spec.template.spec.containers[0] as Record<string, unknown>).name;
    expect(validateManifests([withoutImageName])).toContain(
      "Deployment/web: /spec/template/spec/containers/0 must have required property 'name'",
    );
  });

  test("rejects a value outside an enumeration", () => {
    expect(validateManifests([deployment({ imagePullPolicy: "Sometimes" })])).toEqual([
      'Deployment/web: /spec/template/spec/containers/0/imagePullPolicy: "Sometimes" is not one of Always, IfNotPresent, Never',
    ]);
  });

  test("rejects a kind unknown to that Kubernetes release", () => {
    const ingress = { apiVersion: "extensions/v1beta1", kind: "Ingress", metadata: { name: "web" }, spec: {} };
    expect(validateManifests([ingress])).toEqual([
      `Ingress/web: no Ingress in apiVersion extensions/v1beta1 on Kubernetes ${KUBERNETES_VERSION}`,
    ]);
  });

  test("accepts resource quantities as strings or numbers, and rejects malformed ones", () => {
    const good = deployment({ resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: 1 } } });
    expect(validateManifests([good])).toEqual([]);
    const bad = deployment({ resources: { requests: { memory: "lots" } } });
    expect(validateManifests([bad])).not.toEqual([]);
  });

  test("accepts int-or-string fields as either", () => {
    const strategy = { strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: "25%" } } };
    expect(validateManifests([deployment({}, strategy)])).toEqual([]);
  });

  test("applies the API server's name, label and port-name rules", () => {
    const manifest = deployment({ ports: [{ name: "a-port-name-too-long", containerPort: 80 }] });
    manifest.metadata.name = "Web_Server";
    manifest.metadata.labels.app = "-bad-";
    expect(validateManifests([manifest])).toEqual([
      'Deployment/Web_Server: /metadata/name "Web_Server" is not a valid DNS subdomain',
      'Deployment/Web_Server: /metadata/labels/app: "-bad-" is not a valid label value',
      'Deployment/Web_Server: /spec/template/spec/containers/0/ports: "a-port-name-too-long" is not a valid port name (IANA_SVC_NAME)',
    ]);
  });

  test("names RBAC objects by path segment, as the API server does (system:node is a valid ClusterRole name)", () => {
    const role = (name: string) => ({ apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", metadata: { name }, rules: [] });
    expect(validateManifests([role("system:mecaas-reader")])).toEqual([]);
    expect(validateManifests([role("a/b")])).toEqual(['ClusterRole/a/b: /metadata/name "a/b" is not a valid path segment name']);
  });
});
