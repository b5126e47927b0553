import "cdktf/lib/testing/adapters/jest"; // types of the matchers Testing.setupJest() installs
import { TerraformStack, Testing } from "./cdk";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { ClusterProviders } from "./cluster-providers";
import { MecPlatformCnf, MecPlatformCnfProps } from "./mec-platform-cnf";
import { projectChartDir } from "./helm-chart-source";
import { findManifest, renderChart, renderChartFailure } from "../test/support/helm";
import { validateManifests } from "../test/support/kubernetes-schema";
import { placeholderAccess } from "../test/support/cluster-credentials";

const access = placeholderAccess;

type Props = Omit<MecPlatformCnfProps, "cluster">;

function build(props: Props = {}): { stack: TerraformStack; mep: MecPlatformCnf } {
  const stack = new TerraformStack(Testing.app(), "csp1-platform");
  const cluster = new ClusterProviders(stack, "cluster", { access });
  const mep = new MecPlatformCnf(stack, "mep", { cluster, ...props });
  return { stack, mep };
}

function synth(props: Props = {}): any {
  return JSON.parse(Testing.synth(build(props).stack));
}

function synthString(props: Props = {}): string {
  return Testing.synth(build(props).stack);
}

/** The helm_release of the MEP and its values as Helm will read them. */
function release(json: any): { release: any; values: any } {
  const releases = Object.values(json.resource.helm_release) as any[];
  expect(releases).toHaveLength(1);
  return { release: releases[0], values: JSON.parse(releases[0].values[0]) };
}

function outputs(json: any): Record<string, any> {
  return json.output;
}

function output(json: any, name: string): any {
  if (!json.output[name]) throw new Error(`no output ${name} among ${Object.keys(json.output).join(", ")}`);
  return json.output[name];
}

describe("MecPlatformCnf", () => {
  describe("what it creates", () => {
    test("a namespace for the MEP, named by the namespace prop, enforcing the restricted Pod Security Standard", () => {
      expect(synthString({ namespace: "csp1-mep" })).toHaveResourceWithProperties(NamespaceV1, {
        metadata: { name: "csp1-mep", labels: { "app.kubernetes.io/part-of": "mecaas", "pod-security.kubernetes.io/enforce": "restricted" } },
      });
    });

    test("no namespace when createNamespace is false", () => {
      expect(synthString({ createNamespace: false })).not.toHaveResource(NamespaceV1);
    });

    test("the admin client secret and the token signing key come from random_password", () => {
      const json = synth();
      const passwords = Object.values(json.resource.random_password) as any[];
      expect(passwords.map((p) => p.length).sort()).toEqual([32, 64]);
      expect(passwords.every((p) => p.special === false)).toBe(true);
    });

    test("an auth Secret with the keys the chart reads, holding the generated values", () => {
      const json = synth();
      const secret = (Object.values(json.resource.kubernetes_secret_v1) as any[])[0];
      expect(secret.metadata.name).toBe("mep-auth");
      expect(secret.metadata.namespace).toBe("mec-platform");
      expect(Object.keys(secret.data).sort()).toEqual(["adminClientId", "adminClientSecret", "tokenSigningKey"]);
      expect(secret.data.adminClientId).toBe("mecaas-admin");
      expect(secret.data.adminClientSecret).toMatch(/^\$\{random_password\.[^.]+\.result\}$/);
      expect(secret.data.tokenSigningKey).toMatch(/^\$\{random_password\.[^.]+\.result\}$/);
      expect(secret.data.adminClientSecret).not.toBe(secret.data.tokenSigningKey);
    });

    test("a helm_release of the local charts/mep chart, copied into the stack as an asset", () => {
      const { release: r } = release(synth());
      expect(r.name).toBe("mep");
      expect(r.namespace).toBe("mec-platform");
      expect(r.chart).toMatch(/^assets\/.+/);
      expect(r.repository).toBeUndefined();
      expect(r.atomic).toBe(true);
      expect(r.wait).toBe(true);
    });

    test("the release points the chart at the generated auth Secret, and no secret sits in the Helm values", () => {
      const json = synth();
      const { release: r, values } = release(json);
      expect(values.auth.existingSecret).toBe("mep-auth");
      expect(r.values[0]).not.toMatch(/random_password/);
      expect(r.set_sensitive).toBeUndefined();
    });

    test("the release waits for its namespace and Secret", () => {
      const json = synth();
      const { release: r } = release(json);
      const ns = Object.keys(json.resource.kubernetes_namespace_v1)[0];
      const secret = Object.keys(json.resource.kubernetes_secret_v1)[0];
      expect(r.depends_on).toEqual(expect.arrayContaining([`kubernetes_namespace_v1.${ns}`, `kubernetes_secret_v1.${secret}`]));
    });

    test("every resource uses the cluster's providers", () => {
      const s = build().stack;
      const json = JSON.parse(Testing.synth(s));
      for (const type of ["helm_release", "kubernetes_secret_v1", "kubernetes_namespace_v1"]) {
        for (const r of Object.values(json.resource[type]) as any[]) {
          expect(r.provider).toBe(type === "helm_release" ? "helm" : "kubernetes");
        }
      }
    });

    test("with an aliased cluster, resources name the aliased providers", () => {
      const stack = new TerraformStack(Testing.app(), "p");
      const cluster = new ClusterProviders(stack, "cluster", { access, alias: "csp9" });
      new MecPlatformCnf(stack, "mep", { cluster });
      const json = JSON.parse(Testing.synth(stack));
      expect((Object.values(json.resource.helm_release)[0] as any).provider).toBe("helm.csp9");
      expect((Object.values(json.resource.kubernetes_secret_v1)[0] as any).provider).toBe("kubernetes.csp9");
    });
  });

  describe("storage", () => {
    test("SQLite on a persistent volume by default", () => {
      const { values } = release(synth({ storageSize: "2Gi", storageClass: "cinder" }));
      expect(values.persistence).toEqual({ enabled: true, size: "2Gi", storageClassName: "cinder" });
      expect(values.postgresql).toBeUndefined();
    });

    test("PostgreSQL: the URL goes to its own Secret, never to the Helm values", () => {
      const url = "postgres://mep:s3cret@db.csp1:5432/mep";
      const json = synth({ postgresUrl: url, replicas: 3 });
      const { release: r, values } = release(json);
      expect(values.postgresql).toEqual({ existingSecret: "mep-database", urlKey: "url" });
      expect(values.persistence).toBeUndefined();
      expect(values.replicaCount).toBe(3);
      expect(r.values[0]).not.toContain("s3cret");
      expect(JSON.stringify(json)).toContain("s3cret"); // in the Secret resource
    });
  });

  describe("outputs", () => {
    test("the in-cluster Mp1 base URL", () => {
      const { mep } = build({ namespace: "csp1-mep" });
      expect(mep.mp1Url).toBe("http://mep.csp1-mep.svc:8080");
      expect(output(synth({ namespace: "csp1-mep" }), "mep_mp1_url").value).toBe("http://mep.csp1-mep.svc:8080");
    });

    test("the admin client secret is a sensitive output; the client id is not secret", () => {
      const json = synth();
      expect(output(json, "mep_admin_client_secret").sensitive).toBe(true);
      expect(output(json, "mep_admin_client_secret").value).toMatch(/^\$\{random_password\./);
      expect(output(json, "mep_admin_client_id").value).toBe("mecaas-admin");
    });

    test("no external URL while Mp1 stays inside the cluster (ClusterIP)", () => {
      expect(Object.keys(outputs(synth())).sort()).toEqual(["mep_admin_client_id", "mep_admin_client_secret", "mep_mp1_url"]);
    });

    test("an Ingress with TLS gives an https external URL", () => {
      const json = synth({ ingressHost: "mep.csp1.example.net", ingressTlsSecretName: "mep-tls" });
      expect(output(json, "mep_mp1_external_url").value).toBe("https://mep.csp1.example.net");
    });

    test("a LoadBalancer's external URL is read back from the Service once the release is up", () => {
      const json = synth({ serviceType: "LoadBalancer" });
      const ds = Object.entries(json.data.kubernetes_service_v1)[0] as [string, any];
      expect(ds[1].metadata).toEqual({ name: "mep", namespace: "mec-platform" });
      expect(ds[1].depends_on).toEqual([expect.stringMatching(/^helm_release\./)]);
      expect(output(json, "mep_mp1_external_url").value).toContain(`data.kubernetes_service_v1.${ds[0]}.status[0].load_balancer[0].ingress[0].ip`);
    });

    test("a NodePort with a fixed port and the nodes' address gives the external URL directly", () => {
      const json = synth({ serviceType: "NodePort", nodePort: 30080, nodeAddress: "203.0.113.5" });
      expect(output(json, "mep_mp1_external_url").value).toBe("http://203.0.113.5:30080");
      expect(release(json).values.service).toEqual({ type: "NodePort", port: 8080, nodePort: 30080 });
    });
  });

  describe("refuses bad input at synth, naming the construct, the field and the fix", () => {
    test.each<[string, Props, RegExp]>([
      ["a namespace that is no Kubernetes name", { namespace: "MEP_ns" }, /^csp1-platform\/mep: namespace "MEP_ns" is not a valid Kubernetes name/],
      ["several replicas on SQLite", { replicas: 2 }, /replicas 2 needs postgresUrl/],
      ["zero replicas", { replicas: 0 }, /replicas 0 must be a whole number of at least 1/],
      ["a node port outside the range", { serviceType: "NodePort", nodePort: 80 }, /nodePort 80 is outside the NodePort range 30000-32767/],
      ["a node port without a NodePort service", { nodePort: 30080 }, /nodePort 30080 is set but serviceType is "ClusterIP"/],
      ["an unknown service type", { serviceType: "External" as any }, /serviceType "External" is not one of ClusterIP, NodePort, LoadBalancer/],
      ["a database URL of another kind", { postgresUrl: "mysql://u:p@h/db" }, /postgresUrl is not a PostgreSQL URL/],
      ["SQLite volume settings with PostgreSQL", { postgresUrl: "postgres://u:p@h/db", storageSize: "1Gi" }, /storageSize\/storageClass configure the SQLite volume/],
      ["an ingress class without an ingress host", { ingressClassName: "nginx" }, /ingressClassName "nginx" is set without ingressHost/],
      ["a repository chart without a version", { chartRepository: "oci://registry.example.org/charts" }, /chartVersion is required with chartRepository/],
      ["a callback allowlist entry given as a URL", { callbackAllowlist: ["https://apps.example.net/cb"] }, /callbackAllowlist\[0\] "https:\/\/apps.example.net\/cb" is not an IP address, CIDR or host name/],
      ["an admin client id HTTP Basic cannot carry", { adminClientId: "admin:root" }, /adminClientId "admin:root" may hold only letters, digits/],
      ["a chart path that is no chart", { chartPath: "/nonexistent" }, /chartPath "\/nonexistent" is not a Helm chart/],
    ])("%s", (_name, props, message) => {
      expect(() => build(props)).toThrow(message);
    });

    test("the PostgreSQL URL (with its password) never appears in an error", () => {
      expect(() => build({ postgresUrl: "mysql://u:topsecret@h/db" })).toThrow(/^(?!.*topsecret)/s);
    });
  });

  describe("the values it passes render with the real charts/mep and validate against Kubernetes schemas", () => {
    const cases: [string, Props][] = [
      ["defaults (ClusterIP, SQLite)", {}],
      ["NodePort", { serviceType: "NodePort", nodePort: 30080, nodeAddress: "203.0.113.5" }],
      ["LoadBalancer", { serviceType: "LoadBalancer" }],
      ["Ingress with TLS", { ingressHost: "mep.csp1.example.net", ingressClassName: "nginx", ingressTlsSecretName: "mep-tls" }],
      ["PostgreSQL with 3 replicas", { postgresUrl: "postgres://u:p@db:5432/mep", replicas: 3 }],
      ["pinned image", { imageRepository: "registry.example.org/mecaas/mep", imageTag: "1.2.3", imagePullPolicy: "Always" }],
      ["HTTPS served by the MEP, callback allowlist, extra values", {
        tlsSecretName: "mep-serving-tls",
        callbackAllowlist: ["10.42.0.0/16", "apps.csp1.example.net"],
        extraValues: { resources: { limits: { memory: "512Mi" } }, podAnnotations: { "example.org/team": "edge" } },
      }],
    ];
    test.each(cases)("%s", (_name, props) => {
      const json = synth(props);
      const { release: r, values } = release(json);
      const manifests = renderChart(projectChartDir("mep"), values, { releaseName: r.name, namespace: r.namespace });
      expect(validateManifests(manifests)).toEqual([]);
      const svc = findManifest(manifests, "Service", "mep");
      expect(svc.spec.type).toBe(props.serviceType ?? "ClusterIP");
      expect(svc.spec.ports.map((p: any) => p.port)).toContain(8080);
      // The chart reads the auth Secret this construct created.
      const deployment = manifests.find((m) => m.kind === "Deployment" || m.kind === "StatefulSet")!;
      expect(JSON.stringify(deployment)).toContain('"mep-auth"');
      if (props.postgresUrl) expect(JSON.stringify(deployment)).toContain('"mep-database"');
      if (props.imageTag) expect(JSON.stringify(deployment)).toContain("registry.example.org/mecaas/mep:1.2.3");
      if (props.ingressHost) expect(findManifest(manifests, "Ingress").spec.rules[0].host).toBe(props.ingressHost);
    });
  });

  test("the chart's values schema is strict, so a misspelt value name in this construct would fail the tests above", () => {
    const { values } = release(synth());
    const failure = renderChartFailure(projectChartDir("mep"), { ...values, persistence: { storageClass: "cinder" } });
    expect(failure).toMatch(/storageClass/);
  });
});

describe("MecPlatformCnf's image", () => {
  const warnings = (props: Partial<MecPlatformCnfProps>) => {
    const stack = new TerraformStack(Testing.app(), "platform");
    const cluster = new ClusterProviders(stack, "cluster", { access });
    const mep = new MecPlatformCnf(stack, "mep", { cluster, ...props });
    return mep.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => m.data as string);
  };

  test("warns at synth that the default mecaas/mep is in no registry, saying how to provide it", () => {
    expect(warnings({})).toEqual([expect.stringMatching(
      /^platform\/mep: imageRepository is not set, so the chart's default image docker\.io\/mecaas\/mep would be pulled, and no public registry has it\. Build it \(bash images\/build\.sh mep OUTDIR writes OUTDIR\/mep\.oci\.tar\), then push it .* set imageRepository "REGISTRY\/mecaas\/mep" .* or import it on every node \(ctr -n k8s\.io images import\) and set imageRepository "mecaas\/mep" to say so\.$/,
    )]);
  });

  test("says nothing once imageRepository says where the image comes from", () => {
    expect(warnings({ imageRepository: "registry.example.net/mecaas/mep" })).toEqual([]);
    expect(warnings({ imageRepository: "mecaas/mep" })).toEqual([]);
  });
});
