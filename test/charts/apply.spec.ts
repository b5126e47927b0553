/**
 * Rung 6 of the ladder: the platform stack of examples/mec-app.yaml (the cluster's OpenStack integration, the MEP, a
 * MEC app's registration and the app itself) applied to a real kube-apiserver v1.33.4 with a real etcd, both built by scripts/toolchain.sh and started on
 * loopback (test/support/kube-apiserver.ts). The stack is synthesized by the real app; its Kubernetes objects are
 * created as the kubernetes provider would, and its Helm releases installed with the real helm CLI from the chart
 * assets and values it synthesized. So the server itself validates, defaults and admits every object.
 *
 * What does not run here: no kubelet, kube-controller-manager or kube-scheduler. A Deployment is stored but gets no
 * ReplicaSet or Pod; no pod ever runs (a pod created by hand stays Pending, unscheduled). The pods the workloads would
 * start are therefore checked by a server-side dry run, which goes through the same admission (Pod Security
 * included). Helm hook Jobs would never complete, so releases are installed with --no-hooks and their hooks dry-run
 * instead; nor is the provider's `wait`/`atomic` mirrored, as nothing could ever become ready. The Terraform helm and
 * kubernetes providers themselves are not run (the Go module proxy does not serve them): helm and the REST calls
 * below stand in for them.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { parseAllDocuments } from "yaml";
import { findManifest, Manifest, parseManifests, renderChart, runHelm } from "../support/helm";
import { APPLIED, COMPUTED, PlatformStack } from "../support/platform-stack";
import { KUBERNETES_VERSION } from "../support/kubernetes-schema";
import { ApiResponse, KubeApiServer, startKubeApiServer } from "../support/kube-apiserver";
import { EXAMPLES_DIR, SynthesizedStack, synthCatalog } from "../synth";

jest.setTimeout(120000);

const platform: SynthesizedStack = (() => {
  const stack = synthCatalog(join(EXAMPLES_DIR, "mec-app.yaml")).find((s) => s.name === "acme-platform");
  if (!stack) throw new Error("examples/mec-app.yaml synthesized no acme-platform stack");
  return stack;
})();

// What the stack reads from the infra stack's outputs (the cluster's OpenStack credential, for the cloud.conf Secret):
// placeholders here, as no infra stack is applied; the test bed's nodes.spec.ts applies it with the real ones.
const infraOutputs = Object.fromEntries([...JSON.stringify(platform.json).matchAll(/\$\{data\.terraform_remote_state\.[\w-]+\.outputs\.([\w-]+)\}/g)]
  .map(([, name]) => [name, `infra-output-${name}`]));
const stack = new PlatformStack(platform, {}, infraOutputs);
const releaseValues = (release: any) => stack.releaseValues(release);

let server: KubeApiServer;
const helmEnv = () => ({ KUBECONFIG: server.kubeconfig });
const helm = (args: string[], values?: object) => runHelm(args, values, helmEnv());

/** Where a kind lives in the API, from the server's own discovery documents (what kubectl does). */
const discovery = new Map<string, any[]>();
async function resourcePath(m: Manifest, defaultNamespace?: string): Promise<{ collection: string; item: string }> {
  const groupVersion = m.apiVersion;
  if (!discovery.has(groupVersion)) {
    const prefix = groupVersion.includes("/") ? `/apis/${groupVersion}` : `/api/${groupVersion}`;
    const found = await server.request("GET", prefix);
    if (found.status !== 200) throw new Error(`discovery of ${groupVersion}: ${found.status}`);
    discovery.set(groupVersion, found.body.resources);
  }
  const resource = discovery.get(groupVersion)!.find((r) => r.kind === m.kind && !r.name.includes("/"));
  if (!resource) throw new Error(`the server serves no ${m.kind} in ${groupVersion}`);
  const base = groupVersion.includes("/") ? `/apis/${groupVersion}` : `/api/${groupVersion}`;
  const namespace = m.metadata.namespace ?? defaultNamespace;
  if (resource.namespaced && !namespace) throw new Error(`${m.kind}/${m.metadata.name} needs a namespace`);
  const collection = resource.namespaced ? `${base}/namespaces/${namespace}/${resource.name}` : `${base}/${resource.name}`;
  return { collection, item: `${collection}/${m.metadata.name}` };
}

/** A server-side apply in dry-run with strict field validation: the server's full verdict on the object, stored nothing. */
async function strictDryRunApply(m: Manifest, namespace?: string): Promise<ApiResponse> {
  const { item } = await resourcePath(m, namespace);
  return server.request("PATCH", `${item}?dryRun=All&fieldManager=mecaas-test&fieldValidation=Strict&force=true`, m, {
    contentType: "application/apply-patch+yaml",
  });
}

async function dryRunCreate(m: Manifest, namespace?: string): Promise<ApiResponse> {
  const { collection } = await resourcePath(m, namespace);
  return server.request("POST", `${collection}?dryRun=All&fieldValidation=Strict`, m);
}

function brief(response: ApiResponse): string {
  return `${response.status} ${response.body?.message ?? JSON.stringify(response.body)}`;
}

/** The Pod a workload's controller would create from its template (generateName, as controllers do). */
function podOf(workload: Manifest): Manifest {
  const template = workload.kind === "CronJob" ? workload.spec.jobTemplate.spec.template : workload.spec.template;
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "", generateName: `${workload.metadata.name}-`, ...(template.metadata ?? {}) },
    spec: template.spec,
  };
}

const WORKLOADS = ["Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob"];

interface Installed {
  readonly name: string;
  readonly namespace: string;
  readonly manifests: Manifest[];
  readonly hooks: Manifest[];
}
const installed = new Map<string, Installed>();

const resources = stack.inApplyOrder();
const releases = resources.filter((r) => r.type === "helm_release");

beforeAll(async () => {
  server = await startKubeApiServer();
}, 120000);

afterAll(async () => {
  await server?.stop();
});

describe(`the acme-platform stack of examples/mec-app.yaml on a real kube-apiserver ${KUBERNETES_VERSION}`, () => {
  test("the server is the Kubernetes release K8sClusterVnf installs, and an identity without bindings is refused", async () => {
    const version = await server.request("GET", "/version");
    expect(version.body.gitVersion).toBe(KUBERNETES_VERSION);
    const nobody = await server.request("GET", "/api/v1/namespaces", undefined, { as: server.clientCredential("nobody") });
    expect(nobody.status).toBe(403);
  });

  test("every resource type of the stack is applied here or computed as an apply-time value", () => {
    expect(Object.keys(platform.json.resource).filter((t) => !APPLIED.includes(t) && !COMPUTED.includes(t))).toEqual([]);
    expect(releases.map((r) => r.config.name)).toEqual(["openstack-integration", "mep", "sample-echo", "sample-echo"]);
  });

  test("its namespaces and Secrets are created, as the kubernetes provider would, and read back", async () => {
    for (const r of resources.filter((x) => x.type !== "helm_release")) {
      const object = stack.objectOf(r);
      const collection = object.kind === "Namespace" ? "/api/v1/namespaces" : `/api/v1/namespaces/${object.metadata.namespace}/secrets`;
      const created = await server.request("POST", collection, object);
      expect([r.address, brief(created), created.warnings]).toEqual([r.address, expect.stringMatching(/^201 /), []]);
    }
    const mepNamespace = await server.request("GET", "/api/v1/namespaces/mec-platform");
    expect(mepNamespace.body.metadata.labels["pod-security.kubernetes.io/enforce"]).toBe("restricted");
    const auth = await server.request("GET", "/api/v1/namespaces/mec-platform/secrets/mep-auth");
    expect(Object.keys(auth.body.data).sort()).toEqual(["adminClientId", "adminClientSecret", "tokenSigningKey"]);
  });

  test.each(releases.map((r) => [`${r.config.name} (${r.address})`, r.config.namespace, r] as const))(
    "helm install %s into %s: deployed, every object stored, and each passes a strict server-side dry run with no warning",
    async (_what, namespace, r) => {
      const { name, chart } = r.config;
      // --no-hooks: a hook Job would wait forever for a kubelet. The hooks are dry-run below instead.
      const install = helm(["install", name, join(platform.dir, chart), "--namespace", namespace, "--no-hooks", "--timeout", "60s"], releaseValues(r.config));
      expect(install.stderr).toBe(""); // the server's warnings (unknown fields, deprecations, Pod Security) print here
      expect(install.ok).toBe(true);
      const status = JSON.parse(helm(["status", name, "--namespace", namespace, "-o", "json"]).stdout);
      expect(status.info.status).toBe("deployed");

      const manifests = parseManifests(helm(["get", "manifest", name, "--namespace", namespace]).stdout, "helm get manifest");
      const hooks = parseManifests(helm(["get", "hooks", name, "--namespace", namespace]).stdout, "helm get hooks");
      expect(manifests.length).toBeGreaterThan(0);
      for (const m of manifests) {
        const what = `${m.kind}/${m.metadata.name}`;
        const stored = await server.request("GET", (await resourcePath(m, namespace)).item);
        expect([what, stored.status]).toEqual([what, 200]);
        expect(stored.body.metadata.annotations?.["meta.helm.sh/release-name"]).toBe(name);
        const verdict = await strictDryRunApply(m, namespace);
        expect([what, brief(verdict), verdict.warnings]).toEqual([what, expect.stringMatching(/^200 /), []]);
      }
      for (const h of hooks) {
        const what = `hook ${h.kind}/${h.metadata.name}`;
        const verdict = await dryRunCreate(h, namespace);
        expect([what, brief(verdict), verdict.warnings]).toEqual([what, expect.stringMatching(/^201 /), []]);
      }
      installed.set(r.address, { name, namespace, manifests, hooks });
    },
  );

  test("what each release installed, kind by kind", () => {
    const kinds = Object.fromEntries([...installed.entries()].map(([address, i]) => [
      address.replace(/_[0-9A-F]{8}$/, ""),
      { objects: i.manifests.map((m) => `${m.kind}/${m.metadata.name}`).sort(), hooks: i.hooks.map((m) => `${m.kind}/${m.metadata.name}`).sort() },
    ]));
    expect(kinds).toEqual({
      // The cluster's OpenStack integration (cluster.openstackIntegration, on by default on one VIM): the CCM, the
      // Cinder CSI driver and the default StorageClass, all cluster-scoped or in kube-system.
      "helm_release.openstack_release": {
        objects: [
          "CSIDriver/cinder.csi.openstack.org",
          "ClusterRole/openstack-integration:cloud-controller-manager", "ClusterRole/openstack-integration:csi-cinder-controller",
          "ClusterRoleBinding/openstack-integration:cloud-controller-manager", "ClusterRoleBinding/openstack-integration:csi-cinder-controller",
          "DaemonSet/csi-cinder-node", "DaemonSet/openstack-cloud-controller-manager", "Deployment/csi-cinder-controller",
          "Role/csi-cinder-controller-leases", "RoleBinding/csi-cinder-controller-leases",
          "ServiceAccount/cloud-controller-manager", "ServiceAccount/csi-cinder-controller", "ServiceAccount/csi-cinder-node",
          "StorageClass/cinder",
        ],
        hooks: [],
      },
      "helm_release.mep_release": {
        objects: ["Deployment/mep", "PersistentVolumeClaim/mep", "Service/mep"],
        hooks: [],
      },
      "helm_release.app-sample-echo_registration": {
        objects: ["ConfigMap/sample-echo-scripts", "Secret/sample-echo-request"],
        hooks: ["Job/sample-echo-deregister", "Job/sample-echo-register"],
      },
      "helm_release.app-sample-echo_release": {
        objects: ["Deployment/sample-echo-mec-app-sample", "Service/sample-echo-mec-app-sample"],
        hooks: [],
      },
    });
  });

  test("the Deployments are stored, but no controller runs here to make their pods", async () => {
    const deployment = await server.request("GET", "/apis/apps/v1/namespaces/mec-platform/deployments/mep");
    expect(deployment.body.spec.replicas).toBe(1);
    expect(deployment.body.status ?? {}).not.toHaveProperty("replicas");
    const pods = await server.request("GET", "/api/v1/pods");
    expect(pods.body.items).toEqual([]);
  });

  test("the pods each workload and hook Job would start are admitted (server-side dry run), under the restricted Pod Security Standard where the namespace enforces it", async () => {
    const workloads = [...installed.values()].flatMap((i) =>
      [...i.manifests, ...i.hooks].filter((m) => WORKLOADS.includes(m.kind)).map((m) => ({ m, namespace: i.namespace })));
    expect(workloads.map(({ m }) => `${m.kind}/${m.metadata.name}`).sort()).toEqual([
      "DaemonSet/csi-cinder-node", "DaemonSet/openstack-cloud-controller-manager", "Deployment/csi-cinder-controller",
      "Deployment/mep", "Deployment/sample-echo-mec-app-sample", "Job/sample-echo-deregister", "Job/sample-echo-register",
    ]);
    // The ServiceAccount admission plugin needs each namespace's "default" ServiceAccount, which kube-controller-manager
    // would create; none runs here, so it is created by hand.
    for (const namespace of new Set(workloads.map((w) => w.namespace))) {
      const sa = await server.request("POST", `/api/v1/namespaces/${namespace}/serviceaccounts`, { metadata: { name: "default" } });
      expect([201, 409]).toContain(sa.status);
    }
    for (const { m, namespace } of workloads) {
      const verdict = await dryRunCreate(podOf(m), namespace);
      expect([`${m.kind}/${m.metadata.name}`, brief(verdict), verdict.warnings]).toEqual([`${m.kind}/${m.metadata.name}`, expect.stringMatching(/^201 /), []]);
    }
  });

  describe("the server refuses", () => {
    // The MEP release's objects as `helm template` renders them with the stack's values, so these tests stand alone.
    const mepRelease = releases.find((r) => r.config.name === "mep")!.config;
    const mep = (kind: string) => findManifest(renderChart(join(platform.dir, mepRelease.chart), releaseValues(mepRelease), {
      releaseName: mepRelease.name, namespace: mepRelease.namespace,
    }), kind);

    test("in the MEP's namespace, a pod that breaks the restricted Pod Security Standard", async () => {
      const pod = JSON.parse(JSON.stringify(podOf(mep("Deployment"))));
      pod.spec.containers[0].securityContext.allowPrivilegeEscalation = true;
      const verdict = await dryRunCreate(pod, "mec-platform");
      expect(verdict.status).toBe(403);
      expect(verdict.body.message).toContain('violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false');
    });

    test.each([
      ["a node port outside the node port range", "Service", (s: any) => { s.spec.type = "NodePort"; s.spec.ports[0].nodePort = 80; },
        422, "spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range"],
      ["a Deployment whose selector does not match its pod labels", "Deployment", (d: any) => { d.spec.selector.matchLabels = { app: "other" }; },
        422, "spec.template.metadata.labels: Invalid value"],
      ["a misspelt container field (strict field validation)", "Deployment", (d: any) => { d.spec.template.spec.containers[0].imagePullPolcy = "Always"; },
        400, 'unknown field "spec.template.spec.containers[0].imagePullPolcy"'],
      ["a name that is no DNS label", "Service", (s: any) => { s.metadata.name = "MEP_Service"; },
        422, 'Service "MEP_Service" is invalid'],
    ])("%s", async (_what, kind, breakIt, status, message) => {
      const object = JSON.parse(JSON.stringify(mep(kind)));
      object.metadata.name = `${object.metadata.name}-broken`;
      breakIt(object);
      // A real create, not a dry run: node ports are checked against the range when one is allocated, which a dry
      // run skips. Refused, it stores nothing.
      const { collection } = await resourcePath(object, "mec-platform");
      const verdict = await server.request("POST", `${collection}?fieldValidation=Strict`, object);
      expect(verdict.status).toBe(status);
      expect(verdict.body.message).toContain(message);
    });

    test("a helm install into a namespace that does not exist", () => {
      const install = helm(["install", "stray", join(platform.dir, mepRelease.chart), "--namespace", "nowhere", "--no-hooks"], releaseValues(mepRelease));
      expect(install.ok).toBe(false);
      expect(install.stderr).toContain('namespaces "nowhere" not found');
    });
  });

  test("helm uninstall removes the app's release and its objects", async () => {
    const app = installed.get(releases.find((r) => r.address.startsWith("helm_release.app-sample-echo_release"))!.address)!;
    const uninstall = helm(["uninstall", app.name, "--namespace", app.namespace]);
    expect(uninstall.ok).toBe(true);
    for (const m of app.manifests) {
      const gone = await server.request("GET", (await resourcePath(m, app.namespace)).item);
      expect([`${m.kind}/${m.metadata.name}`, gone.status]).toEqual([`${m.kind}/${m.metadata.name}`, 404]);
    }
  });
});

describe("lib/bootstrap/node-drainer-rbac.yaml on the real server", () => {
  const rbac = parseAllDocuments(readFileSync(join(__dirname, "..", "..", "lib", "bootstrap", "node-drainer-rbac.yaml"), "utf8"))
    .map((d) => d.toJS() as Manifest);
  const drainerUser = "mecaas:node-drainer"; // the CN of the certificate ClusterPki gives workers
  const NODE = "edge-worker-1";

  test("applies (server-side apply, strict)", async () => {
    for (const m of rbac) {
      const { item } = await resourcePath(m);
      const applied = await server.request("PATCH", `${item}?fieldManager=mecaas-test&fieldValidation=Strict`, m, { contentType: "application/apply-patch+yaml" });
      expect([`${m.kind}/${m.metadata.name}`, brief(applied), applied.warnings]).toEqual([`${m.kind}/${m.metadata.name}`, expect.stringMatching(/^201 /), []]);
    }
  });

  const review = async (attributes: Record<string, string>) => {
    const response = await server.request("POST", "/apis/authorization.k8s.io/v1/subjectaccessreviews", {
      apiVersion: "authorization.k8s.io/v1",
      kind: "SubjectAccessReview",
      // A client certificate's user is also in system:authenticated.
      spec: { user: drainerUser, groups: ["system:authenticated"], resourceAttributes: attributes },
    });
    expect(response.status).toBe(201);
    return response.body.status.allowed === true;
  };

  test.each([
    ["cordon a node", { verb: "patch", resource: "nodes" }],
    ["delete a node", { verb: "delete", resource: "nodes" }],
    ["list pods in every namespace (to find the node's pods)", { verb: "list", resource: "pods" }],
    ["evict a pod", { verb: "create", resource: "pods", subresource: "eviction", namespace: "mec-platform" }],
    ["read a pod's DaemonSet owner", { verb: "get", group: "apps", resource: "daemonsets", namespace: "kube-system" }],
  ])("SubjectAccessReview: the node drainer may %s", async (_what, attributes) => {
    expect(await review(attributes)).toBe(true);
  });

  test.each([
    ["read a Secret", { verb: "get", resource: "secrets", namespace: "mec-platform" }],
    ["list Secrets anywhere", { verb: "list", resource: "secrets" }],
    ["delete a pod outright (bypassing PodDisruptionBudgets)", { verb: "delete", resource: "pods", namespace: "mec-platform" }],
    ["create a node", { verb: "create", resource: "nodes" }],
    ["change a Deployment", { verb: "patch", group: "apps", resource: "deployments", namespace: "mec-platform" }],
    ["exec into a pod", { verb: "create", resource: "pods", subresource: "exec", namespace: "mec-platform" }],
    ["bind itself a role", { verb: "create", group: "rbac.authorization.k8s.io", resource: "clusterrolebindings" }],
  ])("SubjectAccessReview: the node drainer may not %s", async (_what, attributes) => {
    expect(await review(attributes)).toBe(false);
  });

  test("with its own client certificate it cordons a node, finds and evicts the node's pod, deletes the node, and is refused a Secret", async () => {
    const drainer = server.clientCredential(drainerUser);
    const as = { as: drainer };
    // A node and a pod bound to it, made by the admin: no kubelet registers nodes here.
    expect((await server.request("POST", "/api/v1/nodes", { apiVersion: "v1", kind: "Node", metadata: { name: NODE } })).status).toBe(201);
    expect((await server.request("POST", "/api/v1/namespaces", { metadata: { name: "drain-test" } })).status).toBe(201);
    expect([201, 409]).toContain((await server.request("POST", "/api/v1/namespaces/drain-test/serviceaccounts", { metadata: { name: "default" } })).status);
    const pod = await server.request("POST", "/api/v1/namespaces/drain-test/pods", {
      apiVersion: "v1", kind: "Pod", metadata: { name: "workload" },
      spec: { nodeName: NODE, containers: [{ name: "app", image: "mecaas/mec-app-sample:0.1.0" }] },
    });
    expect(brief(pod)).toMatch(/^201 /);

    // What `kubectl cordon` and `kubectl drain` (lib/bootstrap/leave-cluster.sh) send.
    const cordon = await server.request("PATCH", `/api/v1/nodes/${NODE}`, { spec: { unschedulable: true } }, { ...as, contentType: "application/strategic-merge-patch+json" });
    expect(brief(cordon)).toMatch(/^200 /);
    expect(cordon.body.spec.unschedulable).toBe(true);
    const onNode = await server.request("GET", `/api/v1/pods?fieldSelector=spec.nodeName%3D${NODE}`, undefined, as);
    expect(onNode.body.items.map((p: any) => `${p.metadata.namespace}/${p.metadata.name}`)).toEqual(["drain-test/workload"]);
    const eviction = await server.request("POST", "/api/v1/namespaces/drain-test/pods/workload/eviction", {
      apiVersion: "policy/v1", kind: "Eviction", metadata: { name: "workload", namespace: "drain-test" },
    }, as);
    expect(brief(eviction)).toMatch(/^201 /);
    // Evicted: marked for graceful deletion, which a kubelet would finish by stopping the container (none runs here).
    const evicted = await server.request("GET", "/api/v1/namespaces/drain-test/pods/workload");
    expect(evicted.body.metadata.deletionTimestamp).toEqual(expect.any(String));
    expect(evicted.body.status.phase).toBe("Pending");

    expect((await server.request("GET", "/api/v1/namespaces/mec-platform/secrets/mep-auth", undefined, as)).status).toBe(403);
    expect((await server.request("DELETE", "/api/v1/namespaces/drain-test/pods/workload", undefined, as)).status).toBe(403);
    expect(brief(await server.request("DELETE", `/api/v1/nodes/${NODE}`, undefined, as))).toMatch(/^200 /);
    expect((await server.request("GET", `/api/v1/nodes/${NODE}`)).status).toBe(404);
  });
});
