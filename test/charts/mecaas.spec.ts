/**
 * charts/mecaas, the Edge MANO engine `mecaas`: lint, what it renders (validated against the Kubernetes v1.33
 * schemas), what it refuses, and its RBAC on a real kube-apiserver (test/support/kube-apiserver.ts): installed with
 * the real helm, then, acting as its ServiceAccount, the Edge MANO's own kubectl Secret code and helm manage an app
 * in the apps namespace, and nothing outside it; cluster-wide it reads nodes and pods, and the Edge MANO's granting
 * code, with the real kubectl as that ServiceAccount, grants against Node and Pod objects stored by the server.
 */
import { readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { parse, stringify } from "yaml";
import { KubectlSecrets } from "../../mano/src/domain/identity";
import type { AppDescriptor } from "../../lib/app-descriptor";
import { HelmDeployer } from "../../mano/src/domain/deployer";
import { ClusterGranting } from "../../mano/src/domain/granting";
import { findManifest, itPassesHelmLint, Manifest, renderChart, renderChartFailure, runHelm } from "../support/helm";
import { KubeApiServer, startKubeApiServer } from "../support/kube-apiserver";
import { validateManifests } from "../support/kubernetes-schema";
import { requireTool } from "../support/tools";

const chart = join(__dirname, "..", "..", "charts", "mecaas");
const sampleChart = join(__dirname, "..", "..", "charts", "mec-app-sample");
const required = { auth: { existingSecret: "mano-auth" }, mep: { url: "http://mep.csp-a-platform.svc:8080", adminSecret: { name: "mep-admin" } } };
const options = { releaseName: "edge", namespace: "csp-a-mano" };

function render(values: object = {}): Manifest[] {
  const manifests = renderChart(chart, { ...required, ...values }, options);
  expect(validateManifests(manifests)).toEqual([]);
  return manifests;
}
const container = (manifests: Manifest[]) => findManifest(manifests, "Deployment").spec.template.spec.containers[0];
const env = (manifests: Manifest[]): Record<string, unknown> =>
  Object.fromEntries(container(manifests).env.map((e: any) => [e.name, e.value ?? e.valueFrom]));

describe("charts/mecaas", () => {
  itPassesHelmLint(chart, required);

  test("renders the Edge MANO, its ServiceAccount with a Role in the apps namespace and a read-only ClusterRole for granting, the apps namespace, its kubeconfig, volume and Service", () => {
    const manifests = render();
    expect(manifests.map((m) => `${m.kind}/${m.metadata.namespace ?? ""}/${m.metadata.name}`).sort()).toEqual([
      "ClusterRole//csp-a-mano-edge-mecaas-granting",
      "ClusterRoleBinding//csp-a-mano-edge-mecaas-granting",
      "ConfigMap/csp-a-mano/edge-mecaas-kubeconfig",
      "Deployment/csp-a-mano/edge-mecaas",
      "Namespace//mec-apps",
      "PersistentVolumeClaim/csp-a-mano/edge-mecaas-data",
      "Role/mec-apps/edge-mecaas",
      "RoleBinding/mec-apps/edge-mecaas",
      "Service/csp-a-mano/edge-mecaas",
      "ServiceAccount/csp-a-mano/edge-mecaas",
    ]);
    expect(findManifest(manifests, "RoleBinding").subjects).toEqual([{ kind: "ServiceAccount", name: "edge-mecaas", namespace: "csp-a-mano" }]);
    expect(findManifest(manifests, "ClusterRole").rules).toEqual([
      { apiGroups: [""], resources: ["nodes"], verbs: ["get", "list"] },
      { apiGroups: [""], resources: ["pods"], verbs: ["list"] },
    ]);
    expect(findManifest(manifests, "ClusterRoleBinding")).toMatchObject({
      roleRef: { kind: "ClusterRole", name: "csp-a-mano-edge-mecaas-granting" },
      subjects: [{ kind: "ServiceAccount", name: "edge-mecaas", namespace: "csp-a-mano" }],
    });
    const deployment = findManifest(manifests, "Deployment");
    expect(deployment.spec).toMatchObject({ replicas: 1, strategy: { type: "Recreate" } });
    expect(deployment.spec.template.spec.serviceAccountName).toBe("edge-mecaas");
  });

  test("configures the Edge MANO: its credential and the MEP's from Secrets, the MEP's URL, the apps namespace (existing: no namespace rights needed)", () => {
    const values = env(render({ mep: { ...required.mep, appUrl: "http://mep.csp-a-platform.svc:8080/" } }));
    expect(values).toMatchObject({
      MANO_API_ROOT: "http://edge-mecaas.csp-a-mano.svc:8090",
      MANO_ADMIN_CLIENT_SECRET: { secretKeyRef: { name: "mano-auth", key: "adminClientSecret" } },
      MANO_TOKEN_SIGNING_KEY: { secretKeyRef: { name: "mano-auth", key: "tokenSigningKey" } },
      MANO_MEP_URL: "http://mep.csp-a-platform.svc:8080",
      MANO_MEP_APP_URL: "http://mep.csp-a-platform.svc:8080",
      MANO_MEP_ADMIN_CLIENT_ID: { secretKeyRef: { name: "mep-admin", key: "adminClientId" } },
      MANO_MEP_ADMIN_CLIENT_SECRET: { secretKeyRef: { name: "mep-admin", key: "adminClientSecret" } },
      MANO_APP_NAMESPACE: "mec-apps",
      MANO_CREATE_NAMESPACE: "false",
      MANO_KUBECONFIG: "/etc/mecaas/kubeconfig/kubeconfig",
      MANO_SQLITE_PATH: "/data/mano.db",
      MANO_READY_TIMEOUT_SECONDS: "300",
    });
    const kubeconfig = parse(findManifest(render(), "ConfigMap").data.kubeconfig);
    expect(kubeconfig.users[0].user).toEqual({ tokenFile: "/var/run/secrets/kubernetes.io/serviceaccount/token" });
    expect(kubeconfig.clusters[0].cluster.server).toBe("https://kubernetes.default.svc");
  });

  test("runs under the restricted Pod Security Standard, its root file system read-only", () => {
    const manifests = render();
    expect(findManifest(manifests, "Deployment").spec.template.spec.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } });
    expect(container(manifests).securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } });
  });

  test("rbac.extraRules extend the Role; an existing apps namespace is not rendered", () => {
    const rule = { apiGroups: ["networking.k8s.io"], resources: ["ingresses"], verbs: ["get", "create", "delete"] };
    const manifests = render({ apps: { namespace: "csp-a-apps", createNamespace: false, readyTimeoutSeconds: 60, gracefulTimeoutSeconds: 10, helmTimeoutSeconds: 120, identitySecretValue: "mec.identitySecret" }, rbac: { extraRules: [rule] } });
    expect(manifests.some((m) => m.kind === "Namespace")).toBe(false);
    expect(findManifest(manifests, "Role").metadata.namespace).toBe("csp-a-apps");
    expect(findManifest(manifests, "Role").rules.at(-1)).toEqual(rule);
    expect(env(manifests)).toMatchObject({ MANO_IDENTITY_SECRET_VALUE: "mec.identitySecret", MANO_HELM_TIMEOUT_SECONDS: "120" });
  });

  test("refuses what cannot work, naming the fix: no credential, no MEP, the apps in its own namespace, unknown values", () => {
    expect(renderChartFailure(chart, { mep: required.mep }, options)).toMatch(/auth.existingSecret is required/);
    expect(renderChartFailure(chart, { auth: required.auth, mep: { adminSecret: { name: "mep-admin" } } }, options)).toMatch(/mep.url is required/);
    expect(renderChartFailure(chart, { ...required, apps: { namespace: "csp-a-mano" } }, options)).toMatch(/apps.namespace "csp-a-mano" is the release's own namespace/);
    expect(renderChartFailure(chart, { ...required, replicaCount: 2 }, options)).toMatch(/additional properties 'replicaCount' not allowed|replicaCount/);
  });

  describe("on a real kube-apiserver (RBAC), acting as its ServiceAccount", () => {
    let server: KubeApiServer;
    let saKubeconfig: string;
    const helmConfig = () => ({ binary: requireTool("helm"), kubeconfig: saKubeconfig, namespace: "mec-apps", timeoutSeconds: 60, createNamespace: false });

    beforeAll(async () => {
      server = await startKubeApiServer();
      const admin = { KUBECONFIG: server.kubeconfig };
      expect((await server.request("POST", "/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "csp-a-mano" } })).status).toBe(201);
      const installed = runHelm(["install", "edge", chart, "--namespace", "csp-a-mano"], required, admin);
      expect(installed.stderr).toBe("");
      // The ServiceAccount's user name and groups, as its token would carry them (RBAC sees the same subject).
      const credential = server.clientCredential("system:serviceaccount:csp-a-mano:edge-mecaas", ["system:serviceaccounts", "system:serviceaccounts:csp-a-mano"]);
      const kubeconfig = parse(readFileSync(server.kubeconfig, "utf8"));
      kubeconfig.users[0].user = {
        "client-certificate-data": Buffer.from(credential.certificatePem).toString("base64"),
        "client-key-data": Buffer.from(credential.keyPem).toString("base64"),
      };
      saKubeconfig = join(server.kubeconfig, "..", "edge-mano.kubeconfig");
      writeFileSync(saKubeconfig, stringify(kubeconfig), { mode: 0o600 });
    }, 180000);
    afterAll(() => server?.stop());

    test("it applies and deletes an app's identity Secret, and installs and uninstalls an app's chart in the apps namespace", async () => {
      const secrets = new KubectlSecrets(requireTool("kubectl"), helmConfig());
      await secrets.apply("mec-1-mp1", { appInstanceId: "1", clientSecret: "s3cret-of-the-app-000000", mepUrl: "http://mep.csp-a-platform.svc:8080" });
      const stored = await server.request("GET", "/api/v1/namespaces/mec-apps/secrets/mec-1-mp1");
      expect(Buffer.from(stored.body.data.clientSecret, "base64").toString()).toBe("s3cret-of-the-app-000000");
      await secrets.apply("mec-1-mp1", { appInstanceId: "1", clientSecret: "s3cret-of-the-app-000000", mepUrl: "http://mep.csp-a-platform.svc:8080" });

      // helm as the Edge MANO runs it, but without --wait: no controller or kubelet runs here to make pods ready.
      const install = runHelm(["upgrade", "--install", "mec-1", sampleChart, "--namespace", "mec-apps", "--kubeconfig", saKubeconfig,
        "--set-json", 'nodeSelector={"mecaas.io/pool":"edge-1"}', "--set-string", "identity.existingSecret=mec-1-mp1"]);
      expect(install.stderr).toBe("");
      expect(install.ok).toBe(true);
      expect((await server.request("GET", "/apis/apps/v1/namespaces/mec-apps/deployments/mec-1-mec-app-sample")).status).toBe(200);
      await new HelmDeployer(helmConfig()).uninstall({ release: "mec-1", chart: sampleChart, pool: "edge-1" });
      expect((await server.request("GET", "/apis/apps/v1/namespaces/mec-apps/deployments/mec-1-mec-app-sample")).status).toBe(404);
      await secrets.delete("mec-1-mp1");
      await secrets.delete("mec-1-mp1");
      expect((await server.request("GET", "/api/v1/namespaces/mec-apps/secrets/mec-1-mp1")).status).toBe(404);
    });

    test("it can do nothing outside the apps namespace: not read its own namespace's Secrets, not create namespaces, not touch kube-system", async () => {
      const as = server.clientCredential("system:serviceaccount:csp-a-mano:edge-mecaas", ["system:serviceaccounts", "system:serviceaccounts:csp-a-mano"]);
      expect((await server.request("GET", "/api/v1/namespaces/csp-a-mano/secrets", undefined, { as })).status).toBe(403);
      expect((await server.request("POST", "/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "elsewhere" } }, { as })).status).toBe(403);
      expect((await server.request("POST", "/api/v1/namespaces/kube-system/secrets", { apiVersion: "v1", kind: "Secret", metadata: { name: "x" } }, { as })).status).toBe(403);
      expect((await server.request("GET", "/apis/rbac.authorization.k8s.io/v1/namespaces/mec-apps/roles", undefined, { as })).status).toBe(403);
      const withNamespace = new KubectlSecrets(requireTool("kubectl"), { ...helmConfig(), createNamespace: true });
      await expect(withNamespace.apply("mec-2-mp1", { appInstanceId: "2", clientSecret: "another-secret-0000000000", mepUrl: "http://mep" })).rejects.toThrow(/forbidden/);
    });

    test("cluster-wide it may read nodes and list pods, and change neither (SelfSubjectAccessReview, as kubectl auth can-i asks)", async () => {
      const as = server.clientCredential("system:serviceaccount:csp-a-mano:edge-mecaas", ["system:serviceaccounts", "system:serviceaccounts:csp-a-mano"]);
      const can = async (verb: string, resource: string, subresource = "", namespace = "") => {
        const review = await server.request("POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", {
          apiVersion: "authorization.k8s.io/v1", kind: "SelfSubjectAccessReview", spec: { resourceAttributes: { verb, resource, subresource, namespace, group: "" } },
        }, { as });
        expect(review.status).toBe(201);
        return `${verb} ${resource}${subresource ? `/${subresource}` : ""}${namespace ? ` in ${namespace}` : ""}: ${review.body.status.allowed ? "yes" : "no"}`;
      };
      const answers = await Promise.all([
        can("get", "nodes"), can("list", "nodes"), can("list", "pods"), can("list", "pods", "", "kube-system"),
        can("patch", "nodes"), can("update", "nodes"), can("update", "nodes", "status"), can("delete", "nodes"), can("create", "nodes"),
        can("get", "pods", "", "kube-system"), can("delete", "pods", "", "kube-system"), can("create", "pods", "", "kube-system"), can("list", "secrets"),
      ]);
      expect(answers).toEqual([
        "get nodes: yes", "list nodes: yes", "list pods: yes", "list pods in kube-system: yes",
        "patch nodes: no", "update nodes: no", "update nodes/status: no", "delete nodes: no", "create nodes: no",
        "get pods in kube-system: no", "delete pods in kube-system: no", "create pods in kube-system: no", "list secrets: no",
      ]);
      const cordon = await server.request("PATCH", "/api/v1/nodes/any-node", { spec: { unschedulable: true } }, { as, contentType: "application/merge-patch+json" });
      expect(cordon.status).toBe(403);
    });

    describe("the Edge MANO's grant, with the real kubectl as the ServiceAccount, against nodes and pods the server stores", () => {
      const GiB = 2 ** 30;
      const appD = (numVirtualCpu?: number, virtualMemSize?: number) => ({
        appDId: "granted-app", appName: "granted", appProvider: "mecaas", appSoftVersion: "1", appDVersion: "1", mecVersion: ["2.2.1"],
        ...(numVirtualCpu !== undefined ? { virtualComputeDescriptor: { virtualComputeDescId: "compute", virtualCpu: { numVirtualCpu }, virtualMemory: { virtualMemSize } } } : {}),
      }) as AppDescriptor;
      const granting = () => new ClusterGranting(requireTool("kubectl"), helmConfig());

      /**
       * A Node as a kubelet would register it: the pool label, then (status subresource) allocatable and Ready; then
       * what the node lifecycle controller, which does not run here, does once it is Ready: lift the
       * node.kubernetes.io/not-ready:NoSchedule taint the API server gives every new node (TaintNodesByCondition).
       */
      async function node(name: string, pool: string, cpu: string, memory: string, spec: Record<string, unknown> = {}) {
        const merge = { contentType: "application/merge-patch+json" };
        const created = await server.request("POST", "/api/v1/nodes", { apiVersion: "v1", kind: "Node", metadata: { name, labels: { "mecaas.io/pool": pool } }, spec });
        expect(created.status).toBe(201);
        expect(created.body.spec.taints).toEqual([{ key: "node.kubernetes.io/not-ready", effect: "NoSchedule" }]);
        const status = await server.request("PATCH", `/api/v1/nodes/${name}/status`, {
          status: { capacity: { cpu, memory, pods: "110" }, allocatable: { cpu, memory, pods: "110" }, conditions: [{ type: "Ready", status: "True", reason: "KubeletReady", lastHeartbeatTime: new Date().toISOString() }] },
        }, merge);
        expect(status.status).toBe(200);
        expect((await server.request("PATCH", `/api/v1/nodes/${name}`, { spec: { taints: null } }, merge)).status).toBe(200);
      }
      /** A pod bound to a node (spec.nodeName): Pending for ever, no kubelet runs, and counted as the scheduler counts it. */
      async function pod(name: string, nodeName: string, containers: Record<string, string>[], initContainers: Record<string, string>[] = [], phase?: string) {
        const named = (prefix: string) => (requests: Record<string, string>, i: number) => ({ name: `${prefix}${i}`, image: "registry.invalid/none:1", resources: { requests } });
        const created = await server.request("POST", "/api/v1/namespaces/granting-pods/pods", {
          apiVersion: "v1", kind: "Pod", metadata: { name },
          spec: { nodeName, automountServiceAccountToken: false, containers: containers.map(named("c")), initContainers: initContainers.map(named("init")) },
        });
        expect([created.status, created.body.message]).toEqual([201, undefined]);
        expect(created.body.status.phase).toBe("Pending");
        if (phase) expect((await server.request("PATCH", `/api/v1/namespaces/granting-pods/pods/${name}/status`, { status: { phase } }, { contentType: "application/merge-patch+json" })).status).toBe(200);
      }

      beforeAll(async () => {
        expect((await server.request("POST", "/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "granting-pods" } })).status).toBe(201);
        // No controller manager runs here to create the namespace's default ServiceAccount, which pods are admitted with.
        expect((await server.request("POST", "/api/v1/namespaces/granting-pods/serviceaccounts", { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "default" } })).status).toBe(201);
        // Pool edge: edge-0 with 4 CPU and 8 GiB, 2.5 CPU and 5 GiB of it requested by a pending pod (its init container
        // asks more CPU than its containers, so 2.5 CPU); a pod that has terminated holds nothing. edge-1: 2 CPU, 4 GiB.
        await node("edge-0", "edge", "4", "8Gi");
        await node("edge-1", "edge", "2000m", `${4 * GiB}`);
        await pod("pending-app", "edge-0", [{ cpu: "1", memory: "4Gi" }, { cpu: "500m", memory: "1024Mi" }], [{ cpu: "2500m", memory: "1Gi" }]);
        await pod("finished-job", "edge-0", [{ cpu: "4", memory: "8Gi" }], [], "Succeeded");
        // Another pool with all the room in the world, which a grant on edge must not see; a cordoned pool.
        await node("other-0", "other", "64", "256Gi");
        await node("cordoned-0", "cordoned", "8", "16Gi", { unschedulable: true });
      });

      test("an AppD that fits is granted on the pool's node with room: edge-1, exactly 2 CPU and 4096 MB free", async () => {
        expect(await granting().grant("edge", appD(2, 4096))).toEqual({
          pool: "edge", namespace: "mec-apps", compute: { virtualComputeDescId: "compute", numVirtualCpu: 2, virtualMemSize: 4096 },
          nodes: [{ nodeName: "edge-1", freeCpu: 2, freeMemoryMB: 4096 }],
        });
        expect((await granting().grant("edge", appD(1, 3072))).nodes).toEqual([{ nodeName: "edge-0", freeCpu: 1.5, freeMemoryMB: 3072 }, { nodeName: "edge-1", freeCpu: 2, freeMemoryMB: 4096 }]);
      });

      test("one that does not fit, a missing pool and a cordoned one are refused (403), naming the pool and the numbers", async () => {
        await expect(granting().grant("edge", appD(3, 4096))).rejects.toMatchObject({
          status: 403, message: "pool edge: no node has 3 CPU and 4096 MB free; the most free: edge-1 with 2 CPU and 4096 MB",
        });
        await expect(granting().grant("edge", appD(2, 4097))).rejects.toMatchObject({ message: expect.stringMatching(/^pool edge: no node has 2 CPU and 4097 MB free/) });
        await expect(granting().grant("nowhere", appD())).rejects.toMatchObject({ status: 403, message: "pool nowhere: no node carries the label mecaas.io/pool=nowhere" });
        await expect(granting().grant("cordoned", appD())).rejects.toMatchObject({ status: 403, message: "pool cordoned: no node is Ready and schedulable: cordoned-0 (cordoned: spec.unschedulable)" });
        // A node that has just registered, not yet Ready: the API server's not-ready taint keeps it out too.
        expect((await server.request("POST", "/api/v1/nodes", { apiVersion: "v1", kind: "Node", metadata: { name: "joining-0", labels: { "mecaas.io/pool": "joining" } } })).status).toBe(201);
        await expect(granting().grant("joining", appD())).rejects.toMatchObject({
          status: 403, message: "pool joining: no node is Ready and schedulable: joining-0 (not Ready, tainted node.kubernetes.io/not-ready:NoSchedule)",
        });
        // An AppD that asks for nothing needs only a schedulable node of its pool.
        expect((await granting().grant("other", appD())).nodes).toEqual([{ nodeName: "other-0", freeCpu: 64, freeMemoryMB: 256 * 1024 }]);
      });
    });
  });
});
