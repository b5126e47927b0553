import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { DEFAULT_QUOTA, cspDomainOf, edgeManoEngineOf, identityVimOf, loadCatalog, openstackIntegrationOf, quotaOf, validateCatalog, vimsOf } from "./catalog";
import { InputError } from "../lib";

const valid = () => ({
  vims: {
    core: { cloud: "nsp-core", authUrl: "https://keystone.core.example.net/v3", externalNetwork: "public" },
    edge: { cloud: "nsp-edge", externalNetwork: "public" },
  },
  sharedNetworks: [{ name: "ran", vim: "edge", network: "ran-access" }],
  csps: [
    {
      name: "acme",
      mode: "b2b2c",
      cluster: { vim: "core", workerPools: { main: { size: 2, flavor: "m1.large" } }, apiAllowedCidrs: ["198.51.100.0/24"] },
      edgeMano: { engine: "osm", chartRepository: "oci://registry.example.net/osm", chartVersion: "17.0.0" },
    },
    {
      name: "globex",
      mode: "b2c",
      cluster: { vim: "core", controllerSchedulable: true, apiAllowedCidrs: ["198.51.100.0/24"] },
    },
  ],
});

function problemsOf(mutate: (c: any) => void): string {
  const catalog = valid();
  mutate(catalog);
  try {
    validateCatalog(catalog);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error("the catalog was accepted");
}

describe("CSP catalog", () => {
  it("accepts a well-formed catalog", () => {
    expect(validateCatalog(valid()).csps.map((c) => c.name)).toEqual(["acme", "globex"]);
  });

  it("gives a b2b2c CSP the mecaas Edge MANO unless its entry says osm; b2c none; mecaas needs no Keystone URL (it registers no VIM)", () => {
    const catalog: any = valid();
    delete catalog.csps[0].edgeMano;
    delete catalog.vims.core.authUrl;
    const [acme, globex] = validateCatalog(catalog).csps;
    expect([edgeManoEngineOf(acme), edgeManoEngineOf(globex)]).toEqual(["mecaas", undefined]);
    expect(edgeManoEngineOf(validateCatalog(valid()).csps[0])).toBe("osm");
    const own: any = valid();
    own.csps[0].edgeMano = { appNamespace: "acme-apps", imageRepository: "registry.example.net/mecaas/mano" };
    expect(validateCatalog(own).csps[0].edgeMano).toEqual({ appNamespace: "acme-apps", imageRepository: "registry.example.net/mecaas/mano" });
  });

  it("takes a cluster of 3 or 5 servers", () => {
    for (const controllers of [3, 5]) {
      const catalog = valid();
      Object.assign(catalog.csps[0].cluster, { controllers });
      expect(validateCatalog(catalog).csps[0].cluster.controllers).toBe(controllers);
    }
  });

  it.each<[string, (c: any) => void, RegExp]>([
    ["a negative pool size", (c) => { c.csps[0].cluster.workerPools.main.size = -1; }, /csps\[0\] \(acme\)\.cluster\.workerPools\.main\.size: must be >= 0/],
    ["an unknown field", (c) => { c.csps[1].clustr = {}; }, /csps\[1\] \(globex\): unknown field "clustr"/],
    ["a missing cluster", (c) => { delete c.csps[1].cluster; }, /csps\[1\] \(globex\): missing required field "cluster"/],
    ["a bad mode", (c) => { c.csps[0].mode = "b2b"; }, /csps\[0\] \(acme\)\.mode: must be one of b2b2c, b2c/],
    ["an even server count", (c) => { c.csps[0].cluster.controllers = 2; }, /csps\[0\] \(acme\)\.cluster\.controllers: must be one of 1, 3, 5/],
    ["an unknown API load balancer", (c) => { c.csps[0].cluster.apiLoadBalancer = "haproxy"; }, /csps\[0\] \(acme\)\.cluster\.apiLoadBalancer: must be one of keepalived, octavia/],
    ["a CSP name that is no DNS label", (c) => { c.csps[0].name = "Acme Corp"; }, /csps\[0\] \(Acme Corp\)\.name: must be a lower-case DNS label/],
    ["a duplicate CSP name", (c) => { c.csps[1].name = "acme"; }, /csps\[1\] \(acme\)\.name: "acme" is used by another CSP/],
    ["a name that another CSP's deploy selector would catch", (c) => { c.csps[1].name = "acme-east"; }, /csps\[1\] \(acme-east\)\.name: "acme-east" starts with "acme-", so `cdktf deploy 'acme-\*'` would select both/],
    ["a b2b2c CSP on a VIM without a Keystone URL", (c) => { delete c.vims.core.authUrl; }, /csps\[0\] \(acme\): vims\.core\.authUrl is required: acme's Edge MANO registers VIM core/],
    ["a Keystone URL that is no URL", (c) => { c.vims.core.authUrl = "keystone:5000"; }, /vims\.core\.authUrl: must be an http\(s\) URL/],
    ["the reserved name nsp", (c) => { c.csps[1].name = "nsp"; }, /"nsp" is reserved/],
    ["a cluster on an unknown VIM", (c) => { c.csps[0].cluster.vim = "mars"; }, /csps\[0\] \(acme\)\.cluster\.vim: "mars" is not in vims \(core, edge\)/],
    ["a pool on an unknown VIM", (c) => { c.csps[0].cluster.workerPools.main.vim = "mars"; }, /cluster\.workerPools\.main\.vim: "mars" is not in vims/],
    ["an unknown shared network", (c) => { c.csps[0].sharedNetworks = ["wifi"]; }, /csps\[0\] \(acme\)\.sharedNetworks: "wifi" is not in sharedNetworks/],
    ["a shared network where the CSP has no nodes", (c) => { c.csps[0].sharedNetworks = ["ran"]; }, /"ran" is on VIM edge, where acme has no nodes/],
    ["an OSM Edge MANO without its chart", (c) => { delete c.csps[0].edgeMano.chartRepository; }, /csps\[0\] \(acme\)\.edgeMano\.chartRepository: required with engine osm/],
    ["OSM's chart for the mecaas engine", (c) => { delete c.csps[0].edgeMano.engine; }, /csps\[0\] \(acme\)\.edgeMano\.chartRepository: is for engine osm \(the mecaas engine's chart ships with mecaas\)/],
    ["a mecaas field for OSM", (c) => { c.csps[0].edgeMano.appNamespace = "apps"; }, /csps\[0\] \(acme\)\.edgeMano\.appNamespace: is for engine mecaas/],
    ["an unknown engine", (c) => { c.csps[0].edgeMano.engine = "onap"; }, /csps\[0\] \(acme\)\.edgeMano\.engine: must be one of mecaas, osm/],
    ["b2c with an Edge MANO", (c) => { c.csps[1].edgeMano = c.csps[0].edgeMano; }, /csps\[1\] \(globex\)\.edgeMano: b2c mode has no Edge MANO/],
    ["no API CIDR", (c) => { c.csps[0].cluster.apiAllowedCidrs = []; }, /cluster\.apiAllowedCidrs: must NOT have fewer than 1 items/],
    ["a pool on another VIM in a single-site cluster", (c) => { c.csps[0].cluster.workerPools.far = { size: 1, flavor: "m1", vim: "edge" }; },
      /csps\[0\] \(acme\)\.cluster\.workerPools\.far\.vim: pool on edge VIM edge \(not the cluster's core\) needs multiSite: true \(cluster\.multiSite: a WireGuard overlay between public node addresses\); set it when the cluster is created — nodes keep the overlay they booted with/],
    ["a multiSite that is no boolean", (c) => { c.csps[0].cluster.multiSite = "yes"; }, /csps\[0\] \(acme\)\.cluster\.multiSite: must be boolean/],
    ["a VIM sharing its own identity service", (c) => { c.vims.edge.identityOf = "edge"; },
      /vims\.edge\.identityOf: "edge" is this VIM itself; name the VIM whose Keystone serves edge, or remove identityOf/],
    ["a VIM sharing an unknown VIM's identity service", (c) => { c.vims.edge.identityOf = "mars"; }, /vims\.edge\.identityOf: "mars" is not in vims \(core, edge\)/],
    ["a VIM sharing the identity service of a VIM that shares another's", (c) => {
      c.vims.core.identityOf = "far"; c.vims.far = { cloud: "nsp-far", externalNetwork: "public" }; c.vims.edge.identityOf = "core";
    }, /vims\.edge\.identityOf: "core" shares the identity service of "far" itself; name "far" instead/],
    ["a domain on a VIM whose projects live in another's Keystone", (c) => { c.vims.edge.identityOf = "core"; c.vims.edge.domain = "d1"; },
      /vims\.edge\.domain: edge's projects and groups live in the Keystone of core; set domain on vims\.core instead/],
    ["an empty domain", (c) => { c.vims.core.domain = ""; }, /vims\.core\.domain: must NOT have fewer than 1 characters/],
    ["a k3s mirror that is no URL", (c) => { c.csps[0].cluster.k3sDownloadUrl = "mirror.local/k3s"; }, /csps\[0\] \(acme\)\.cluster\.k3sDownloadUrl: must be an http\(s\) URL/],
    ["a k3s checksum that is no SHA-256", (c) => { c.csps[0].cluster.k3sSha256 = "ABC"; }, /csps\[0\] \(acme\)\.cluster\.k3sSha256: must be a SHA-256 in lower-case hex/],
    ["MEP replicas on SQLite", (c) => { c.csps[0].mep = { replicas: 2 }; },
      /csps\[0\] \(acme\)\.mep\.replicas: 2 replicas need database: postgresql \(SQLite is one file only one replica may write\)/],
    ["an unknown MEP database", (c) => { c.csps[0].mep = { database: "mysql" }; }, /csps\[0\] \(acme\)\.mep\.database: must be one of sqlite, postgresql/],
    ["an unknown quota field", (c) => { c.csps[0].quota = { gpus: 2 }; }, /csps\[0\] \(acme\)\.quota: unknown field "gpus"/],
  ])("refuses %s, naming the CSP and the field", (_case, mutate, message) => {
    expect(problemsOf(mutate)).toMatch(message);
  });

  it("takes pools on other VIMs in a cluster built multi-site", () => {
    const catalog = valid();
    Object.assign(catalog.vims.edge, { authUrl: "https://keystone.edge.example.net/v3" });
    Object.assign(catalog.csps[0].cluster, { multiSite: true, workerPools: { main: { size: 1, flavor: "m1" }, far: { size: 1, flavor: "m1", vim: "edge" } } });
    expect(vimsOf(validateCatalog(catalog).csps[0])).toEqual(["core", "edge"]);
  });

  it("knows which VIM's Keystone holds a VIM's projects, and in which domain", () => {
    const catalog = valid();
    Object.assign(catalog.vims.core, { domain: "d0main" });
    Object.assign(catalog.vims.edge, { identityOf: "core" });
    const checked = validateCatalog(catalog);
    expect([identityVimOf(checked, "core"), identityVimOf(checked, "edge")]).toEqual(["core", "core"]);
    expect([cspDomainOf(checked, "core"), cspDomainOf(checked, "edge")]).toEqual(["d0main", "d0main"]);
    expect(cspDomainOf(validateCatalog(valid()), "edge")).toBeUndefined();
  });

  it("lists every problem at once", () => {
    const message = problemsOf((c) => { c.csps[0].cluster.vim = "mars"; c.csps[1].cluster.vim = "venus"; });
    expect(message).toMatch(/"mars"[\s\S]*"venus"/);
  });

  it("names the file when it is no YAML", () => {
    const file = join(mkdtempSync(join(tmpdir(), "catalog-")), "broken.yaml");
    writeFileSync(file, "csps: [\n");
    expect(() => loadCatalog(file)).toThrow(/catalog .*broken\.yaml is invalid:\n  - cannot be read as YAML/);
  });

  it("reads the AppD and finds the chart each app names, relative to the catalog, naming the app's entry", () => {
    const dir = mkdtempSync(join(tmpdir(), "catalog-"));
    const file = join(dir, "catalog.yaml");
    const catalog = valid();
    (catalog.csps[1] as any).apps = [{ name: "video", descriptor: "missing.appd.yaml", chart: "no-chart" }];
    writeFileSync(file, JSON.stringify(catalog));
    expect(() => loadCatalog(file)).toThrow(new InputError(`catalog ${file}`, [
      `csps[1] (globex).apps[0].descriptor "missing.appd.yaml": cannot be read as YAML (ENOENT: no such file or directory, open '${join(dir, "missing.appd.yaml")}'); give the path of the app's AppD, relative to the catalog`,
      'csps[1] (globex).apps[0].chart "no-chart": no Chart.yaml there; give the directory of the app\'s Helm chart, relative to the catalog',
    ], `catalog ${file} is invalid`));
  });

  it("fills every quota field, taking the CSP's own values first", () => {
    const quota = quotaOf({ ...valid().csps[0], quota: { cores: 8 } } as any);
    expect(Object.keys(quota).sort()).toEqual(Object.keys(DEFAULT_QUOTA).sort());
    expect(quota.cores).toBe(8);
    expect(quota.instances).toBe(DEFAULT_QUOTA.instances);
  });

  it("knows which VIMs a CSP has nodes on, its cluster's first", () => {
    const csp = { ...valid().csps[0], cluster: { vim: "core", apiAllowedCidrs: [], workerPools: {
      far: { size: 1, flavor: "m1", vim: "edge" }, idle: { size: 0, flavor: "m1", vim: "other" } } } } as any;
    expect(vimsOf(csp)).toEqual(["core", "edge"]);
  });

  describe("the OpenStack integration (cluster.openstackIntegration)", () => {
    const edgePool = (c: any) => {
      c.vims.edge.authUrl = "https://keystone.edge.example.net/v3";
      c.csps[0].cluster.multiSite = true;
      c.csps[0].cluster.workerPools.meh = { size: 1, flavor: "m1.large", vim: "edge" };
    };

    it("is on by default for a cluster whose pools are all on its VIM, off when a pool is on another, as the catalog says otherwise", () => {
      const catalog = validateCatalog(valid());
      expect(catalog.csps.map(openstackIntegrationOf)).toEqual([true, true]);
      const withEdge = valid();
      edgePool(withEdge);
      expect(openstackIntegrationOf(validateCatalog(withEdge).csps[0])).toBe(false);
      const off = valid();
      (off.csps[0].cluster as any).openstackIntegration = false;
      expect(openstackIntegrationOf(validateCatalog(off).csps[0])).toBe(false);
    });

    it("refuses it with a pool on another VIM, Octavia Services without it, a MEP storage class with PostgreSQL, and a bad class name", () => {
      expect(problemsOf((c) => { edgePool(c); c.csps[0].cluster.openstackIntegration = true; }))
        .toContain("csps[0] (acme).cluster.openstackIntegration: pool meh is on VIM edge, and the OpenStack cloud-controller-manager knows the cluster's core only");
      expect(problemsOf((c) => { c.csps[0].cluster.openstackIntegration = false; c.csps[0].cluster.octaviaLoadBalancers = true; }))
        .toContain("csps[0] (acme).cluster.octaviaLoadBalancers: LoadBalancer Services come from the OpenStack cloud-controller-manager");
      expect(problemsOf((c) => { c.csps[1].mep = { database: "postgresql", storageClass: "cinder" }; }))
        .toContain("csps[1] (globex).mep.storageClass: the MEP on PostgreSQL has no volume");
      expect(problemsOf((c) => { c.csps[1].mep = { storageClass: "Cinder SSD" }; })).toContain("storageClass");
    });
  });
});
