import "cdktf/lib/testing/adapters/jest"; // types of the matchers Testing.setupJest() installs
import { execFile, spawnSync } from "child_process";
import { randomBytes } from "crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { createServer as createHttpServer, IncomingMessage, Server, ServerResponse } from "http";
import { createServer as createHttpsServer } from "https";
import { AddressInfo } from "net";
import { tmpdir } from "os";
import { join } from "path";
import { TerraformStack, Testing } from "./cdk";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { ClusterProviders } from "./cluster-providers";
import { EdgeMano, EdgeManoProps, OsmVimAccount } from "./edge-mano";
import { validateManifests } from "../test/support/kubernetes-schema";
import { placeholderAccess } from "../test/support/cluster-credentials";

jest.setTimeout(60_000); // the registration script runs as a real process; machines here are shared

const access = placeholderAccess;
// OSM's documented initial admin password (a public default, not a secret).
const OSM_INITIAL_ADMIN_PASSWORD = "admin";
// Test passwords made per run: each must show up only where it belongs.
const CORE_VIM_PASSWORD = `vim-core-${randomBytes(8).toString("hex")}`;
const EDGE_VIM_PASSWORD = `vim-edge-${randomBytes(8).toString("hex")}`;
const coreVim: OsmVimAccount = {
  name: "core",
  authUrl: "https://keystone.core.example.net:5000/v3",
  projectName: "csp-csp1",
  username: "csp1-osm",
  password: CORE_VIM_PASSWORD,
};
const edgeVim: OsmVimAccount = { ...coreVim, name: "edge-1", authUrl: "https://keystone.edge-1.example.net:5000/v3", password: EDGE_VIM_PASSWORD, region: "edge-1" };

type Props = Omit<EdgeManoProps, "cluster">;
const defaults: Props = { engine: "osm", chartRepository: "oci://registry.example.org/osm", chartVersion: "15.0.0", vim: coreVim };

function build(props: Partial<Props> = {}): { stack: TerraformStack; mano: EdgeMano } {
  const stack = new TerraformStack(Testing.app(), "csp1-platform");
  new RandomProvider(stack, "random");
  const cluster = new ClusterProviders(stack, "cluster", { access });
  const mano = new EdgeMano(stack, "edge-mano", { cluster, ...defaults, ...props } as EdgeManoProps);
  return { stack, mano };
}

function synth(props: Partial<Props> = {}, after?: (m: EdgeMano) => void): any {
  const { stack, mano } = build(props);
  after?.(mano);
  return JSON.parse(Testing.synth(stack));
}

function only(json: any, type: string, keyPrefix?: string): [string, any] {
  const entries = Object.entries(json.resource[type] ?? {}).filter(([k]) => !keyPrefix || k.startsWith(keyPrefix));
  expect(entries).toHaveLength(1);
  return entries[0] as [string, any];
}

function registrationDoc(json: any): any {
  return JSON.parse(only(json, "kubernetes_secret_v1", "edge-mano_registration_")[1].data["registration.json"]);
}

// ---- the kubernetes provider's resources as the Kubernetes objects they create ------------------------------

const KINDS: Record<string, [string, string]> = {
  kubernetes_namespace_v1: ["v1", "Namespace"],
  kubernetes_secret_v1: ["v1", "Secret"],
  kubernetes_config_map_v1: ["v1", "ConfigMap"],
  kubernetes_service_account_v1: ["v1", "ServiceAccount"],
  kubernetes_cluster_role_binding_v1: ["rbac.authorization.k8s.io/v1", "ClusterRoleBinding"],
  kubernetes_job_v1: ["batch/v1", "Job"],
};
const PROVIDER_ONLY = new Set(["provider", "depends_on", "wait_for_completion", "wait_for_service_account_token", "timeouts", "lifecycle"]);
const RENAMED: Record<string, string> = { container: "containers", volume: "volumes", volume_mount: "volumeMounts", subject: "subjects" };
const MAPS = new Set(["labels", "annotations", "data"]);
const INTEGERS = new Set(["runAsUser", "runAsGroup", "fsGroup"]);
const camel = (k: string) => RENAMED[k] ?? k.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

/** Resolves `${type.name.metadata[0].name}` to the referenced object's name; other references become stand-ins. */
function resolveRefs(value: string, json: any): string {
  return value.replace(/\$\{([a-z0-9_]+)\.([^.}]+)\.metadata\[0\]\.name\}/g, (_, t, n) => json.resource[t][n].metadata.name)
    .replace(/^\$\{sha256\(.*\)\}$/s, "0".repeat(64))
    .replace(/\$\{[^}]*\}/g, "standin");
}

function toKubernetes(node: any, json: any, key = ""): any {
  if (Array.isArray(node)) return node.map((n) => toKubernetes(n, json));
  if (typeof node === "string") return INTEGERS.has(key) ? Number(node) : resolveRefs(node, json);
  if (node === null || typeof node !== "object") return node;
  const out: any = {};
  for (const [k, v] of Object.entries(node)) {
    if (PROVIDER_ONLY.has(k)) continue;
    if (MAPS.has(k)) out[k] = Object.fromEntries(Object.entries(v as object).map(([mk, mv]) => [mk, resolveRefs(mv as string, json)]));
    else out[camel(k)] = toKubernetes(v, json, camel(k));
  }
  return out;
}

function manifests(json: any): any[] {
  const out: any[] = [];
  for (const [type, [apiVersion, kind]] of Object.entries(KINDS)) {
    for (const r of Object.values(json.resource[type] ?? {}) as any[]) {
      const m = { apiVersion, kind, ...toKubernetes(r, json) };
      // Secret data is base64 in the API; the provider takes it in clear text (stringData's shape).
      if (kind === "Secret" && m.data) {
        m.stringData = m.data;
        delete m.data;
      }
      out.push(m);
    }
  }
  return out;
}

describe("EdgeMano", () => {
  describe("requires the OSM chart's location and version (OSM's chart is in no public Helm repository)", () => {
    test.each<[string, Partial<Props>, RegExp]>([
      ["no location", { chartRepository: undefined }, /^csp1-platform\/edge-mano: engine "osm" needs chartPath or chartRepository: OSM's Helm chart is in no public Helm repository/],
      ["no version", { chartVersion: undefined }, /^csp1-platform\/edge-mano: engine "osm" needs chartVersion/],
      ["an empty version", { chartVersion: " " }, /needs chartVersion/],
      ["a repository that is no URL", { chartRepository: "registry.example.org/osm" }, /chartRepository "registry\.example\.org\/osm" is not a chart repository URL/],
    ])("%s", (_name, props, message) => {
      expect(() => build(props)).toThrow(message);
    });

    test("a local chart must carry the version asked for", () => {
      const dir = mkdtempSync(join(tmpdir(), "osm-chart-"));
      writeFileSync(join(dir, "Chart.yaml"), "apiVersion: v2\nname: osm\nversion: 16.0.1\n");
      try {
        expect(() => build({ chartRepository: undefined, chartPath: dir, chartVersion: "15.0.0" })).toThrow(
          /chartVersion "15\.0\.0" does not match the version of the chart at chartPath \("16\.0\.1" in Chart\.yaml\); set chartVersion "16\.0\.1"/,
        );
        const json = synth({ chartRepository: undefined, chartPath: dir, chartVersion: "16.0.1" });
        const [, release] = only(json, "helm_release");
        expect(release.chart).toMatch(/^assets\//);
        expect(release.version).toBe("16.0.1");
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    test("from an OCI registry: repository, chart name and pinned version", () => {
      const [, release] = only(synth(), "helm_release");
      expect([release.repository, release.chart, release.version, release.namespace]).toEqual(["oci://registry.example.org/osm", "osm", "15.0.0", "osm"]);
    });
  });

  describe("secrets generated by Terraform, never by the chart", () => {
    test("admin password, database common key and database root passwords from random_password, kept in a Secret", () => {
      const json = synth();
      const passwords = Object.keys(json.resource.random_password);
      expect(passwords.map((k) => k.replace(/^edge-mano_|_[0-9A-F]+$/g, "")).sort()).toEqual(
        ["admin-password", "database-common-key", "mongodb-root-password", "mysql-root-password"],
      );
      const [, secret] = only(json, "kubernetes_secret_v1", "edge-mano_secrets_");
      expect(Object.keys(secret.data).sort()).toEqual(["adminPassword", "databaseCommonKey", "mongodbRootPassword", "mysqlRootPassword"]);
      for (const v of Object.values(secret.data)) expect(v).toMatch(/^\$\{random_password\./);
    });

    test("passed to the chart with set_sensitive, none in the plain values", () => {
      const [, release] = only(synth(), "helm_release");
      expect(release.set_sensitive.map((s: any) => s.name)).toEqual(["global.db.commonkey", "mysql.auth.rootPassword", "mongodb.auth.rootPassword"]);
      expect(release.values[0]).not.toMatch(/random_password/);
    });

    test("the value paths can be pointed elsewhere for another chart version", () => {
      const [, release] = only(synth({ secretValuePaths: { databaseCommonKey: ["lcm.config.commonkey", "nbi.config.commonkey"] } }), "helm_release");
      expect(release.set_sensitive.map((s: any) => s.name)).toEqual(["lcm.config.commonkey", "nbi.config.commonkey", "mysql.auth.rootPassword", "mongodb.auth.rootPassword"]);
    });

    test("the admin password is a sensitive output, beside the NBI URL", () => {
      const json = synth({ nbiExternalUrl: "https://nbi.csp1.example.net/osm" });
      expect(json.output.edge_mano_admin_password.sensitive).toBe(true);
      expect(json.output.edge_mano_admin_password.value).toMatch(/^\$\{random_password\./);
      expect(json.output.edge_mano_admin_username.value).toBe("admin");
      expect(json.output.edge_mano_nbi_url.value).toBe("http://nbi.osm.svc:9999/osm");
      expect(json.output.edge_mano_nbi_external_url.value).toBe("https://nbi.csp1.example.net/osm");
    });
  });

  describe("images and extras", () => {
    test("Bitnami sub-chart images from bitnamilegacy/*, OSM's from opensourcemano, GitOps extras off", () => {
      const { mano } = build();
      expect(mano.values).toEqual({
        global: { image: { repositoryBase: "opensourcemano" }, gitops: { enabled: false }, security: { allowInsecureImages: true } },
        mongodb: { image: { repository: "bitnamilegacy/mongodb" } },
        kafka: { image: { repository: "bitnamilegacy/kafka" } },
        mysql: { image: { repository: "bitnamilegacy/mysql" } },
      });
    });

    test("every image repository is a prop; extra values merge under them", () => {
      const { mano } = build({
        imageRepositoryBase: "registry.example.org/osm",
        imageTag: "15.0.3",
        mongodbImageRepository: "registry.example.org/mongodb",
        gitops: true,
        values: { global: { logLevel: "DEBUG" }, mongodb: { image: { tag: "7.0" } } },
      });
      expect(mano.values).toMatchObject({
        global: { image: { repositoryBase: "registry.example.org/osm", tag: "15.0.3" }, gitops: { enabled: true }, logLevel: "DEBUG" },
        mongodb: { image: { repository: "registry.example.org/mongodb", tag: "7.0" } },
      });
    });
  });

  describe("registration of the cluster into OSM", () => {
    test("a dedicated ServiceAccount, bound to cluster-admin, with a service-account-token Secret", () => {
      const json = synth();
      const [saKey, sa] = only(json, "kubernetes_service_account_v1");
      expect(sa.metadata).toMatchObject({ name: "osm-k8scluster", namespace: "osm" });
      expect(sa.automount_service_account_token).toBe(false);
      const [, crb] = only(json, "kubernetes_cluster_role_binding_v1");
      expect(crb.role_ref).toEqual({ api_group: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" });
      expect(crb.subject).toEqual([{ kind: "ServiceAccount", name: `\${kubernetes_service_account_v1.${saKey}.metadata[0].name}`, namespace: "osm" }]);
      const [, token] = only(json, "kubernetes_secret_v1", "edge-mano_osm-service-account-token_");
      expect(token.type).toBe("kubernetes.io/service-account-token");
      expect(token.wait_for_service_account_token).toBe(true);
      expect(token.metadata.annotations["kubernetes.io/service-account.name"]).toBe(`\${kubernetes_service_account_v1.${saKey}.metadata[0].name}`);
    });

    test("a Job that waits for completion, after OSM's release, the RBAC and the token", () => {
      const json = synth();
      const [, job] = only(json, "kubernetes_job_v1");
      expect(job.wait_for_completion).toBe(true);
      const [releaseKey] = only(json, "helm_release");
      const [crbKey] = only(json, "kubernetes_cluster_role_binding_v1");
      const [tokenKey] = only(json, "kubernetes_secret_v1", "edge-mano_osm-service-account-token_");
      expect(job.depends_on).toEqual(expect.arrayContaining([
        `helm_release.${releaseKey}`, `kubernetes_cluster_role_binding_v1.${crbKey}`, `kubernetes_secret_v1.${tokenKey}`,
      ]));
      const pod = job.spec.template.spec;
      expect(pod.automount_service_account_token).toBe(false);
      expect(pod.container[0].security_context).toEqual({
        run_as_non_root: true, allow_privilege_escalation: false, read_only_root_filesystem: true,
        capabilities: { drop: ["ALL"] }, seccomp_profile: { type: "RuntimeDefault" },
      });
      expect(pod.volume.find((v: any) => v.name === "osm-sa").secret.secret_name).toBe(`\${kubernetes_secret_v1.${tokenKey}.metadata[0].name}`);
    });

    test("the Job is replaced (so it runs again) whenever what it registers, the token or the admin password changes", () => {
      const [, job] = only(synth(), "kubernetes_job_v1");
      const hash = job.spec.template.metadata.annotations["mecaas.io/registration-sha256"];
      expect(hash).toMatch(/^\$\{sha256\(jsonencode\(\{"registration" = kubernetes_secret_v1\.edge-mano_registration_[^.]+\.data, "token" = kubernetes_secret_v1\.edge-mano_osm-service-account-token_[^.]+\.id, "admin" = random_password\.edge-mano_admin-password_[^.]+\.result\}\)\)\}$/);
    });

    test("what it registers: the VIM account and the cluster on it (endpoint, CA, version), TLS verified", () => {
      const doc = registrationDoc(synth());
      expect(doc.nbiUrl).toBe("http://nbi.osm.svc:9999/osm");
      expect(doc.vims).toEqual([{
        name: "core", description: "registered by mecaas", vim_type: "openstack", vim_url: coreVim.authUrl,
        vim_tenant_name: "csp-csp1", vim_user: "csp1-osm", vim_password: CORE_VIM_PASSWORD,
        config: { user_domain_name: "Default", project_domain_name: "Default", insecure: false },
      }]);
      expect(doc.k8sclusters).toEqual([{
        name: "core-k8s", description: "registered by mecaas", vimAccount: "core", server: access.apiEndpoint,
        caCertificatePem: access.clusterCaCertificatePem, k8sVersion: "1.31", nets: { net1: null }, namespace: "kube-system",
        deploymentMethods: { "helm-chart-v3": true, "juju-bundle": false },
      }]);
    });

    test("VIM passwords stay in a Secret: not in the Job, the ConfigMap, the Helm values or an output", () => {
      const json = synth({}, (m) => m.registerVim(edgeVim));
      for (const type of ["kubernetes_job_v1", "kubernetes_config_map_v1", "helm_release"]) {
        for (const password of [CORE_VIM_PASSWORD, EDGE_VIM_PASSWORD]) expect(JSON.stringify(json.resource[type])).not.toContain(password);
      }
      for (const password of [CORE_VIM_PASSWORD, EDGE_VIM_PASSWORD]) expect(JSON.stringify(json.output)).not.toContain(password);
    });

    test("a VIM whose CSP identities live in a Keystone domain of their own is registered with that domain's id", () => {
      const doc = registrationDoc(synth({}, (m) => m.registerVim({ ...edgeVim, domainId: "d0main" })));
      expect(doc.vims[1].config).toMatchObject({ user_domain_id: "d0main", project_domain_id: "d0main" });
      expect(doc.vims[1].config).not.toHaveProperty("user_domain_name");
      expect(doc.vims[1].config).not.toHaveProperty("project_domain_name");
    });

    test("registerVim adds an edge host's VIM (after construction too); additionalVims does the same up front", () => {
      const doc = registrationDoc(synth({}, (m) => m.registerVim(edgeVim)));
      expect(doc.vims.map((v: any) => v.name)).toEqual(["core", "edge-1"]);
      expect(doc.vims[1].config.region_name).toBe("edge-1");
      expect(registrationDoc(synth({ additionalVims: [edgeVim] })).vims.map((v: any) => v.name)).toEqual(["core", "edge-1"]);
    });

    test("an https NBI: its CA travels with the script, and the job trusts it", () => {
      const json = synth({ nbiUrl: "https://nbi.osm.svc:9999/osm", nbiCaCertificatePem: "-----BEGIN CERTIFICATE-----\nNBI\n-----END CERTIFICATE-----\n" });
      const [, cm] = only(json, "kubernetes_config_map_v1");
      expect(cm.data["nbi-ca.crt"]).toContain("NBI");
      const [, job] = only(json, "kubernetes_job_v1");
      expect(job.spec.template.spec.container[0].env).toContainEqual({ name: "NBI_CA_FILE", value: "/opt/mecaas/nbi-ca.crt" });
    });

    test.each<[string, (m: EdgeMano) => void, RegExp]>([
      ["a VIM registered twice", (m) => m.registerVim(coreVim), /VIM account "core" is registered twice/],
      ["a VIM asking for unverified TLS", (m) => m.registerVim({ ...edgeVim, config: { insecure: true } }), /vims\["edge-1"\]\.config\.insecure cannot be set: TLS is always verified; give caCertificatePem instead/],
      ["a VIM without password", (m) => m.registerVim({ ...edgeVim, password: "" }), /vims\["edge-1"\]\.password is required for VIM account "edge-1"/],
      ["a VIM whose auth URL is no URL", (m) => m.registerVim({ ...edgeVim, authUrl: "keystone:5000" }), /vims\["edge-1"\]\.authUrl "keystone:5000" is not a Keystone URL/],
      ["a VIM name OSM cannot take", (m) => m.registerVim({ ...edgeVim, name: "edge 1" }), /vims\["edge 1"\]\.name "edge 1" is not a usable OSM name/],
    ])("refuses %s", (_name, act, message) => {
      const { mano } = build();
      expect(() => act(mano)).toThrow(message);
    });
  });

  describe("registerCluster: a further cluster (e.g. on an edge host of its own)", () => {
    const edgeAccess = { ...access, apiEndpoint: "https://203.0.113.40:6443", clusterCaCertificatePem: "-----BEGIN CERTIFICATE-----\nEDGE CA\n-----END CERTIFICATE-----\n" };

    function withEdgeCluster(options: { vimAccount?: string; registerEdgeVim?: "before" | "after" } = {}) {
      const { stack, mano } = build();
      const edge = new ClusterProviders(stack, "edge-cluster", { access: edgeAccess, alias: "edge1" });
      if (options.registerEdgeVim === "before") mano.registerVim(edgeVim);
      mano.registerCluster(edge, { name: "edge-1-k8s", vimAccount: options.vimAccount ?? "edge-1", kubernetesVersion: "1.30" });
      if (options.registerEdgeVim === "after") mano.registerVim(edgeVim);
      return { stack, mano };
    }

    test("OSM's identity is created in that cluster, through its providers", () => {
      const { stack } = withEdgeCluster({ registerEdgeVim: "before" });
      const json = JSON.parse(Testing.synth(stack, true));
      const edgeSa = Object.values(json.resource.kubernetes_service_account_v1).filter((r: any) => r.provider === "kubernetes.edge1") as any[];
      expect(edgeSa.map((r) => [r.metadata.name, r.metadata.namespace])).toEqual([["osm-k8scluster", "kube-system"]]);
      const edgeCrb = Object.values(json.resource.kubernetes_cluster_role_binding_v1).filter((r: any) => r.provider === "kubernetes.edge1") as any[];
      expect(edgeCrb.map((r) => r.role_ref.name)).toEqual(["cluster-admin"]);
      const edgeToken = Object.values(json.resource.kubernetes_secret_v1).filter((r: any) => r.provider === "kubernetes.edge1") as any[];
      expect(edgeToken.map((r) => r.type)).toEqual(["kubernetes.io/service-account-token"]);
    });

    test("it is registered with its own endpoint, CA and token, on the VIM it names", () => {
      const { mano } = withEdgeCluster({ registerEdgeVim: "before" });
      const clusters = (mano.registrationSpec().k8sclusters as any[]);
      expect(clusters.map((c) => c.name)).toEqual(["core-k8s", "edge-1-k8s"]);
      expect(clusters[1]).toMatchObject({ vimAccount: "edge-1", server: edgeAccess.apiEndpoint, caCertificatePem: edgeAccess.clusterCaCertificatePem, k8sVersion: "1.30" });
      expect(clusters[0].token).toBeUndefined(); // the job's own cluster: the mounted token
      expect(mano.clusterNames).toEqual(["core-k8s", "edge-1-k8s"]);
    });

    test("its token reaches the job through the registration Secret only", () => {
      const { stack } = withEdgeCluster({ registerEdgeVim: "before" });
      const json = JSON.parse(Testing.synth(stack, true));
      const [tokenKey] = Object.entries(json.resource.kubernetes_secret_v1).find(([, r]: [string, any]) => r.provider === "kubernetes.edge1")!;
      const [, registration] = only(json, "kubernetes_secret_v1", "edge-mano_registration_");
      expect(registration.data["registration.json"]).toContain(`"token" = kubernetes_secret_v1.${tokenKey}.data.token`);
      expect(JSON.stringify(json.resource.kubernetes_job_v1)).not.toContain(`kubernetes_secret_v1.${tokenKey}`);
    });

    test("its VIM may be registered after it; a VIM never registered fails at synth", () => {
      expect(() => Testing.synth(withEdgeCluster({ registerEdgeVim: "after" }).stack, true)).not.toThrow();
      expect(() => Testing.synth(withEdgeCluster({ vimAccount: "edge-9" }).stack, true)).toThrow(
        /clusters\["edge-1-k8s"\]\.vimAccount "edge-9" is not a VIM account of this EdgeMano \(core\); register it with registerVim\(\) first/,
      );
    });

    test("refuses a cluster name used twice, and the EdgeMano's own cluster", () => {
      const { stack, mano } = build();
      const edge = new ClusterProviders(stack, "edge-cluster", { access: edgeAccess, alias: "edge1" });
      expect(() => mano.registerCluster(edge, { name: "core-k8s", vimAccount: "core" })).toThrow(/K8s cluster "core-k8s" is registered twice/);
      const own = (mano as any).props.cluster as ClusterProviders;
      expect(() => mano.registerCluster(own, { name: "again", vimAccount: "core" })).toThrow(/is this EdgeMano's own cluster, which is registered already as "core-k8s"/);
    });
  });

  test("every Kubernetes object it creates directly is valid for the cluster's Kubernetes version", () => {
    const objects = manifests(synth({ nbiCaCertificatePem: "-----BEGIN CERTIFICATE-----\nNBI\n-----END CERTIFICATE-----\n" }, (m) => m.registerVim(edgeVim)));
    expect(objects.map((o) => o.kind).sort()).toEqual(["ClusterRoleBinding", "ConfigMap", "Job", "Namespace", "Secret", "Secret", "Secret", "ServiceAccount"]);
    expect(validateManifests(objects)).toEqual([]);
    // The conversion keeps what the schema checks: a misspelt field would be reported.
    expect(validateManifests([{ ...objects.find((o) => o.kind === "Job"), spec: { template: { spec: { containerz: [] } } } }])).not.toEqual([]);
  });
});

// ---- the registration script, run with python3 against a stand-in NBI -----------------------------------------

interface Obj { _id: string; name: string; _admin: { operationalState: string; "detailed-status"?: string }; [k: string]: unknown }
interface StandInNbi {
  url: string;
  password: string;
  collections: { vim_accounts: Obj[]; k8sclusters: Obj[] };
  calls: string[];
  /** A VIM with this name goes to ERROR instead of ENABLED. */
  failingVim?: string;
  close(): Promise<void>;
}

async function startNbi(tls?: { key: string; cert: string }): Promise<StandInNbi> {
  // OSM's NBI starts with the documented initial admin password, which the registration job replaces.
  const nbi: StandInNbi = { url: "", password: OSM_INITIAL_ADMIN_PASSWORD, collections: { vim_accounts: [], k8sclusters: [] }, calls: [], close: async () => undefined };
  const tokens = new Set<string>();
  let seq = 0;
  const gets = new Map<string, number>();
  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : undefined;
    const path = (req.url ?? "").replace(/^\/osm/, "");
    nbi.calls.push(`${req.method} ${path}`);
    const reply = (status: number, json?: unknown) => {
      res.writeHead(status, json === undefined ? {} : { "content-type": "application/json" });
      res.end(json === undefined ? undefined : JSON.stringify(json));
    };
    if (req.method === "GET" && path === "/version") return reply(200, { version: "15.0.0" });
    if (req.method === "POST" && path === "/admin/v1/tokens") {
      if (body.username !== "admin" || body.password !== nbi.password || body.project_id !== "admin") return reply(401, { code: "UNAUTHORIZED" });
      const id = `token-${++seq}`;
      tokens.add(id);
      return reply(200, { id, _id: id, expires: 0 });
    }
    if (!tokens.has((req.headers.authorization ?? "").replace(/^Bearer /, ""))) return reply(401, { code: "UNAUTHORIZED" });
    if (req.method === "PATCH" && path === "/admin/v1/users/admin") {
      nbi.password = body.password;
      return reply(204);
    }
    const m = /^\/admin\/v1\/(vim_accounts|k8sclusters)(?:\/([^/]+))?$/.exec(path);
    if (!m) return reply(404, { code: "NOT_FOUND" });
    const list = nbi.collections[m[1] as "vim_accounts" | "k8sclusters"];
    if (!m[2] && req.method === "GET") return reply(200, list);
    if (!m[2] && req.method === "POST") {
      if (m[1] === "k8sclusters" && !nbi.collections.vim_accounts.some((v) => v._id === body.vim_account)) return reply(422, { detail: "unknown vim_account" });
      const obj: Obj = { ...body, _id: `${m[1]}-${++seq}`, _admin: { operationalState: "PROCESSING" } };
      list.push(obj);
      return reply(202, { id: obj._id });
    }
    const obj = list.find((o) => o._id === m[2]);
    if (!obj) return reply(404, { code: "NOT_FOUND" });
    if (req.method === "PATCH") {
      if (m[1] === "vim_accounts" && "vim_type" in body) return reply(422, { detail: "vim_type cannot be edited" });
      if (m[1] === "k8sclusters" && ("vim_account" in body || "deployment_methods" in body)) return reply(422, { detail: "not editable" });
      Object.assign(obj, body, { _admin: { operationalState: "PROCESSING" } });
      return reply(202);
    }
    if (req.method === "GET") {
      // Operations take a couple of polls to finish, as in OSM.
      const n = (gets.get(obj._id) ?? 0) + 1;
      gets.set(obj._id, n);
      if (n >= 2 && obj._admin.operationalState === "PROCESSING") {
        obj._admin = obj.name === nbi.failingVim
          ? { operationalState: "ERROR", "detailed-status": "Keystone refused the credentials" }
          : { operationalState: "ENABLED" };
        gets.set(obj._id, 0);
      }
      return reply(200, obj);
    }
    return reply(405);
  };
  const server: Server = tls ? createHttpsServer(tls, handler) : createHttpServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  nbi.url = `${tls ? "https://localhost" : "http://127.0.0.1"}:${port}/osm`;
  nbi.close = () => new Promise((resolve) => server.close(() => resolve()));
  return nbi;
}

const SA_TOKEN = `eyJhbGciOiJSUzI1NiJ9.${randomBytes(12).toString("base64url")}.signature`;
const GENERATED_ADMIN_PASSWORD = `admin-${randomBytes(8).toString("hex")}`;

/** Runs the script the ConfigMap ships with the registration document the Secret holds, as the Job would. */
function runRegistration(json: any, nbiUrl: string, env: Record<string, string> = {}, doc?: any): Promise<{ code: number; stdout: string; stderr: string }> {
  const dir = mkdtempSync(join(tmpdir(), "osm-reg-"));
  const [, cm] = only(json, "kubernetes_config_map_v1");
  writeFileSync(join(dir, "osm-register.py"), cm.data["osm-register.py"]);
  writeFileSync(join(dir, "registration.json"), JSON.stringify({ ...(doc ?? registrationDoc(json)), nbiUrl }));
  writeFileSync(join(dir, "token"), SA_TOKEN);
  const [, job] = only(json, "kubernetes_job_v1");
  const jobEnv = Object.fromEntries(job.spec.template.spec.container[0].env.filter((e: any) => e.value !== undefined).map((e: any) => [e.name, e.value]));
  return new Promise((resolve) => {
    execFile("python3", [join(dir, "osm-register.py")], {
      env: {
        PATH: process.env.PATH!,
        ...jobEnv,
        REGISTRATION_FILE: join(dir, "registration.json"),
        SA_TOKEN_FILE: join(dir, "token"),
        ADMIN_PASSWORD: GENERATED_ADMIN_PASSWORD,
        POLL_INTERVAL_SECONDS: "0.05",
        POLL_TIMEOUT_SECONDS: "20",
        ...env,
      },
      timeout: 60_000,
    }, (error, stdout, stderr) => {
      rmSync(dir, { recursive: true, force: true });
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe("EdgeMano's registration job against an NBI", () => {
  let nbi: StandInNbi;
  beforeEach(async () => {
    nbi = await startNbi();
  });
  afterEach(() => nbi.close());

  test("a fresh OSM: replaces the initial admin password, creates the VIMs and the cluster, waits for ENABLED", async () => {
    const json = synth({}, (m) => m.registerVim(edgeVim));
    const run = await runRegistration(json, nbi.url);
    expect([run.code, run.stderr]).toEqual([0, ""]);
    expect(nbi.password).toBe(GENERATED_ADMIN_PASSWORD);
    expect(nbi.collections.vim_accounts.map((v) => [v.name, v.vim_password, v._admin.operationalState])).toEqual([
      ["core", CORE_VIM_PASSWORD, "ENABLED"], ["edge-1", EDGE_VIM_PASSWORD, "ENABLED"],
    ]);
    const [cluster] = nbi.collections.k8sclusters;
    expect(cluster).toMatchObject({ name: "core-k8s", vim_account: nbi.collections.vim_accounts[0]._id, k8s_version: "1.31", namespace: "kube-system", _admin: { operationalState: "ENABLED" } });
    expect(cluster.credentials).toEqual({
      apiVersion: "v1", kind: "Config",
      clusters: [{ name: "core-k8s", cluster: { server: access.apiEndpoint, "certificate-authority-data": Buffer.from(access.clusterCaCertificatePem).toString("base64") } }],
      users: [{ name: "osm", user: { token: SA_TOKEN } }],
      contexts: [{ name: "core-k8s", context: { cluster: "core-k8s", user: "osm" } }],
      "current-context": "core-k8s",
    });
    expect(run.stdout).toContain("registration complete");
    for (const password of [CORE_VIM_PASSWORD, EDGE_VIM_PASSWORD]) expect(run.stdout + run.stderr).not.toContain(password);
  });

  test("idempotent: a second run finds everything by name and updates it, creating nothing twice", async () => {
    const json = synth({}, (m) => m.registerVim(edgeVim));
    await runRegistration(json, nbi.url);
    nbi.calls = [];
    const run = await runRegistration(json, nbi.url);
    expect([run.code, run.stderr]).toEqual([0, ""]);
    expect(nbi.collections.vim_accounts).toHaveLength(2);
    expect(nbi.collections.k8sclusters).toHaveLength(1);
    expect(nbi.calls.filter((c) => c.startsWith("POST /admin/v1/vim_accounts") || c.startsWith("POST /admin/v1/k8sclusters"))).toEqual([]);
    expect(nbi.calls.filter((c) => c.startsWith("PATCH"))).toHaveLength(3);
  });

  test("a further cluster is registered with the token the document carries; the own cluster with the mounted one", async () => {
    const { stack, mano } = build();
    const edge = new ClusterProviders(stack, "edge-cluster", { access: { ...access, apiEndpoint: "https://203.0.113.40:6443" }, alias: "edge1" });
    mano.registerVim(edgeVim);
    mano.registerCluster(edge, { name: "edge-1-k8s", vimAccount: "edge-1" });
    const json = JSON.parse(Testing.synth(stack));
    // The document as Terraform would render it: the edge token reference resolved to a stand-in.
    const doc = JSON.parse(JSON.stringify(mano.registrationSpec()).replace(/\$\{TfToken\[TOKEN\.\d+\]\}/g, "edge-sa-token"));
    const run = await runRegistration(json, nbi.url, {}, doc);
    expect([run.code, run.stderr]).toEqual([0, ""]);
    const byName = Object.fromEntries(nbi.collections.k8sclusters.map((c: any) => [c.name, c]));
    expect(byName["core-k8s"].credentials.users[0].user.token).toBe(SA_TOKEN);
    expect(byName["edge-1-k8s"].credentials.users[0].user.token).toBe("edge-sa-token");
    expect(byName["edge-1-k8s"].credentials.clusters[0].cluster.server).toBe("https://203.0.113.40:6443");
    expect(byName["edge-1-k8s"].vim_account).toBe(nbi.collections.vim_accounts.find((v) => v.name === "edge-1")!._id);
  });

  test("a VIM that OSM cannot use fails the job with OSM's detailed status", async () => {
    nbi.failingVim = "edge-1";
    const run = await runRegistration(synth({}, (m) => m.registerVim(edgeVim)), nbi.url);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("vim_accounts edge-1 is in ERROR: Keystone refused the credentials");
    expect(nbi.collections.k8sclusters).toHaveLength(0);
  });

  test("wrong admin credentials (neither the generated nor the initial password) fail the job", async () => {
    nbi.password = "someone-else-changed-it";
    const run = await runRegistration(synth(), nbi.url);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("OSM refused the admin credentials of user admin");
  });
});

describe("EdgeMano's registration job against an https NBI: TLS is verified", () => {
  let dir: string;
  let nbi: StandInNbi;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "osm-ca-"));
    const ssl = (args: string[]) => {
      const r = spawnSync("openssl", args, { cwd: dir, encoding: "utf8" });
      if (r.status !== 0) throw new Error(r.stderr);
    };
    ssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "1", "-subj", "/CN=osm test CA", "-keyout", "ca.key", "-out", "ca.crt"]);
    ssl(["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj", "/CN=localhost", "-keyout", "nbi.key", "-out", "nbi.csr"]);
    writeFileSync(join(dir, "san.ext"), "subjectAltName=DNS:localhost\n");
    ssl(["x509", "-req", "-in", "nbi.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-days", "1", "-extfile", "san.ext", "-out", "nbi.crt"]);
    nbi = await startNbi({ key: readFileSync(join(dir, "nbi.key"), "utf8"), cert: readFileSync(join(dir, "nbi.crt"), "utf8") });
  });
  afterAll(async () => {
    await nbi.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test("with the NBI's CA (nbiCaCertificatePem), the registration succeeds", async () => {
    const run = await runRegistration(synth(), nbi.url, { NBI_CA_FILE: join(dir, "ca.crt") });
    expect([run.code, run.stderr]).toEqual([0, ""]);
    expect(nbi.collections.k8sclusters).toHaveLength(1);
  });

  test("without it, the certificate is refused before any credential is sent", async () => {
    const calls = nbi.calls.length;
    const run = await runRegistration(synth(), nbi.url);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/CERTIFICATE_VERIFY_FAILED/);
    expect(nbi.calls.length).toBe(calls);
  });
});
