import "cdktf/lib/testing/adapters/jest"; // types of the matchers Testing.setupJest() installs
import { TerraformStack, Testing } from "./cdk";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { Password } from "@cdktf/provider-random/lib/password";
import { Uuid } from "@cdktf/provider-random/lib/uuid";
import { join } from "path";
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { ClusterProviders } from "./cluster-providers";
import { MecPlatformCnf } from "./mec-platform-cnf";
import { MecAppCnf, MecAppCnfProps } from "./mec-app-cnf";
import { loadAppDescriptor } from "./app-descriptor";
import { projectChartDir } from "./helm-chart-source";
import { findManifest, renderChart } from "../test/support/helm";
import { validateManifests } from "../test/support/kubernetes-schema";
import { placeholderAccess } from "../test/support/cluster-credentials";

const access = placeholderAccess;
const appD = loadAppDescriptor(join(__dirname, "testdata", "video-analytics.appd.yaml"));
const SAMPLE_CHART = projectChartDir("mec-app-sample");

type Props = Omit<MecAppCnfProps, "mep">;
const defaults: Props = { appDescriptor: appD, chartPath: SAMPLE_CHART };

function build(props: Partial<Props> = {}): { stack: TerraformStack; app: MecAppCnf; mep: MecPlatformCnf } {
  const stack = new TerraformStack(Testing.app(), "csp1-platform");
  const cluster = new ClusterProviders(stack, "cluster", { access });
  const mep = new MecPlatformCnf(stack, "mep", { cluster, namespace: "mec-platform" });
  const app = new MecAppCnf(stack, "video", { mep, ...defaults, ...props });
  return { stack, app, mep };
}

function synth(props: Partial<Props> = {}): any {
  return JSON.parse(Testing.synth(build(props).stack));
}

/** The helm_release resources: the MEP's, the app instance's registration and the app's (by construct path). */
function releases(json: any): { mep: any; registration: any; app: any } {
  const all = Object.entries(json.resource.helm_release).map(([key, r]: [string, any]) => ({ ...r, key }));
  const one = (prefix: string) => {
    const found = all.filter((r) => r.key.startsWith(prefix));
    expect(found).toHaveLength(1);
    return found[0];
  };
  return { mep: one("mep_release"), registration: one("video_registration"), app: one("video_release") };
}

/** The values Helm will see: the values document plus `set`/`set_sensitive`, with stand-ins for apply-time values. */
function effectiveValues(release: any, applyTime: Record<string, string>): any {
  const values = JSON.parse(release.values[0]);
  for (const s of [...(release.set ?? []), ...(release.set_sensitive ?? [])]) {
    const value = applyTime[s.value] ?? s.value;
    const path = s.name.split(".");
    let node = values;
    for (const k of path.slice(0, -1)) node = node[k] ??= {};
    node[path[path.length - 1]] = value;
  }
  return values;
}

const INSTANCE_ID = "3d7c1f0e-5b2a-4c8d-9e6f-1a2b3c4d5e6f";
const CLIENT_SECRET = "Zq8xY2vB7nM4kL1pR6tW9sD3fG5hJ0aC";

function applyTimeStandIns(json: any): Record<string, string> {
  const uuid = Object.keys(json.resource.random_uuid)[0];
  const password = Object.keys(json.resource.random_password).find((k) => k.startsWith("video_client-secret"))!;
  return { [`\${random_uuid.${uuid}.result}`]: INSTANCE_ID, [`\${random_password.${password}.result}`]: CLIENT_SECRET };
}

describe("MecAppCnf", () => {
  describe("the app instance's identity", () => {
    test("a random_uuid app instance id and a random_password client secret", () => {
      const s = Testing.synth(build().stack);
      expect(s).toHaveResource(Uuid);
      expect(s).toHaveResourceWithProperties(Password, { length: 32, special: false });
    });

    test("a Secret in the app's namespace with the keys the sample app reads: appInstanceId, clientSecret, mepUrl", () => {
      const json = synth();
      const secret = (Object.values(json.resource.kubernetes_secret_v1) as any[]).find((s) => s.metadata.name === "video-analytics-mec-identity");
      expect(secret.metadata.namespace).toBe("video-analytics");
      expect(secret.data).toEqual({
        appInstanceId: expect.stringMatching(/^\$\{random_uuid\.[^.]+\.result\}$/),
        clientSecret: expect.stringMatching(/^\$\{random_password\.[^.]+\.result\}$/),
        mepUrl: "http://mep.mec-platform.svc:8080",
      });
    });

    test("the app instance id is an output (not secret); the client secret is never an output", () => {
      const json = synth();
      expect(json.output.video_app_instance_id.value).toMatch(/^\$\{random_uuid\./);
      for (const o of Object.values(json.output) as any[]) {
        if (!o.sensitive) expect(o.value).not.toMatch(/random_password\.video/);
      }
    });
  });

  describe("what it creates", () => {
    test("one namespace per app by default, named after the app", () => {
      expect(Testing.synth(build().stack)).toHaveResourceWithProperties(NamespaceV1, {
        metadata: { name: "video-analytics", labels: { "app.kubernetes.io/part-of": "mecaas", "mecaas.io/mec-app": "video-analytics" } },
      });
    });

    test("no namespace of its own when sharing one", () => {
      const json = synth({ namespace: "apps", createNamespace: false });
      const names = (Object.values(json.resource.kubernetes_namespace_v1) as any[]).map((n) => n.metadata.name);
      expect(names).toEqual(["mec-platform"]);
    });

    test("a registration release of charts/mec-app-instance in the MEP's namespace, id and secret passed by set/set_sensitive", () => {
      const { registration } = releases(synth());
      expect(registration.name).toBe("video-analytics");
      expect(registration.namespace).toBe("mec-platform");
      expect(registration.chart).toMatch(/^assets\//);
      expect(registration.set).toEqual([{ name: "appInstance.id", value: expect.stringMatching(/^\$\{random_uuid\./), type: "string" }]);
      expect(registration.set_sensitive).toEqual([
        { name: "appInstance.clientSecret", value: expect.stringMatching(/^\$\{random_password\./), type: "string" },
      ]);
      expect(registration.values[0]).not.toMatch(/random_password/);
    });

    test("the registration carries the AppD's required services and rules, converted to MEC 011", () => {
      const { app } = build();
      const instance = (app.registrationValues as any).appInstance;
      expect(instance.requiredServices).toEqual(["RNIS"]);
      expect(instance.appDnsRule.map((r: any) => r.dnsRuleId)).toEqual(["video-local"]);
      expect(instance.appTrafficRule.map((r: any) => r.trafficRuleId)).toEqual(["cameras-to-app", "tap-gtp", "block-telnet"]);
      expect(instance.appTrafficRule.every((r: any) => r.state === "ACTIVE")).toBe(true);
      expect((app.registrationValues as any).mep).toEqual({
        url: "http://mep.mec-platform.svc:8080",
        adminSecret: { name: "mep-auth", clientIdKey: "adminClientId", clientSecretKey: "adminClientSecret" },
      });
    });

    test("the app's release in its namespace, the identity Secret named at identity.existingSecret", () => {
      const json = synth({ values: { consumedServices: ["RNIS"] } });
      const { app } = releases(json);
      expect([app.name, app.namespace]).toEqual(["video-analytics", "video-analytics"]);
      expect(JSON.parse(app.values[0])).toEqual({ consumedServices: ["RNIS"], identity: { existingSecret: "video-analytics-mec-identity" } });
    });

    test("a different value path for charts that name the Secret elsewhere", () => {
      const { app } = build({ identitySecretValue: "mec.credentialsSecret", values: { mec: { enabled: true } } });
      expect(app.appValues).toEqual({ mec: { enabled: true, credentialsSecret: "video-analytics-mec-identity" } });
    });

    test("a chart from a repository, pinned", () => {
      const json = synth({ chartPath: undefined, chartRepository: "oci://registry.example.org/apps", chartName: "video", chartVersion: "1.4.0" });
      const { app } = releases(json);
      expect([app.name, app.namespace]).toEqual(["video-analytics", "video-analytics"]);
      expect([app.repository, app.chart, app.version]).toEqual(["oci://registry.example.org/apps", "video", "1.4.0"]);
    });

    test("every resource goes to the MEP's cluster", () => {
      const stack = new TerraformStack(Testing.app(), "p");
      const cluster = new ClusterProviders(stack, "csp7", { access, alias: "csp7" });
      const mep = new MecPlatformCnf(stack, "mep", { cluster });
      new MecAppCnf(stack, "video", { mep, ...defaults });
      const json = JSON.parse(Testing.synth(stack));
      for (const r of Object.values(json.resource.helm_release) as any[]) expect(r.provider).toBe("helm.csp7");
      for (const r of Object.values(json.resource.kubernetes_secret_v1) as any[]) expect(r.provider).toBe("kubernetes.csp7");
    });
  });

  describe("order: created in the order the app needs, removed in reverse", () => {
    test("the registration waits for the MEP release; the app waits for its registration and identity Secret", () => {
      const json = synth();
      const { mep, registration, app } = releases(json);
      expect(registration.depends_on).toEqual([`helm_release.${mep.key}`]);
      const identity = Object.entries(json.resource.kubernetes_secret_v1).find(([, s]: [string, any]) => s.metadata.name.endsWith("mec-identity"))![0];
      expect(app.depends_on).toEqual(expect.arrayContaining([`helm_release.${registration.key}`, `kubernetes_secret_v1.${identity}`]));
    });
  });

  describe("refuses bad input at synth", () => {
    test.each<[string, Partial<Props>, RegExp]>([
      ["an invalid AppD, listing its problems", { appDescriptor: { ...appD, appTrafficRule: [{ ...appD.appTrafficRule![0], priority: 999 }] } }, /^csp1-platform\/video: invalid app descriptor[\s\S]*appTrafficRule\[0\]\.priority 999/],
      ["an app name with no usable release name", { appDescriptor: { ...appD, appName: "★★★" } }, /appDescriptor\.appName "★★★" gives no usable release name \(""\); set releaseName/],
      ["a namespace that is no Kubernetes name", { namespace: "Apps" }, /namespace "Apps" is not a valid Kubernetes name/],
      ["no chart at all", { chartPath: undefined }, /no chart given; set chartPath/],
      ["a repository chart without its name", { chartPath: undefined, chartRepository: "https://charts.example.org", chartVersion: "1.0.0" }, /chartName is required with chartRepository/],
      ["a path and a repository both", { chartRepository: "https://charts.example.org", chartName: "x", chartVersion: "1" }, /chartPath ".*" and chartRepository "https:\/\/charts\.example\.org" are both set/],
      ["a registration release name that would be too long", { namespace: "a".repeat(40), releaseName: "b".repeat(20) }, /registrationReleaseName "a{40}-b{20}" is not a valid Helm release name/],
      ["values that name the identity Secret themselves", { values: { identity: { existingSecret: "mine" } } }, /values\.identity\.existingSecret is set, but MecAppCnf sets it to its identity Secret \("video-analytics-mec-identity"\)/],
      ["a value path that is no path", { identitySecretValue: "identity..secret" }, /identitySecretValue "identity\.\.secret" is not a dotted Helm value path/],
    ])("%s", (_name, props, message) => {
      expect(() => build(props)).toThrow(message);
    });
  });

  describe("the values it passes render with the real charts and validate against Kubernetes schemas", () => {
    test("charts/mec-app-instance: Secret with the full request body, scripts, and the two hook jobs", () => {
      const json = synth();
      const { registration } = releases(json);
      const values = effectiveValues(registration, applyTimeStandIns(json));
      const manifests = renderChart(projectChartDir("mec-app-instance"), values, { releaseName: registration.name, namespace: registration.namespace });
      expect(validateManifests(manifests)).toEqual([]);
      const body = JSON.parse(Buffer.from(findManifest(manifests, "Secret").data["body.json"], "base64").toString());
      expect(body).toEqual({
        appName: "Video Analytics",
        appProvider: "ACME Edge",
        appDId: appD.appDId,
        clientSecret: CLIENT_SECRET,
        requiredServices: ["RNIS"],
        appDnsRule: expect.any(Array),
        appTrafficRule: expect.any(Array),
      });
      const register = findManifest(manifests, "Job", "video-analytics-register");
      expect((register.metadata.annotations as any)["helm.sh/hook"]).toBe("post-install,post-upgrade");
      expect((findManifest(manifests, "Job", "video-analytics-deregister").metadata.annotations as any)["helm.sh/hook"]).toBe("pre-delete");
      const env = register.spec.template.spec.containers[0].env;
      expect(env).toEqual(expect.arrayContaining([
        { name: "MEP_URL", value: "http://mep.mec-platform.svc:8080" },
        { name: "APP_INSTANCE_ID", value: INSTANCE_ID },
        { name: "ADMIN_CLIENT_SECRET", valueFrom: { secretKeyRef: { name: "mep-auth", key: "adminClientSecret" } } },
      ]));
    });

    test("charts/mec-app-sample: the app reads the identity Secret MecAppCnf created", () => {
      const json = synth({ values: { consumedServices: ["RNIS"], nodeSelector: { "mecaas.io/pool": "edge-1" } } });
      const { app } = releases(json);
      expect([app.name, app.namespace]).toEqual(["video-analytics", "video-analytics"]);
      const manifests = renderChart(SAMPLE_CHART, JSON.parse(app.values[0]), { releaseName: app.name, namespace: app.namespace });
      expect(validateManifests(manifests)).toEqual([]);
      const deployment = findManifest(manifests, "Deployment");
      const refs = deployment.spec.template.spec.containers[0].env.filter((e: any) => e.valueFrom?.secretKeyRef).map((e: any) => e.valueFrom.secretKeyRef);
      expect(refs).toEqual(expect.arrayContaining([
        { name: "video-analytics-mec-identity", key: "appInstanceId" },
        { name: "video-analytics-mec-identity", key: "clientSecret" },
        { name: "video-analytics-mec-identity", key: "mepUrl" },
      ]));
      // Every key the chart reads exists in the Secret MecAppCnf writes.
      const secret = (Object.values(json.resource.kubernetes_secret_v1) as any[]).find((s) => s.metadata.name === "video-analytics-mec-identity");
      for (const ref of refs) expect(Object.keys(secret.data)).toContain(ref.key);
    });
  });
});

describe("MecAppCnf of the project's sample app chart", () => {
  const warnings = (props: Partial<Props>) => build(props).app.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => m.data as string);

  test("warns at synth that its default image mecaas/mec-app-sample is in no registry, saying how to provide it", () => {
    expect(warnings({})).toEqual([expect.stringMatching(
      /^csp1-platform\/video: values\.image\.repository is not set, so the chart's default image docker\.io\/mecaas\/mec-app-sample would be pulled, and no public registry has it\. Build it \(bash images\/build\.sh mec-app-sample OUTDIR/,
    )]);
  });

  test("says nothing when the values name the image, or for a chart of one's own", () => {
    expect(warnings({ values: { image: { repository: "registry.example.net/mecaas/mec-app-sample" } } })).toEqual([]);
    const own = mkdtempSync(join(tmpdir(), "own-chart-"));
    writeFileSync(join(own, "Chart.yaml"), "apiVersion: v2\nname: own\nversion: 1.0.0\n");
    writeFileSync(join(own, "values.yaml"), "image:\n  repository: registry.example.net/acme/video\n");
    expect(warnings({ chartPath: own })).toEqual([]);
  });
});
