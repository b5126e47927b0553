import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { parse, stringify } from "yaml";
import { EXAMPLES_DIR, synthCatalog } from "../test/synth";

const platform = (catalog: string, csp = "acme") =>
  synthCatalog(join(EXAMPLES_DIR, catalog)).find((s) => s.name === `${csp}-platform`)!.json;

describe("CSP platform stack", () => {
  const json = platform("mec-app.yaml");

  it("configures helm and kubernetes from the infra stack, through the API server readiness check", () => {
    const host = /^\$\{trimsuffix\(data\.http\.api-server-readiness_readyz_[0-9A-F]+\.url, "\/readyz"\)\}$/;
    expect(json.provider.kubernetes[0].host).toMatch(host);
    expect(json.provider.helm[0].kubernetes.host).toMatch(host);
    expect(json.provider.kubernetes[0].client_key).toBe("${local.cluster_client_key_pem}");
    expect(json.locals.cluster_client_key_pem).toMatch(/terraform_remote_state\.cross-stack-reference-input-acme-infra/);
    expect(json.locals.cluster_api_endpoint).toMatch(/terraform_remote_state\.cross-stack-reference-input-acme-infra/);
    const readiness = Object.values(json.data.http)[0] as any;
    expect(readiness.url).toBe("${local.cluster_api_endpoint}/readyz");
    expect(readiness.retry.attempts).toBeGreaterThan(1);
    expect(readiness.lifecycle.postcondition[0].condition).toContain("self.status_code == 200");
  });

  it("hands the CSP its MEP's address and admin credential, the secret as a sensitive output", () => {
    expect(json.output.mep_mp1_url.value).toBe("http://mep.mec-platform.svc:8080");
    expect(json.output.mep_admin_client_secret).toMatchObject({ sensitive: true });
    expect(json.output.mep_admin_client_secret.value).toMatch(/^\$\{random_password\./);
  });

  it("deploys each catalog app after its app instance is registered on the MEP", () => {
    const releases = json.resource.helm_release as Record<string, any>;
    const [registration] = Object.keys(releases).filter((key) => key.includes("registration"));
    const app = Object.entries(releases).find(([key, r]) => r.name === "sample-echo" && !key.includes("registration"))![1];
    expect(app.depends_on).toEqual(expect.arrayContaining([`helm_release.${registration}`]));
    expect(json.output.app_sample_echo_app_instance_id.value).toMatch(/^\$\{random_uuid\./);
  });

  it("lets the MEP call back each catalog app in its own namespace, and nothing else of the cluster", () => {
    const mep = Object.values(json.resource.helm_release as Record<string, any>).find((r) => r.name === "mep");
    expect(JSON.parse(mep.values[0]).callbackAllowlist).toEqual([".sample-echo.svc"]);
    const plain = Object.values(platform("catalog.yaml").resource.helm_release as Record<string, any>).find((r) => r.name === "mep");
    expect(JSON.parse(plain.values[0])).not.toHaveProperty("callbackAllowlist");
  });

  it("tells the MEP the cluster's own pod and service ranges, which it refuses as callback targets", () => {
    const mepValues = (j: any) => JSON.parse(Object.values(j.resource.helm_release as Record<string, any>).find((r) => r.name === "mep").values[0]);
    expect(mepValues(json).clusterCidrs).toEqual(["10.42.0.0/16", "10.43.0.0/16"]);
    const catalog = parse(readFileSync(join(EXAMPLES_DIR, "mec-app.yaml"), "utf8"));
    Object.assign(catalog.csps[0].cluster, { podCidr: "172.20.0.0/16", serviceCidr: "172.21.0.0/16" });
    catalog.csps[0].apps[0].descriptor = join(EXAMPLES_DIR, catalog.csps[0].apps[0].descriptor);
    catalog.csps[0].apps[0].chart = join(EXAMPLES_DIR, catalog.csps[0].apps[0].chart);
    const file = join(mkdtempSync(join(tmpdir(), "mecaas-cidrs-")), "catalog.yaml");
    writeFileSync(file, stringify(catalog));
    const own = synthCatalog(file).find((s) => s.name === "acme-platform")!.json;
    expect(mepValues(own).clusterCidrs).toEqual(["172.20.0.0/16", "172.21.0.0/16"]);
  });

  it("runs MEP replicas on the PostgreSQL the catalog asks for, its URL a sensitive input kept in a Secret, not in the values", () => {
    const catalog = parse(readFileSync(join(EXAMPLES_DIR, "catalog.yaml"), "utf8"));
    catalog.csps[0].mep = { replicas: 2, database: "postgresql" };
    const file = join(mkdtempSync(join(tmpdir(), "mecaas-postgres-")), "catalog.yaml");
    writeFileSync(file, stringify(catalog));
    const own = synthCatalog(file).find((s) => s.name === `${catalog.csps[0].name}-platform`)!.json;
    expect(own.variable.mep_postgres_url).toMatchObject({ type: "string", sensitive: true });
    const secret = Object.values<any>(own.resource.kubernetes_secret_v1).find((s) => s.data?.url !== undefined);
    expect(secret.data.url).toBe("${var.mep_postgres_url}");
    const values = JSON.parse(Object.values<any>(own.resource.helm_release).find((r) => r.name === "mep").values[0]);
    expect(values).toMatchObject({ replicaCount: 2, postgresql: { existingSecret: secret.metadata.name, urlKey: "url" } });
    expect(values).not.toHaveProperty("persistence");
    expect(json.variable?.mep_postgres_url).toBeUndefined();
  });

  it("has no app and no app output when the catalog lists none", () => {
    const plain = platform("catalog.yaml");
    expect(Object.values(plain.resource.helm_release).map((r: any) => r.name)).not.toContain("sample-echo");
    expect(Object.keys(plain.output).filter((k) => k.startsWith("app_"))).toEqual([]);
  });

  it("gives a b2b2c CSP its own Edge MANO, registering every VIM it has nodes on", () => {
    const json = platform("multi-edge.yaml");
    const releases = Object.values(json.resource.helm_release as Record<string, any>).map((r) => r.name);
    expect(releases).toEqual(expect.arrayContaining(["osm", "mep"]));
    const passwords = Object.entries(json.variable as Record<string, any>);
    expect(passwords.map(([name]) => name).sort()).toEqual(["osm_vim_password_core", "osm_vim_password_edge_north"]);
    for (const [, variable] of passwords) expect(variable.sensitive).toBe(true);
    const spec = JSON.stringify(json.resource);
    expect(spec).toContain("https://keystone.edge-north.example.net:5000/v3");
    expect(spec).toContain("https://keystone.core.example.net:5000/v3");
  });

  it("gives a b2b2c CSP whose entry names no engine the mecaas Edge MANO beside its MEP, its Mm1 URL and credential as outputs, the MEP calling back into its apps namespace", () => {
    const catalog = parse(readFileSync(join(EXAMPLES_DIR, "catalog.yaml"), "utf8"));
    catalog.csps[0].edgeMano = { appNamespace: "acme-apps" };
    const file = join(mkdtempSync(join(tmpdir(), "mecaas-engine-")), "catalog.yaml");
    writeFileSync(file, stringify(catalog));
    const own = synthCatalog(file).find((s) => s.name === `${catalog.csps[0].name}-platform`)!.json;
    const releases = Object.values<any>(own.resource.helm_release);
    expect(releases.map((r) => r.name)).toEqual(expect.arrayContaining(["mep", "mecaas"]));
    expect(releases.map((r) => r.name)).not.toContain("osm");
    const mano = releases.find((r) => r.name === "mecaas");
    expect(mano.namespace).toBe("mec-platform");
    expect(JSON.parse(mano.values[0])).toMatchObject({ mep: { url: "http://mep.mec-platform.svc:8080" }, apps: { namespace: "acme-apps" } });
    expect(own.output.edge_mano_mm1_url.value).toBe("http://mecaas.mec-platform.svc:8090");
    expect(own.output.edge_mano_admin_client_secret).toMatchObject({ sensitive: true });
    expect(own.variable).toBeUndefined(); // no OSM VIM passwords
    const mep = releases.find((r) => r.name === "mep");
    expect(JSON.parse(mep.values[0]).callbackAllowlist).toEqual([".acme-apps.svc"]);
  });

  it("leaves the Edge MANO out in b2c mode", () => {
    const json = platform("b2c.yaml", "retail");
    expect(Object.values(json.resource.helm_release).map((r: any) => r.name)).toEqual(["mep", "openstack-integration"]);
    expect(json.variable).toBeUndefined();
  });

  describe("with the cluster's OpenStack integration (the catalog's default when every pool is on the cluster's VIM)", () => {
    const releases = (stack: any) => Object.entries<any>(stack.resource.helm_release);
    const integration = (stack: any) => releases(stack).find(([, r]) => r.name === "openstack-integration")!;

    it("installs the CCM and the Cinder CSI driver first, from the infra stack's cloud.conf, and the MEP's volume on cinder", () => {
      const [key] = integration(json);
      const secret = Object.values<any>(json.resource.kubernetes_secret_v1).find((s) => s.metadata.name === "openstack-cloud-config");
      expect(secret.data["cloud.conf"]).toBe("${local.openstack_cloud_config}");
      expect(json.locals.openstack_cloud_config).toMatch(/terraform_remote_state\.cross-stack-reference-input-acme-infra/);
      const mep = releases(json).find(([, r]) => r.name === "mep")![1];
      expect(mep.depends_on).toContain(`helm_release.${key}`);
      expect(JSON.parse(mep.values[0]).persistence).toEqual({ enabled: true, storageClassName: "cinder" });
    });

    it("leaves it out, and the MEP on the cluster's default class, when the catalog turns it off; mep.storageClass wins", () => {
      const dir = mkdtempSync(join(tmpdir(), "platform-"));
      const catalog = parse(readFileSync(join(EXAMPLES_DIR, "mec-app.yaml"), "utf8"));
      catalog.csps[0].cluster.openstackIntegration = false;
      catalog.csps[0].apps = [];
      writeFileSync(join(dir, "off.yaml"), stringify(catalog));
      const off = synthCatalog(join(dir, "off.yaml")).find((s) => s.name === "acme-platform")!.json;
      expect(releases(off).map(([, r]) => r.name)).toEqual(["mep"]);
      expect(JSON.parse(releases(off)[0][1].values[0]).persistence).toEqual({ enabled: true });
      catalog.csps[0].cluster.openstackIntegration = true;
      catalog.csps[0].mep = { storageClass: "local-path" };
      writeFileSync(join(dir, "local.yaml"), stringify(catalog));
      const local = synthCatalog(join(dir, "local.yaml")).find((s) => s.name === "acme-platform")!.json;
      expect(JSON.parse(releases(local).find(([, r]) => r.name === "mep")![1].values[0]).persistence).toEqual({ enabled: true, storageClassName: "local-path" });
    });
  });
});
