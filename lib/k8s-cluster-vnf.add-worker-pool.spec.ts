import { TerraformOutput, TerraformStack, Testing } from "./cdk";
import { Vim } from "./vim";
import { K8sClusterVnf, K8sClusterVnfProps, WorkerPoolProps } from "./k8s-cluster-vnf";
import { placeholderCredentials, placeholderSnapshotStore, withEtcdCas } from "../test/support/cluster-credentials";
import { InputError, checkDeferredInputs } from "./input-error";

/* K8sClusterVnf.addWorkerPool: a pool added after construction is the pool of that name in workerPools. */

type Resources = Record<string, Record<string, Record<string, any>>>;

function cluster(props: Partial<K8sClusterVnfProps> = {}) {
  const stack = new TerraformStack(Testing.app(), "infra");
  const core = new Vim(stack, "core", { externalNetwork: "public" });
  const edge1 = new Vim(stack, "edge1", { externalNetwork: "public", availabilityZones: ["mec-a"] });
  const edge2 = new Vim(stack, "edge2", { externalNetwork: "public" });
  const vnf = new K8sClusterVnf(stack, "acme", {
    vim: core, edgeVims: [edge1, edge2], credentials: placeholderCredentials, apiAllowedCidrs: ["198.51.100.0/24"],
    workerPools: { main: { size: 2, flavor: "m1.large" } },
    ...props,
  });
  return { stack, vnf };
}

const synthesized = (stack: TerraformStack) => JSON.parse(Testing.synth(stack, true));

const EDGE: WorkerPoolProps = {
  size: 2, flavor: "m1.xlarge", labels: { "mecaas.io/edge-host": "meh-1" }, taints: ["mecaas.io/edge-host=meh-1:NoSchedule"],
  volumeSize: 60, attachedNetworkIds: ["ran-net-id"],
};

describe("K8sClusterVnf.addWorkerPool", () => {
  // The same stack JSON whichever way the pool came: every resource, local, output and construct id (the objects
  // compared by their keys, which Terraform reads in no order).
  test.each<[string, Partial<K8sClusterVnfProps>, WorkerPoolProps]>([
    ["a single-site cluster", { nodePortAllowedCidrs: ["203.0.113.0/24"], sshPublicKey: "ssh-ed25519 AAAA", sshAllowedCidrs: ["192.0.2.0/24"] }, EDGE],
    ["a multi-site cluster, the pool on an edge VIM no pool used before (a new site)", { multiSite: true }, { ...EDGE, vim: "edge1", availabilityZone: "mec-a" }],
    ["an HA cluster (controllers: 3)", { controllers: 3, credentials: withEtcdCas() }, EDGE],
    ["a cluster made with no pool at all (its join token and drainer kubeconfig made by the first worker)", { workerPools: {} }, EDGE],
  ])("synthesizes %s exactly as with the pool in workerPools", (_name, props, edge) => {
    const given = cluster({ ...props, workerPools: { ...(props.workerPools ?? { main: { size: 2, flavor: "m1.large" } }), edge } });
    const added = cluster(props);
    const servers = added.vnf.addWorkerPool("edge", edge);
    expect(synthesized(added.stack)).toEqual(synthesized(given.stack));
    expect(servers.map((s) => s.nameInput)).toEqual(["acme-edge-0", "acme-edge-1"]);
  });

  test("puts a pool on a new edge VIM on the next node network, its nodes' floating IPs admitted on every site", () => {
    const { stack, vnf } = cluster({ multiSite: true });
    vnf.addWorkerPool("far", { size: 1, flavor: "m1", vim: "edge1" });
    vnf.addWorkerPool("farther", { size: 1, flavor: "m1", vim: "edge2" });
    expect(Object.keys(vnf.sites)).toEqual(["core", "edge1", "edge2"]);
    expect([vnf.sites.edge1.cidr, vnf.sites.edge2.cidr]).toEqual(["10.20.1.0/24", "10.20.2.0/24"]);
    const resources = synthesized(stack).resource as Resources;
    const overlayFrom = (group: string) => Object.entries(resources.openstack_networking_secgroup_rule_v2)
      .filter(([key, r]) => key.startsWith(`acme_${group}-overlay-from-`) && r.remote_ip_prefix).map(([key]) => key.split("-overlay-from-")[1].replace(/_[0-9A-F]+$/, ""));
    for (const site of ["core", "edge1", "edge2"]) {
      expect(overlayFrom(`site-${site}-nodes-secgroup`).sort()).toEqual(["controller", "far-0", "farther-0", "main-0", "main-1"]);
    }
  });

  test("gives the new nodes to everything derived from the node list", () => {
    const { stack, vnf } = cluster();
    const before = vnf.nodeAddresses;
    expect(Object.keys(before)).toEqual(["acme-controller", "acme-main-0", "acme-main-1"]);
    const servers = vnf.addWorkerPool("edge", { size: 1, flavor: "m1" });
    expect(vnf.nodeNames).toEqual(["acme-controller", "acme-main-0", "acme-main-1", "acme-edge-0"]);
    expect(vnf.poolServers.edge).toEqual(servers);
    expect(Object.keys(vnf.nodeAddresses)).toEqual(["acme-controller", "acme-main-0", "acme-main-1", "acme-edge-0"]);
    expect(vnf.nodeAddresses["acme-main-0"]).toBe(before["acme-main-0"]);
    new TerraformOutput(stack, "edge-address", { value: vnf.nodeAddresses["acme-edge-0"] });
    const json = synthesized(stack);
    expect(json.output["edge-address"].value).toMatch(/^\$\{element\(openstack_networking_port_v2\.acme_worker-edge-0-port_[0-9A-F]+\.all_fixed_ips, 0\)\}$/);
    expect(json.output.acme_node_names.value).toEqual(["acme-controller", "acme-main-0", "acme-main-1", "acme-edge-0"]);
  });

  test("opens allowFrom's ports on a site added after them too, as on one made before", () => {
    const { stack, vnf } = cluster({ multiSite: true });
    vnf.allowFrom("metrics", "192.0.2.0/24", 9100);
    vnf.addWorkerPool("far", { size: 1, flavor: "m1", vim: "edge1" });
    const rules = Object.keys((synthesized(stack).resource as Resources).openstack_networking_secgroup_rule_v2).filter((key) => key.includes("allow-metrics"));
    expect(rules.map((key) => key.replace(/_[0-9A-F]+$/, "")).sort()).toEqual(["acme_site-core-workers-secgroup-allow-metrics", "acme_site-edge1-workers-secgroup-allow-metrics"]);
  });

  describe("checks the pool as workerPools does, with the same InputError", () => {
    test.each<[string, Partial<K8sClusterVnfProps>, string, WorkerPoolProps, string]>([
      ["a name that is no DNS label", {}, "Edge_Pool", { size: 1, flavor: "m1" }, 'workerPools.Edge_Pool (pool name) "Edge_Pool" is invalid'],
      ["a negative size", {}, "edge", { size: -1, flavor: "m1" }, "workerPools.edge.size -1 is invalid"],
      ["an empty flavor", {}, "edge", { size: 1, flavor: "" }, 'workerPools.edge.flavor "" is invalid'],
      ["an unknown VIM", {}, "edge", { size: 1, flavor: "m1", vim: "mars" }, 'workerPools.edge.vim "mars" is invalid: it names no known VIM'],
      ["an edge VIM without multiSite", {}, "edge", { size: 1, flavor: "m1", vim: "edge1" }, 'workerPools.edge.vim "edge1" is invalid: pool on edge VIM edge1 needs multiSite: true'],
      ["a foreign VIM with openstackIntegration", { multiSite: true, openstackIntegration: true }, "edge", { size: 1, flavor: "m1", vim: "edge1" },
        'workerPools.edge.vim "edge1" is invalid: the OpenStack cloud-controller-manager knows core only'],
      ["a malformed label key", {}, "edge", { size: 1, flavor: "m1", labels: { "mecaas.io/edge host": "x" } }, 'workerPools.edge.labels "mecaas.io/edge host" is invalid'],
      ["a malformed label value", {}, "edge", { size: 1, flavor: "m1", labels: { "mecaas.io/edge-host": "-meh" } }, 'workerPools.edge.labels.mecaas.io/edge-host "-meh" is invalid'],
      ["a malformed taint", {}, "edge", { size: 1, flavor: "m1", taints: ["gpu"] }, 'workerPools.edge.taints "gpu" is invalid'],
      ["a zone its VIM does not offer", { multiSite: true }, "edge", { size: 1, flavor: "m1", vim: "edge1", availabilityZone: "nova" }, 'workerPools.edge.availabilityZone "nova" is invalid'],
      ["a new site's node network overlapping the main one", { multiSite: true, edgeNodeCidrs: { edge1: "10.20.0.0/24" } }, "edge", { size: 1, flavor: "m1", vim: "edge1" },
        'edgeNodeCidrs.edge1 "10.20.0.0/24" is invalid: it overlaps nodeCidr (10.20.0.0/24)'],
      ["a new site's node network overlapping the pods'", { multiSite: true, edgeNodeCidrs: { edge1: "10.42.7.0/24" } }, "edge", { size: 1, flavor: "m1", vim: "edge1" },
        'podCidr "10.42.0.0/16" is invalid: it overlaps edgeNodeCidrs.edge1 (10.42.7.0/24)'],
    ])("%s", (_name, props, name, pool, start) => {
      const inProps = (() => {
        try {
          cluster({ ...props, workerPools: { main: { size: 2, flavor: "m1.large" }, [name]: pool } });
        } catch (error) {
          return error;
        }
        throw new Error("the pool in workerPools was accepted");
      })();
      expect(inProps).toBeInstanceOf(InputError);
      expect((inProps as InputError).message).toMatch(new RegExp(`^infra/acme: ${start.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
      const { vnf } = cluster(props);
      expect(() => vnf.addWorkerPool(name, pool)).toThrow(inProps as InputError);
    });

    test("a name the cluster has already, from workerPools or from addWorkerPool", () => {
      const { vnf } = cluster();
      const taken = new InputError("infra/acme", "workerPools.main (pool name)", "main", "the cluster has a pool of that name already; give each pool a name of its own");
      expect(() => vnf.addWorkerPool("main", { size: 1, flavor: "m1" })).toThrow(taken);
      vnf.addWorkerPool("edge", { size: 0, flavor: "m1" });
      expect(() => vnf.addWorkerPool("edge", { size: 1, flavor: "m1" })).toThrow(/workerPools\.edge \(pool name\) "edge" is invalid: the cluster has a pool of that name already/);
    });

    test("a refused site leaves no trace: the next pool's site gets the block it would have had", () => {
      const { vnf } = cluster({ multiSite: true, edgeNodeCidrs: { edge1: "10.20.0.0/24" } });
      expect(() => vnf.addWorkerPool("far", { size: 1, flavor: "m1", vim: "edge1" })).toThrow(InputError);
      vnf.addWorkerPool("farther", { size: 1, flavor: "m1", vim: "edge2" });
      expect(vnf.sites.edge2.cidr).toBe("10.20.1.0/24");
    });
  });

  describe("no worker would run workloads (checked at synth)", () => {
    test("a cluster made with no pool is valid once addWorkerPool gives it one", () => {
      const { stack, vnf } = cluster({ workerPools: {} });
      vnf.addWorkerPool("main", { size: 1, flavor: "m1" });
      expect(() => Testing.synth(stack, true)).not.toThrow();
    });

    test("an added pool of size 0 runs none: an InputError before synth (checkDeferredInputs), cdktf's Error at it", () => {
      const { stack, vnf } = cluster({ workerPools: {} });
      vnf.addWorkerPool("main", { size: 0, flavor: "m1" });
      const problem = 'infra/acme: workerPools ["main"] is invalid: no worker would run workloads; add a pool with size >= 1 (workerPools or addWorkerPool) ' +
        "or set controllerSchedulable: true";
      expect(() => checkDeferredInputs(stack)).toThrow(new InputError("infra", [problem], "infra is invalid"));
      expect(() => Testing.synth(stack, true)).toThrow(`[infra/acme] ${problem}`);
    });

    test("controllerSchedulable runs them on the servers", () => {
      const { stack } = cluster({ workerPools: {}, controllerSchedulable: true });
      expect(() => Testing.synth(stack, true)).not.toThrow();
    });
  });
});

describe("K8sClusterVnf clusterName", () => {
  const build = (id: string, props: Partial<K8sClusterVnfProps>) => {
    const stack = new TerraformStack(Testing.app(), "infra");
    new K8sClusterVnf(stack, id, {
      vim: new Vim(stack, "core", { externalNetwork: "public" }), edgeVims: [new Vim(stack, "edge1", { externalNetwork: "public" })],
      credentials: withEtcdCas(), apiAllowedCidrs: ["198.51.100.0/24"], workerPools: { main: { size: 2, flavor: "m1.large" } },
      sshPublicKey: "ssh-ed25519 AAAA", sshAllowedCidrs: ["192.0.2.0/24"],
      ...props,
    });
    return Testing.synth(stack, true);
  };
  /** Only what the construct path makes: logical ids (their hashes too), metadata paths and output names. */
  const byPath = (json: string, id: string) => JSON.parse(json.replace(/_[0-9A-F]{8}\b/g, "")
    .replace(new RegExp(`(["./])${id}_`, "g"), "$1acme_").split(`infra/${id}/`).join("infra/acme/"));

  test.each<[string, Partial<K8sClusterVnfProps>]>([
    ["HA, Octavia, OpenStack integration and etcd snapshots to a store", {
      controllers: 3, apiLoadBalancer: "octavia", openstackIntegration: true, octaviaLoadBalancers: true,
      ...placeholderSnapshotStore,
    }],
    ["multi-site with a pool on an edge VIM", { multiSite: true, workerPools: { main: { size: 2, flavor: "m1.large" }, far: { size: 1, flavor: "m1", vim: "edge1" } } }],
  ])("names everything after it, not the construct id: %s", (_name, props) => {
    const named = build("cluster", { ...props, clusterName: "acme" });
    expect(byPath(named, "cluster")).toEqual(byPath(build("acme", props), "acme"));
    const servers = Object.values(JSON.parse(named).resource.openstack_compute_instance_v2 as Record<string, any>);
    expect(servers.map((s) => s.name)).toContain("acme-main-0");
    expect(servers.every((s) => s.name.startsWith("acme-") && s.metadata["mecaas-cluster"] === "acme")).toBe(true);
  });

  test("lets the construct id be any id, and holds the name to the id's rule", () => {
    expect(() => build("Edge_Cluster", { clusterName: "acme" })).not.toThrow();
    expect(() => build("Edge_Cluster", {})).toThrow(/infra\/Edge_Cluster: id "Edge_Cluster" is invalid/);
    expect(() => build("cluster", { clusterName: "Acme" })).toThrow(/infra\/cluster: clusterName "Acme" is invalid: use lower-case letters/);
    expect(() => build("cluster", { clusterName: "a".repeat(21) })).toThrow(/clusterName "a{21}" is invalid: .* at most 20 characters/);
  });
});
