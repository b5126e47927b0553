/**
 * charts/mecaas, the Edge MANO engine `mecaas`: lint, what it renders (validated against the Kubernetes v1.33
 * schemas), what it refuses, and its RBAC on a real kube-apiserver (test/support/kube-apiserver.ts): installed with
 * the real helm, then, acting as its ServiceAccount, the Edge MANO's own kubectl Secret code and helm manage an app
 * in the apps namespace, and nothing outside it.
 */
import { readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { parse, stringify } from "yaml";
import { KubectlSecrets } from "../../mano/src/domain/identity";
import { HelmDeployer } from "../../mano/src/domain/deployer";
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

  test("renders the Edge MANO, its ServiceAccount with a Role in the apps namespace only, the apps namespace, its kubeconfig, volume and Service", () => {
    const manifests = render();
    expect(manifests.map((m) => `${m.kind}/${m.metadata.namespace ?? ""}/${m.metadata.name}`).sort()).toEqual([
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
  });
});
