import { existsSync, writeFileSync } from "fs";
import { dirname, join, relative, resolve } from "path";
import { stringify } from "yaml";
import { CATALOG_SCHEMA, Catalog, CspEntry, WorkerPoolEntry, validateCatalog } from "../../stacks/catalog";

/*
 * Synthetic CSP catalogs for the synth benchmark. Deterministic (seeded), so every run and every machine benchmarks
 * the same input; varied the way real catalogs are: 2-3 worker pools, some on an edge VIM/zone, mixed modes.
 */

/** mulberry32: a tiny seeded PRNG; Math.random would make runs incomparable. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EDGE_VIMS = ["edge-a", "edge-b", "edge-c"] as const;
const ROOT = resolve(__dirname, "..", "..");
/** The sample MEC app the examples deploy (examples/mec-app.yaml); used when it exists. */
const SAMPLE_APP = { descriptor: join(ROOT, "examples", "mec-app", "sample-app.appd.yaml"), chart: join(ROOT, "charts", "mec-app-sample") };

/** Whether the app's catalog schema knows an optional field: the schema still grows, the generator follows it. */
const vimFields = (): Record<string, unknown> => (CATALOG_SCHEMA.properties.vims.additionalProperties.properties as Record<string, unknown>);
const cspFields = (): Record<string, unknown> => (CATALOG_SCHEMA.properties.csps.items.properties as Record<string, unknown>);
const FLAVORS = ["m1.large", "m1.xlarge", "c1.large"];

export interface GeneratedCatalogStats {
  readonly csps: number;
  readonly b2b2c: number;
  readonly b2c: number;
  readonly multiVim: number;
  readonly pools: number;
  readonly workers: number;
  readonly apps: number;
}

/**
 * @param catalogDir where the catalog will be written: app paths in it are relative to it.
 */
export function generateCatalog(n: number, seed = 4, catalogDir?: string): Catalog {
  // One sequence for every N: the catalog of N CSPs is the first N of it, so growth compares like with like.
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));

  // Keystone URL and region: what a CSP's Edge MANO needs to register the VIM (when the schema has them).
  const keystone = (vim: string) => ({
    ...("authUrl" in vimFields() ? { authUrl: `https://keystone.${vim}.example.net:5000/v3` } : {}),
    ...("region" in vimFields() ? { region: "RegionOne" } : {}),
  });
  const vims: Catalog["vims"] = {
    core: { cloud: "nsp-core", ...keystone("core"), externalNetwork: "public", image: "ubuntu-24.04", availabilityZones: ["nova"] },
  };
  for (const e of EDGE_VIMS) {
    vims[e] = { cloud: `nsp-${e}`, ...keystone(e), externalNetwork: `provider-${e}`, image: "ubuntu-24.04", availabilityZones: [`${e}-meh-1`, `${e}-meh-2`] };
  }
  // About a third of the CSPs run the sample MEC app, when the app has it and the catalog's place is known.
  const appPaths = catalogDir && "apps" in cspFields() && existsSync(SAMPLE_APP.descriptor) && existsSync(join(SAMPLE_APP.chart, "Chart.yaml"))
    ? { descriptor: relative(catalogDir, SAMPLE_APP.descriptor), chart: relative(catalogDir, SAMPLE_APP.chart) }
    : undefined;
  const sharedNetworks = EDGE_VIMS.map((e) => ({ name: `ran-${e}`, vim: e, network: `ran-access-${e}` }));

  const csps: CspEntry[] = [];
  for (let i = 0; i < n; i++) {
    const name = `csp${String(i).padStart(3, "0")}`;
    // The first CSP is the full shape (b2b2c with an edge pool), so N=1 is not a degenerate case. Modes follow a
    // fixed pattern (7 in 10 b2b2c) so every size has the same mix.
    const first = i === 0;
    const b2b2c = [0, 1, 3, 4, 6, 7, 8].includes(i % 10);
    const poolCount = int(2, 3);
    // About 40% of CSPs rent an edge host on another VIM: the multi-site path (WireGuard, floating IPs per node).
    const edgeVim = rnd() < 0.4 || first ? pick(EDGE_VIMS) : undefined;
    const pools: Record<string, WorkerPoolEntry> = {};
    for (let p = 0; p < poolCount; p++) {
      const onEdge = edgeVim !== undefined && p === poolCount - 1;
      const pool: WorkerPoolEntry = onEdge
        ? {
            size: int(1, 3), flavor: pick(FLAVORS), vim: edgeVim, availabilityZone: `${edgeVim}-meh-${int(1, 2)}`,
            labels: { "mecaas.io/edge-host": `${edgeVim}-meh` },
            ...(rnd() < 0.5 ? { taints: [`mecaas.io/edge-host=${edgeVim}:NoSchedule`] } : {}),
          }
        : { size: int(1, 4), flavor: pick(FLAVORS), ...(rnd() < 0.3 ? { labels: { "mecaas.io/tier": "gpu" } } : {}) };
      pools[p === 0 ? "main" : onEdge ? `meh-${edgeVim}` : `pool-${p}`] = pool;
    }
    const ssh = rnd() < 0.3;
    const withApp = rnd() < 0.35;
    const csp: CspEntry = {
      name,
      mode: b2b2c ? "b2b2c" : "b2c",
      ...(rnd() < 0.5 ? { quota: { instances: 16, cores: 64, ramMb: 131072, floatingIps: 16 } } : {}),
      ...(edgeVim && rnd() < 0.6 ? { sharedNetworks: [`ran-${edgeVim}`] } : {}),
      cluster: {
        vim: "core",
        // A cluster with an edge pool is multi-site from its creation (the catalog refuses it otherwise).
        ...(edgeVim ? { multiSite: true } : {}),
        // Distinct node networks per CSP, as an NSP would hand them out (10.<i/250>.<i%250>.0/24).
        nodeCidr: `10.${100 + Math.floor(i / 250)}.${i % 250}.0/24`,
        ...(rnd() < 0.2 ? { controllerFlavor: "m1.xlarge" } : {}),
        workerPools: pools,
        apiAllowedCidrs: ["198.51.100.0/24", ...(rnd() < 0.5 ? ["192.0.2.0/25"] : [])],
        ...(rnd() < 0.5 ? { nodePortAllowedCidrs: ["203.0.113.0/24"] } : {}),
        // A synthetic key: the benchmark must never carry a personal one.
        ...(ssh ? { sshPublicKey: `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBENCH${String(i).padStart(6, "0")} bench@mecaas`, sshAllowedCidrs: ["192.0.2.128/25"] } : {}),
      },
      mep: { serviceType: pick(["ClusterIP", "ClusterIP", "NodePort", "LoadBalancer"] as const) },
      ...(b2b2c ? { edgeMano: { chartRepository: "oci://registry.example.net/osm/charts", chartVersion: "17.0.0" } } : {}),
      ...(withApp && appPaths ? {
        apps: [{ name: "sample-echo", ...appPaths, values: { producedService: { serName: "sample-echo", version: "1.0.0" } } }],
      } : {}),
    };
    csps.push(csp);
  }
  // The generator must only ever produce catalogs the app accepts: check with the app's own validator.
  return validateCatalog({ vims, sharedNetworks, csps }, `generated catalog of ${n} CSPs`);
}

export function catalogStats(c: Catalog): GeneratedCatalogStats {
  const pools = c.csps.flatMap((s) => Object.values(s.cluster.workerPools ?? {}));
  return {
    csps: c.csps.length,
    b2b2c: c.csps.filter((s) => s.mode === "b2b2c").length,
    b2c: c.csps.filter((s) => s.mode === "b2c").length,
    multiVim: c.csps.filter((s) => Object.values(s.cluster.workerPools ?? {}).some((p) => p.vim && p.vim !== s.cluster.vim)).length,
    apps: c.csps.reduce((a, s) => a + (s.apps?.length ?? 0), 0),
    pools: pools.length,
    workers: pools.reduce((a, p) => a + p.size, 0),
  };
}

export function writeCatalog(n: number, path: string, seed = 4): GeneratedCatalogStats {
  const catalog = generateCatalog(n, seed, dirname(resolve(path)));
  writeFileSync(path, `# Generated by bench/synth/catalog-gen.ts: ${n} CSPs, seed ${seed}\n${stringify(catalog)}`);
  return catalogStats(catalog);
}

if (require.main === module) {
  // Usage: catalog-gen.ts N OUT.yaml
  const [n, out] = process.argv.slice(2);
  if (!n || !out) throw new Error("usage: catalog-gen.ts N OUT.yaml");
  console.log(JSON.stringify(writeCatalog(Number(n), out)));
}
