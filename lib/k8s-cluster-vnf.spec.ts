import { parse } from "yaml";
import { createHash } from "crypto";
import { TerraformOutput, TerraformStack, TerraformVariable, Testing } from "./cdk";
import { Vim } from "./vim";
import { K8sClusterVnf, K8sClusterVnfProps } from "./k8s-cluster-vnf";
import { NetworkingSubnetV2 } from "../.gen/providers/openstack/networking-subnet-v2";
import { NetworkingRouterV2 } from "../.gen/providers/openstack/networking-router-v2";
import { NetworkingRouterInterfaceV2 } from "../.gen/providers/openstack/networking-router-interface-v2";
import { placeholderCredentials, withEtcdCas } from "../test/support/cluster-credentials";
import { evaluateTemplate } from "../test/support/terraform-template";

type Resources = Record<string, Record<string, Record<string, any>>>;

const credentials = placeholderCredentials;

function clusterStack(props: Partial<K8sClusterVnfProps> = {}, id = "acme") {
  const app = Testing.app();
  const stack = new TerraformStack(app, "infra");
  const core = new Vim(stack, "core", { externalNetwork: "public" });
  const edge = new Vim(stack, "edge1", { externalNetwork: "public", cloud: "edge1", availabilityZones: ["mec-a"] });
  const cluster = new K8sClusterVnf(stack, id, {
    vim: core,
    edgeVims: [edge],
    credentials,
    apiAllowedCidrs: ["198.51.100.0/24"],
    workerPools: { main: { size: 2, flavor: "m1.large" } },
    ...props,
  });
  return { app, stack, cluster };
}

function synth(props: Partial<K8sClusterVnfProps> = {}): { json: string; resources: Resources; outputs: Record<string, any> } {
  const { stack } = clusterStack(props);
  const json = Testing.synth(stack);
  const parsed = JSON.parse(json);
  return { json, resources: parsed.resource, outputs: parsed.output };
}

/**
 * The k3s configuration a node's user-data gives it: config.yaml (base64, known at synth) merged with the drop-in of
 * apply-time values (text with Terraform references), as k3s merges config.yaml.d.
 */
function k3sConfigOf(userData: string): Record<string, unknown> {
  const files = parse(userData).write_files as { path: string; encoding?: string; content: string }[];
  const text = (f: { encoding?: string; content: string }) => (f.encoding === "b64" ? Buffer.from(f.content, "base64").toString("utf8") : f.content);
  return Object.assign({}, ...files.filter((f) => f.path === "/etc/rancher/k3s/config.yaml" || f.path.startsWith("/etc/rancher/k3s/config.yaml.d/"))
    .map((f) => parse(text(f))));
}

const byName = (resources: Resources, type: string): Record<string, any> =>
  Object.fromEntries(Object.values(resources[type] ?? {}).map((r) => [r.name, r]));
const rules = (resources: Resources) => Object.entries(resources.openstack_networking_secgroup_rule_v2);

function secgroupKey(resources: Resources, name: string): string {
  const key = Object.entries(resources.openstack_networking_secgroup_v2).find(([, g]) => g.name === name)?.[0];
  if (!key) throw new Error(`no security group ${name}`);
  return `\${openstack_networking_secgroup_v2.${key}.id}`;
}

describe("K8sClusterVnf", () => {
  describe("network", () => {
    it("puts the nodes on their own network, routed to the VIM's external network", () => {
      const { json } = synth({ nodeCidr: "10.30.0.0/24" });
      expect(json).toHaveResourceWithProperties(NetworkingSubnetV2, { cidr: "10.30.0.0/24", ip_version: 4 });
      expect(json).toHaveResourceWithProperties(NetworkingRouterV2, {
        external_network_id: expect.stringMatching(/^\$\{data\.openstack_networking_network_v2\.core_external-network_[0-9A-F]+\.id\}$/),
      });
      expect(json).toHaveResource(NetworkingRouterInterfaceV2);
    });

    it("gives the controller a fixed address in the node network and a floating IP for the API", () => {
      const { resources, outputs } = synth({ nodeCidr: "10.30.0.0/24" });
      const port = byName(resources, "openstack_networking_port_v2")["acme-controller"];
      expect(port.fixed_ip[0].ip_address).toBe("10.30.0.10");
      const fips = Object.values(resources.openstack_networking_floatingip_v2);
      expect(fips).toHaveLength(1);
      expect(fips[0].pool).toBe("public");
      expect(Object.values(outputs).find((o: any) => o.description?.startsWith("Kubernetes API"))?.value)
        .toMatch(/^https:\/\/\$\{openstack_networking_floatingip_v2\.[^}]+\.address\}:6443$/);
    });

    it("keeps the controller's address out of every subnet's allocation pool, so no port made in parallel takes it", () => {
      const toNumber = (ip: string) => ip.split(".").reduce((acc, o) => acc * 256 + Number(o), 0);
      for (const [nodeCidr, start, end] of [["10.30.0.0/24", "10.30.0.11", "10.30.0.254"], ["10.30.0.0/28", "10.30.0.11", "10.30.0.14"]]) {
        const { resources } = synth({
          nodeCidr,
          multiSite: true,
          workerPools: { main: { size: 1, flavor: "m1.large" }, far: { size: 1, flavor: "m1.large", vim: "edge1" } },
          edgeNodeCidrs: { edge1: "10.31.0.0/24" },
        });
        const subnets = byName(resources, "openstack_networking_subnet_v2");
        expect(subnets["acme-core-nodes"].allocation_pool).toEqual([{ start, end }]);
        expect(subnets["acme-edge1-nodes"].allocation_pool).toEqual([{ start: "10.31.0.11", end: "10.31.0.254" }]);
        const controller = toNumber(byName(resources, "openstack_networking_port_v2")["acme-controller"].fixed_ip[0].ip_address);
        expect(controller).toBeLessThan(toNumber(start));
        expect(toNumber(start)).toBe(controller + 1);
      }
    });

    it("creates every floating IP only after its site's router interface (Neutron has no external gateway for it before)", () => {
      const { resources } = synth({
        multiSite: true,
        workerPools: { main: { size: 1, flavor: "m1.large" }, far: { size: 1, flavor: "m1.large", vim: "edge1" } },
      });
      const interfaceOf = Object.fromEntries(Object.entries(resources.openstack_networking_router_interface_v2)
        .map(([key, ri]) => [ri.provider, `openstack_networking_router_interface_v2.${key}`]));
      const fips = Object.values(resources.openstack_networking_floatingip_v2);
      expect(fips.map((fip) => fip.provider).sort()).toEqual(["openstack.core", "openstack.core", "openstack.edge1"]);
      for (const fip of fips) expect(fip.depends_on).toEqual([interfaceOf[fip.provider]]);
    });
  });

  describe("security groups", () => {
    it("admits the API only from the allowed CIDRs and the cluster's nodes", () => {
      const { resources } = synth({ apiAllowedCidrs: ["198.51.100.0/24", "203.0.113.7/32"] });
      const api = rules(resources).filter(([, r]) => r.port_range_min === 6443).map(([, r]) => r);
      expect(api.map((r) => r.remote_ip_prefix).filter(Boolean).sort()).toEqual(["198.51.100.0/24", "203.0.113.7/32"]);
      expect(api.filter((r) => r.remote_group_id).map((r) => r.remote_group_id)).toEqual([secgroupKey(resources, "acme-core-nodes")]);
      expect(api.every((r) => r.security_group_id === secgroupKey(resources, "acme-controller"))).toBe(true);
    });

    it("opens kubelet and the VXLAN overlay between nodes only", () => {
      const { resources } = synth();
      const internal = rules(resources).map(([, r]) => r).filter((r) => [10250, 8472].includes(r.port_range_min));
      expect(internal.map((r) => `${r.protocol}/${r.port_range_min}`).sort()).toEqual(["tcp/10250", "udp/8472"]);
      for (const rule of internal) {
        expect(rule.remote_ip_prefix).toBeUndefined();
        expect(rule.remote_group_id).toBe(secgroupKey(resources, "acme-core-nodes"));
      }
    });

    it("opens NodePorts to the listed CIDRs only, and not at all by default", () => {
      expect(rules(synth().resources).some(([, r]) => r.port_range_min === 30000)).toBe(false);
      const { resources } = synth({ nodePortAllowedCidrs: ["192.0.2.0/24"] });
      const nodePorts = rules(resources).map(([, r]) => r).filter((r) => r.port_range_min === 30000);
      expect(nodePorts.map((r) => `${r.protocol} ${r.port_range_max} ${r.remote_ip_prefix}`).sort())
        .toEqual(["tcp 32767 192.0.2.0/24", "udp 32767 192.0.2.0/24"]);
    });

    it("opens SSH only when a key and the CIDRs are both given", () => {
      const ssh = (props: Partial<K8sClusterVnfProps>) => rules(synth(props).resources).filter(([, r]) => r.port_range_min === 22);
      expect(ssh({ sshPublicKey: "ssh-ed25519 AAAAC3 ops" })).toHaveLength(0);
      expect(ssh({ sshPublicKey: "ssh-ed25519 AAAAC3 ops", sshAllowedCidrs: ["192.0.2.8/29"] }).map(([, r]) => r.remote_ip_prefix)).toEqual(["192.0.2.8/29"]);
    });

    it("never admits the whole internet unless told to", () => {
      const { resources } = synth({ nodePortAllowedCidrs: ["192.0.2.0/24"], sshPublicKey: "k", sshAllowedCidrs: ["192.0.2.0/24"] });
      expect(rules(resources).some(([, r]) => r.remote_ip_prefix === "0.0.0.0/0")).toBe(false);
    });
  });

  describe("nodes", () => {
    it("keys workers by pool and index, so scaling in removes only the last node's resources", () => {
      const keys = (size: number) => {
        const { resources } = synth({ workerPools: { main: { size, flavor: "m1.large" }, gpu: { size: 1, flavor: "g1" } } });
        return new Set(Object.values(resources).flatMap((byKey) => Object.keys(byKey)));
      };
      const before = keys(3);
      const after = keys(2);
      const removed = [...before].filter((k) => !after.has(k));
      expect([...after].every((k) => before.has(k))).toBe(true);
      expect(removed.length).toBeGreaterThan(0);
      expect(removed.every((k) => k.includes("worker-main-2"))).toBe(true);
    });

    it("stops workers before destroying them so they drain, and never replaces a node for new user-data or image", () => {
      const { resources } = synth();
      const servers = byName(resources, "openstack_compute_instance_v2");
      expect(Object.keys(servers).sort()).toEqual(["acme-controller", "acme-main-0", "acme-main-1"]);
      expect(servers["acme-main-0"].stop_before_destroy).toBe(true);
      expect(servers["acme-controller"].stop_before_destroy).toBe(false);
      for (const server of Object.values(servers)) {
        expect(server.lifecycle.ignore_changes).toEqual(expect.arrayContaining(["user_data", "block_device"]));
        expect(server.block_device[0]).toMatchObject({ source_type: "image", destination_type: "volume", boot_index: 0, delete_on_termination: true });
      }
    });

    it("puts the controller and pools that name no zone in the first zone their VIM declares, never in any zone Nova picks", () => {
      const zonesOf = (coreZones: string[] | undefined, props: Partial<K8sClusterVnfProps> = {}) => {
        const stack = new TerraformStack(Testing.app(), "infra");
        const core = new Vim(stack, "core", { externalNetwork: "public", availabilityZones: coreZones });
        const edge = new Vim(stack, "edge1", { externalNetwork: "public", cloud: "edge1", availabilityZones: ["mec-a", "mec-b"] });
        new K8sClusterVnf(stack, "acme", {
          vim: core, edgeVims: [edge], multiSite: true, credentials, apiAllowedCidrs: ["198.51.100.0/24"],
          workerPools: {
            main: { size: 1, flavor: "m1.large" },
            pinned: { size: 1, flavor: "m1.large", availabilityZone: "nova-2" },
            far: { size: 1, flavor: "m1.large", vim: "edge1" },
          },
          ...props,
        });
        const servers = byName(JSON.parse(Testing.synth(stack)).resource, "openstack_compute_instance_v2");
        return Object.fromEntries(Object.entries(servers).map(([name, s]) => [name, s.availability_zone]));
      };
      expect(zonesOf(["nova", "nova-2", "meh-1"])).toEqual({
        "acme-controller": "nova", "acme-main-0": "nova", "acme-pinned-0": "nova-2", "acme-far-0": "mec-a",
      });
      // A VIM that declares no zone leaves the choice to Nova, as before.
      expect(zonesOf(undefined)).toEqual({
        "acme-controller": undefined, "acme-main-0": undefined, "acme-pinned-0": "nova-2", "acme-far-0": "mec-a",
      });
      expect(zonesOf(["nova", "nova-2"], { controllerAvailabilityZone: "nova-2" })["acme-controller"]).toBe("nova-2");
      expect(() => zonesOf(["nova"], { controllerAvailabilityZone: "mec-a" }))
        .toThrow(/controllerAvailabilityZone "mec-a" is invalid: VIM core offers nova/);
    });

    it("spreads each pool across hypervisors with a soft anti-affinity group by default", () => {
      const { resources } = synth();
      const groups = Object.values(resources.openstack_compute_servergroup_v2);
      expect(groups).toEqual([expect.objectContaining({ name: "acme-main", policies: ["soft-anti-affinity"] })]);
      expect(synth({ antiAffinity: "none" }).resources.openstack_compute_servergroup_v2).toBeUndefined();
    });

    it("seeds the three CAs and the join secret into the controller, and joins workers with a CA-pinned token", () => {
      const { json, resources } = synth();
      const servers = byName(resources, "openstack_compute_instance_v2");
      const controllerData = servers["acme-controller"].user_data as string;
      for (const ca of ["server-ca", "client-ca", "request-header-ca"]) {
        expect(controllerData).toContain(`/var/lib/rancher/k3s/server/tls/${ca}.crt`);
        expect(controllerData).toContain(`/var/lib/rancher/k3s/server/tls/${ca}.key`);
      }
      // Every worker reads the token from one local, computed once for the cluster.
      const locals = JSON.parse(json).locals as Record<string, string>;
      // As a JSON string (see "writes every apply-time value..." below): the quotes are part of the local's value.
      const tokenLocal = Object.keys(locals).find((name) => locals[name] === '"K10${sha256("SERVER-CA-CERT")}::server:join-secret"');
      expect(tokenLocal).toBeDefined();
      for (const worker of ["acme-main-0", "acme-main-1"]) {
        expect(k3sConfigOf(servers[worker].user_data)).toMatchObject({ token: `\${local.${tokenLocal}}`, server: "https://10.20.0.10:6443", "node-name": worker });
        // No Terraform function runs per node: what only Terraform knows is referenced, not computed, in user-data.
        expect(servers[worker].user_data).not.toMatch(/\$\{[a-z0-9]+\(/);
      }
    });

    describe("writes every apply-time value so that the node reads back exactly what Terraform substituted", () => {
      // Public interface: a user may pass any secret, e.g. one with both quotes, a backslash, ": ", "#" and "${".
      const secret = `it's "a": secret \\ # \${x} %{y}`;
      const caPem = "-----BEGIN CERTIFICATE-----\nSERVER-CA\n-----END CERTIFICATE-----\n";

      /** The k3s configuration each node reads at boot, once Terraform has substituted the values (emulated). */
      function bootedConfigs(givenAs: "references" | "literals"): Record<string, Record<string, unknown>> {
        const stack = new TerraformStack(Testing.app(), "infra");
        const core = new Vim(stack, "core", { externalNetwork: "public" });
        const edge = new Vim(stack, "edge1", { externalNetwork: "public", cloud: "edge1" });
        // From another stack they arrive as references (variables here, as importOnce makes locals); or written as text.
        const value = (name: string, text: string) =>
          (givenAs === "references" ? new TerraformVariable(stack, name, { default: text }).stringValue : text);
        new K8sClusterVnf(stack, "acme", {
          vim: core, edgeVims: [edge], multiSite: true, apiAllowedCidrs: ["198.51.100.0/24"],
          credentials: { ...credentials, joinSecret: value("join_secret", secret), serverCa: { ...credentials.serverCa, certificatePem: value("ca", caPem) } },
          workerPools: { main: { size: 1, flavor: "m1.large" }, far: { size: 1, flavor: "m1.large", vim: "edge1" } },
        });
        const json = JSON.parse(Testing.synth(stack));
        const scope = {
          locals: json.locals,
          variables: { join_secret: secret, ca: caPem },
          attribute: (reference: string) => (reference.startsWith("openstack_networking_floatingip_v2.") ? "203.0.113.7" : undefined),
        };
        const servers = byName(json.resource, "openstack_compute_instance_v2");
        return Object.fromEntries(Object.entries(servers).map(([name, server]) => {
          const userData = evaluateTemplate(server.user_data, scope);
          return [name, k3sConfigOf(userData)];
        }));
      }

      it.each(["references", "literals"] as const)("a secret with quotes, a backslash and \": \" given as %s", (givenAs) => {
        const configs = bootedConfigs(givenAs);
        const agentToken = `K10${createHash("sha256").update(caPem).digest("hex")}::server:${secret}`;
        expect(configs["acme-controller"]).toMatchObject({ token: secret, "tls-san": ["203.0.113.7", "10.20.0.10"], "node-external-ip": "203.0.113.7" });
        expect(configs["acme-main-0"]).toMatchObject({ token: agentToken, server: "https://10.20.0.10:6443", "node-external-ip": "203.0.113.7" });
        expect(configs["acme-far-0"]).toMatchObject({ token: agentToken, server: "https://203.0.113.7:6443", "node-external-ip": "203.0.113.7" });
      });
    });

    it("writes each worker the node-drainer kubeconfig from one base64 local for the cluster", () => {
      const { json, resources } = synth();
      const locals = JSON.parse(json).locals as Record<string, string>;
      const servers = byName(resources, "openstack_compute_instance_v2");
      const name = Object.keys(locals).find((n) => n.includes("node-drainer-kubeconfig"))!;
      const kubeconfig = parse(Buffer.from(locals[name], "base64").toString("utf8"));
      expect(kubeconfig.users[0].user["client-certificate-data"]).toBe(Buffer.from("DRAINER-CERT").toString("base64"));
      expect(kubeconfig.clusters[0].cluster.server).toBe("https://10.20.0.10:6443");
      for (const worker of ["acme-main-0", "acme-main-1"]) {
        expect(servers[worker].user_data).toContain(`- path: /etc/mecaas/node-drainer.kubeconfig\n    encoding: b64\n    content: "\${local.${name}}"`);
      }
      expect(servers["acme-controller"].user_data).not.toContain("node-drainer.kubeconfig");
    });

    it("keeps credentials out of plain outputs: the kubeconfig output is sensitive", () => {
      const { outputs } = synth();
      const kubeconfig = Object.values(outputs).find((o: any) => o.description?.startsWith("Admin kubeconfig")) as any;
      expect(kubeconfig.sensitive).toBe(true);
      expect(kubeconfig.value).toContain("client-key-data");
    });
  });

  describe("multi-site: nodes on several VIMs", () => {
    it("is off by default: VXLAN between private addresses, one floating IP (the API's), every pool on the cluster's VIM", () => {
      const { resources } = synth();
      const controller = byName(resources, "openstack_compute_instance_v2")["acme-controller"];
      expect(k3sConfigOf(controller.user_data)["flannel-backend"]).toBe("vxlan");
      expect(Object.keys(resources.openstack_networking_floatingip_v2)).toHaveLength(1);
      expect(() => clusterStack({ workerPools: { main: { size: 1, flavor: "m1" }, far: { size: 0, flavor: "m1", vim: "edge1" } } }))
        .toThrow('infra/acme: workerPools.far.vim "edge1" is invalid: pool on edge VIM edge1 needs multiSite: true (a WireGuard overlay ' +
          "between public node addresses); set it when the cluster is created — nodes keep the overlay they booted with, so a " +
          "running single-site cluster cannot switch: create a new cluster or roll every node");
    });

    it("when chosen, gives every node a floating IP and the WireGuard overlay from the start, before any pool is on another VIM", () => {
      const { resources } = synth({ multiSite: true });
      const servers = byName(resources, "openstack_compute_instance_v2");
      expect(k3sConfigOf(servers["acme-controller"].user_data)).toMatchObject({ "flannel-backend": "wireguard-native", "flannel-external-ip": true });
      for (const worker of ["acme-main-0", "acme-main-1"]) {
        expect(k3sConfigOf(servers[worker].user_data)["node-external-ip"]).toMatch(/^\$\{openstack_networking_floatingip_v2\.[^}]+\.address\}$/);
      }
      expect(Object.keys(resources.openstack_networking_floatingip_v2)).toHaveLength(3);
      expect(rules(resources).some(([, r]) => r.port_range_min === 8472)).toBe(false);
    });

    it("takes a pool on an edge VIM later without changing a running node's user-data or security rules", () => {
      const before = synth({ multiSite: true }).resources;
      const after = synth({ multiSite: true, workerPools: { main: { size: 2, flavor: "m1.large" }, far: { size: 1, flavor: "m1.large", vim: "edge1" } } }).resources;
      for (const node of ["acme-controller", "acme-main-0", "acme-main-1"]) {
        expect(byName(after, "openstack_compute_instance_v2")[node].user_data).toBe(byName(before, "openstack_compute_instance_v2")[node].user_data);
      }
      const rulesAfter = after.openstack_networking_secgroup_rule_v2;
      const kept = Object.keys(before.openstack_networking_secgroup_rule_v2).filter((key) => key in rulesAfter);
      expect(kept).toEqual(Object.keys(before.openstack_networking_secgroup_rule_v2)); // none removed
      for (const key of kept) expect(rulesAfter[key]).toEqual(before.openstack_networking_secgroup_rule_v2[key]);
      for (const type of ["openstack_networking_port_v2", "openstack_networking_floatingip_v2", "openstack_networking_subnet_v2"]) {
        for (const [key, resource] of Object.entries(before[type])) expect(after[type][key]).toEqual(resource);
      }
    });
  });

  describe("pools on another VIM (a new edge host)", () => {
    const multiSite = () => synth({
      multiSite: true,
      workerPools: { main: { size: 1, flavor: "m1.large" }, far: { size: 1, flavor: "m1.large", vim: "edge1", availabilityZone: "mec-a" } },
    });

    it("builds a node network on that VIM, on the block after nodeCidr", () => {
      const { resources } = multiSite();
      const subnets = byName(resources, "openstack_networking_subnet_v2");
      expect(subnets["acme-edge1-nodes"].cidr).toBe("10.20.1.0/24");
      expect(subnets["acme-edge1-nodes"].provider).toBe("openstack.edge1");
    });

    it("joins over the controller's public address with a WireGuard overlay admitted only from the nodes' floating IPs", () => {
      const { resources } = multiSite();
      const far = byName(resources, "openstack_compute_instance_v2")["acme-far-0"];
      expect(k3sConfigOf(far.user_data).server).toMatch(/^https:\/\/\$\{openstack_networking_floatingip_v2\.acme_controller-fip_[0-9A-F]+\.address\}:6443$/);
      expect(k3sConfigOf(byName(resources, "openstack_compute_instance_v2")["acme-controller"].user_data)["flannel-backend"]).toBe("wireguard-native");
      expect(Object.keys(resources.openstack_networking_floatingip_v2)).toHaveLength(3);
      const wireguard = rules(resources).map(([, r]) => r).filter((r) => r.port_range_min === 51820 && r.remote_ip_prefix);
      expect(wireguard.length).toBeGreaterThan(0);
      expect(wireguard.every((r) => /^\$\{openstack_networking_floatingip_v2\.[^}]+\.address\}\/32$/.test(r.remote_ip_prefix))).toBe(true);
      expect(rules(resources).some(([, r]) => r.port_range_min === 8472)).toBe(false);
    });
  });

  describe("refuses bad input at synth, naming the field and the fix", () => {
    const cases: Array<[string, Partial<K8sClusterVnfProps>, RegExp]> = [
      ["a negative pool size", { workerPools: { main: { size: -1, flavor: "m1" } } }, /workerPools\.main\.size -1 is invalid: use a whole number/],
      ["a pool name that is no DNS label", { workerPools: { Main_Pool: { size: 1, flavor: "m1" } } }, /workerPools\.Main_Pool \(pool name\) "Main_Pool" is invalid/],
      ["a pool on an unknown VIM", { workerPools: { main: { size: 1, flavor: "m1", vim: "mars" } } }, /workerPools\.main\.vim "mars" is invalid: it names no known VIM; use one of core, edge1/],
      ["a zone the VIM does not offer", { multiSite: true, workerPools: { e: { size: 1, flavor: "m1", vim: "edge1", availabilityZone: "nova" } } }, /availabilityZone "nova" is invalid: VIM edge1 offers mec-a/],
      ["a pod CIDR overlapping the node network", { nodeCidr: "10.42.0.0/24" }, /podCidr "10.42.0.0\/16" is invalid: it overlaps nodeCidr/],
      ["a service CIDR overlapping the pod CIDR", { serviceCidr: "10.42.128.0/17" }, /serviceCidr "10.42.128.0\/17" is invalid: it overlaps podCidr/],
      ["a node network with no room past host 10", { nodeCidr: "10.20.0.0/29" }, /nodeCidr "10.20.0.0\/29" is invalid: use a \/28 or larger network/],
      ["an edge node network with no room past host 10", {
        multiSite: true, workerPools: { main: { size: 1, flavor: "m1" }, far: { size: 1, flavor: "m1", vim: "edge1" } }, edgeNodeCidrs: { edge1: "10.31.0.0/29" },
      }, /edgeNodeCidrs\.edge1 "10.31.0.0\/29" is invalid: use a \/28 or larger network/],
      ["a CIDR with host bits", { nodeCidr: "10.20.0.1/24" }, /nodeCidr "10.20.0.1\/24" is invalid: give an IPv4 network/],
      ["an invalid allowed CIDR", { apiAllowedCidrs: ["300.1.1.0/24"] }, /apiAllowedCidrs\[0\] "300.1.1.0\/24" is invalid/],
      ["no API CIDR at all", { apiAllowedCidrs: [] }, /apiAllowedCidrs \[\] is invalid: name at least one CIDR/],
      ["SSH CIDRs without a key", { sshAllowedCidrs: ["192.0.2.0/24"] }, /sshAllowedCidrs .* set sshPublicKey too/],
      ["a k3s version that is no release", { k3sVersion: "latest" }, /k3sVersion "latest" is invalid/],
      ["a malformed taint", { workerPools: { main: { size: 1, flavor: "m1", taints: ["gpu"] } } }, /workerPools\.main\.taints "gpu" is invalid/],
      ["a boot volume too small to boot", { workerPools: { main: { size: 1, flavor: "m1", volumeSize: 0 } } }, /workerPools\.main\.volumeSize 0 is invalid: give a whole number of GB, at least 10/],
      ["an empty flavor", { workerPools: { main: { size: 1, flavor: " " } } }, /workerPools\.main\.flavor " " is invalid: it is required/],
    ];
    it.each(cases)("%s", (_name, props, message) => {
      expect(() => clusterStack(props)).toThrow(message);
    });

    it("no node to run workloads, at synth (addWorkerPool may add the first pool after construction)", () => {
      const { stack } = clusterStack({ workerPools: {} });
      expect(() => Testing.synth(stack, true)).toThrow(/infra\/acme: workerPools \[\] is invalid: no worker would run workloads/);
    });

    it("a cluster name that is no DNS label", () => {
      expect(() => clusterStack({}, "ACME")).toThrow(/infra\/ACME: id "ACME" is invalid/);
    });
  });

  it("is valid Terraform", () => {
    const { stack } = clusterStack();
    expect(Testing.fullSynth(stack)).toBeValidTerraform();
  });
});


describe("several servers (controllers: 3): embedded etcd, the API at a virtual IP", () => {
  const haCredentials = withEtcdCas(credentials);
  const ha = (props: Partial<K8sClusterVnfProps> = {}) => synth({ controllers: 3, credentials: haCredentials, ...props });
  const servers = (resources: Resources) => byName(resources, "openstack_compute_instance_v2");
  const ports = (resources: Resources) => byName(resources, "openstack_networking_port_v2");
  const localOf = (json: string, value: string) => Object.entries(JSON.parse(json).locals as Record<string, string>).find(([, v]) => v === value)?.[0];

  it("makes three servers at hosts 10, 9 and 8, the first with the ids and address a cluster of one has", () => {
    const { resources, outputs } = ha();
    expect(Object.keys(servers(resources)).sort()).toEqual(["acme-controller", "acme-controller-1", "acme-controller-2", "acme-main-0", "acme-main-1"]);
    expect(["acme-controller", "acme-controller-1", "acme-controller-2"].map((n) => ports(resources)[n].fixed_ip[0].ip_address)).toEqual(["10.20.0.10", "10.20.0.9", "10.20.0.8"]);
    expect(Object.keys(resources.openstack_compute_instance_v2).filter((k) => k.startsWith("acme_controller-server_"))).toHaveLength(1);
    expect(Object.values(outputs).find((o: any) => o.description?.startsWith("Kubernetes node names"))?.value)
      .toEqual(["acme-controller", "acme-controller-1", "acme-controller-2", "acme-main-0", "acme-main-1"]);
  });

  it("reserves the API's virtual IP (host 5) with a port of its own, which every server's port may carry, and puts the API's floating IP on it", () => {
    const { resources, outputs } = ha();
    const vip = ports(resources)["acme-api-vip"];
    expect(vip.fixed_ip[0].ip_address).toBe("10.20.0.5");
    for (const server of ["acme-controller", "acme-controller-1", "acme-controller-2"]) {
      expect(ports(resources)[server].allowed_address_pairs).toEqual([{ ip_address: "10.20.0.5" }]);
    }
    for (const worker of ["acme-worker-main-0", "acme-worker-main-1"]) expect(ports(resources)[worker].allowed_address_pairs).toBeUndefined();
    const [fipKey, ...more] = Object.keys(resources.openstack_networking_floatingip_v2);
    expect(more).toEqual([]); // single-site: the servers have none of their own
    const vipPortKey = Object.entries(resources.openstack_networking_port_v2).find(([, p]) => p.name === "acme-api-vip")![0];
    expect(resources.openstack_networking_floatingip_v2[fipKey].port_id).toBe(`\${openstack_networking_port_v2.${vipPortKey}.id}`);
    expect(Object.values(outputs).find((o: any) => o.description?.startsWith("Kubernetes API"))?.value).toBe(`https://\${openstack_networking_floatingip_v2.${fipKey}.address}:6443`);
    const kubeconfig = Object.values(outputs).find((o: any) => o.description?.startsWith("Admin kubeconfig")) as any;
    expect(parse(kubeconfig.value).clusters[0].cluster.server).toBe(`https://\${openstack_networking_floatingip_v2.${fipKey}.address}:6443`);
  });

  it("starts etcd's cluster on the first server; the others join it through the virtual IP with the CA-pinned token", () => {
    const { json, resources } = ha();
    const token = localOf(json, '"K10${sha256("SERVER-CA-CERT")}::server:join-secret"');
    const fip = /^\$\{openstack_networking_floatingip_v2\.acme_api-vip-fip_[0-9A-F]+\.address\}$/;
    const first = k3sConfigOf(servers(resources)["acme-controller"].user_data);
    expect(first).toMatchObject({ "cluster-init": true, token: "join-secret", "node-name": "acme-controller" });
    expect(first.server).toBeUndefined();
    expect(first["tls-san"]).toEqual([expect.stringMatching(fip), "10.20.0.5", "10.20.0.10"]);
    for (const [name, address] of [["acme-controller-1", "10.20.0.9"], ["acme-controller-2", "10.20.0.8"]]) {
      const config = k3sConfigOf(servers(resources)[name].user_data);
      expect(config).toMatchObject({ server: "https://10.20.0.5:6443", token: `\${local.${token}}`, "node-name": name, "secrets-encryption": true });
      expect(config["cluster-init"]).toBeUndefined();
      expect(config["tls-san"]).toEqual([expect.stringMatching(fip), "10.20.0.5", address]);
    }
  });

  it("joins agents, and drains them, through the virtual IP", () => {
    const { json, resources } = ha();
    for (const worker of ["acme-main-0", "acme-main-1"]) expect(k3sConfigOf(servers(resources)[worker].user_data).server).toBe("https://10.20.0.5:6443");
    const locals = JSON.parse(json).locals as Record<string, string>;
    const drainer = Object.keys(locals).find((n) => n.includes("node-drainer-kubeconfig"))!;
    expect(parse(Buffer.from(locals[drainer], "base64").toString("utf8")).clusters[0].cluster.server).toBe("https://10.20.0.5:6443");
  });

  it("seeds etcd's two CAs into every server, beside the other three, and into no agent", () => {
    const { resources } = ha();
    const written = (name: string) => (parse(servers(resources)[name].user_data).write_files as { path: string; content: string }[]);
    for (const server of ["acme-controller", "acme-controller-1", "acme-controller-2"]) {
      const files = Object.fromEntries(written(server).map((f) => [f.path, Buffer.from(f.content, "base64").toString("utf8")]));
      expect(files["/var/lib/rancher/k3s/server/tls/etcd/peer-ca.crt"]).toBe("ETCD-PEER-CA-CERT");
      expect(files["/var/lib/rancher/k3s/server/tls/etcd/peer-ca.key"]).toBe("ETCD-PEER-CA-KEY");
      expect(files["/var/lib/rancher/k3s/server/tls/etcd/server-ca.crt"]).toBe("ETCD-SERVER-CA-CERT");
      expect(files["/var/lib/rancher/k3s/server/tls/etcd/server-ca.key"]).toBe("ETCD-SERVER-CA-KEY");
      expect(files["/var/lib/rancher/k3s/server/tls/server-ca.key"]).toBe("SERVER-CA-KEY");
    }
    expect(written("acme-main-0").map((f) => f.path).filter((p) => p.includes("/server/tls/"))).toEqual([]);
  });

  it("runs keepalived on every server, each sending VRRP to the other two, the first with the highest priority", () => {
    const { resources } = ha();
    const keepalived = (name: string) => Buffer.from((parse(servers(resources)[name].user_data).write_files as any[])
      .find((f) => f.path === "/etc/mecaas/keepalived.conf.template").content, "base64").toString("utf8");
    expect(keepalived("acme-controller")).toMatch(/priority 150\n[\s\S]*unicast_src_ip 10\.20\.0\.10\n {2}unicast_peer \{\n {4}10\.20\.0\.9\n {4}10\.20\.0\.8\n/);
    expect(keepalived("acme-controller-2")).toMatch(/priority 148\n[\s\S]*unicast_src_ip 10\.20\.0\.8\n {2}unicast_peer \{\n {4}10\.20\.0\.10\n {4}10\.20\.0\.9\n/);
    expect(parse(servers(resources)["acme-main-0"].user_data).runcmd).toEqual([["/usr/local/lib/mecaas/install-k3s.sh", "agent"]]);
  });

  it("admits etcd's ports and VRRP between the servers only", () => {
    const { resources } = ha();
    const serversGroup = secgroupKey(resources, "acme-controller");
    const between = rules(resources).map(([, r]) => r).filter((r) => r.protocol === "vrrp" || r.port_range_min === 2379);
    expect(between.map((r) => `${r.protocol} ${r.port_range_min ?? ""}-${r.port_range_max ?? ""}`).sort()).toEqual(["tcp 2379-2380", "vrrp -"]);
    for (const rule of between) expect([rule.security_group_id, rule.remote_group_id, rule.remote_ip_prefix]).toEqual([serversGroup, serversGroup, undefined]);
    expect(rules(synth().resources).some(([, r]) => r.protocol === "vrrp" || r.port_range_min === 2379)).toBe(false);
  });

  it("multi-site, gives every server a floating IP of its own for flannel beside the API's", () => {
    const { resources } = ha({ multiSite: true });
    expect(Object.keys(resources.openstack_networking_floatingip_v2)).toHaveLength(6);
    const own = k3sConfigOf(servers(resources)["acme-controller-1"].user_data)["node-external-ip"];
    expect(own).toMatch(/^\$\{openstack_networking_floatingip_v2\.acme_controller-1-fip_[0-9A-F]+\.address\}$/);
  });

  it("records the count with the other boot settings: a plan that changes it fails; a cluster of one records none, as before", () => {
    const { resources } = ha();
    const [record] = Object.values(resources.terraform_data);
    expect(record.input).toEqual({ k3s_version: "v1.33.4+k3s1", overlay: "vxlan", controllers: "3", cloud_provider: "k3s" });
    const first = Object.entries(resources.openstack_compute_instance_v2).find(([key]) => key.startsWith("acme_controller-server_"))![1];
    const guard = first.lifecycle.precondition.find((c: any) => c.error_message.startsWith("acme: controllers changed"));
    // A cluster made with one server recorded no count: it reads as 1, so 1 -> 3 fails too.
    expect(guard.condition).toMatch(/^\$\{\(lookup\(terraform_data\.[\w-]+\.output, "controllers", "1"\) == "3"\)\}$/);
    const others = Object.entries(resources.openstack_compute_instance_v2).filter(([key]) => /controller-[12]-server/.test(key));
    for (const [, server] of others) expect(server.lifecycle.precondition).toBeUndefined();
    expect(Object.values(synth().resources.terraform_data)[0].input).toEqual({ k3s_version: "v1.33.4+k3s1", overlay: "vxlan", cloud_provider: "k3s" });
  });

  describe("with an Octavia load balancer in front instead of keepalived (apiLoadBalancer: octavia)", () => {
    const octavia = () => ha({ apiLoadBalancer: "octavia" });

    it("puts a load balancer at the virtual IP, every server a member, and the API's floating IP on its VIP port", () => {
      const { resources, outputs } = octavia();
      const [lbKey, lb] = Object.entries(resources.openstack_lb_loadbalancer_v2)[0];
      expect(lb.vip_address).toBe("10.20.0.5");
      const [members] = Object.values(resources.openstack_lb_members_v2);
      expect(members.member.map((m: any) => `${m.address}:${m.protocol_port}`)).toEqual(["10.20.0.10:6443", "10.20.0.9:6443", "10.20.0.8:6443"]);
      expect(Object.values(resources.openstack_lb_monitor_v2)).toEqual([expect.objectContaining({ type: "TLS-HELLO" })]);
      const [fipKey, fip] = Object.entries(resources.openstack_networking_floatingip_v2)[0];
      expect(fip.port_id).toBe(`\${openstack_lb_loadbalancer_v2.${lbKey}.vip_port_id}`);
      expect(Object.values(outputs).find((o: any) => o.description?.startsWith("Kubernetes API"))?.value).toBe(`https://\${openstack_networking_floatingip_v2.${fipKey}.address}:6443`);
    });

    it("admits through its listener only the API's clients and the node network, and into the servers the load balancer's addresses", () => {
      const { resources } = octavia();
      const [listener] = Object.values(resources.openstack_lb_listener_v2);
      expect(listener).toMatchObject({ protocol: "TCP", protocol_port: 6443, allowed_cidrs: ["198.51.100.0/24", "10.20.0.0/24"] });
      const fromSubnet = rules(resources).map(([, r]) => r).filter((r) => r.remote_ip_prefix === "10.20.0.0/24");
      expect(fromSubnet.map((r) => [r.port_range_min, r.security_group_id])).toEqual([[6443, secgroupKey(resources, "acme-controller")]]);
    });

    it("runs no keepalived, reserves no address on the servers' ports, and opens no VRRP", () => {
      const { resources } = octavia();
      for (const server of ["acme-controller", "acme-controller-1", "acme-controller-2"]) {
        expect(ports(resources)[server].allowed_address_pairs).toBeUndefined();
        expect(parse(servers(resources)[server].user_data).runcmd).toEqual([["/usr/local/lib/mecaas/install-k3s.sh", "server"]]);
      }
      expect(ports(resources)["acme-api-vip"]).toBeUndefined();
      expect(rules(resources).some(([, r]) => r.protocol === "vrrp")).toBe(false);
      expect(k3sConfigOf(servers(resources)["acme-controller-1"].user_data).server).toBe("https://10.20.0.5:6443");
    });

    it("is refused with one server or multi-site, and is valid Terraform", () => {
      expect(() => clusterStack({ apiLoadBalancer: "octavia" })).toThrow(/apiLoadBalancer "octavia" is invalid: a cluster of one server has no load balancer/);
      expect(() => clusterStack({ controllers: 3, credentials: haCredentials, apiLoadBalancer: "octavia", multiSite: true }))
        .toThrow(/apiLoadBalancer "octavia" is invalid: not built for multi-site clusters/);
      expect(Testing.fullSynth(clusterStack({ controllers: 3, credentials: haCredentials, apiLoadBalancer: "octavia" }).stack)).toBeValidTerraform();
    });
  });

  it.each([2, 4, 0, 7])("refuses %p servers, naming the field and the counts etcd keeps quorum with", (controllers) => {
    expect(() => clusterStack({ controllers, credentials: haCredentials }))
      .toThrow(`infra/acme: controllers ${controllers} is invalid: use 1, 3, 5: etcd needs a majority of its members`);
  });

  it("refuses several servers without etcd's CAs, saying how to make them", () => {
    expect(() => clusterStack({ controllers: 3 }))
      .toThrow("infra/acme: credentials.etcdPeerCa null is invalid: 3 servers run k3s's embedded etcd, whose CAs every server is seeded with; make the ClusterPki with embeddedEtcd: true");
  });

  it("is valid Terraform", () => {
    const { stack } = clusterStack({ controllers: 3, credentials: haCredentials });
    expect(Testing.fullSynth(stack)).toBeValidTerraform();
  });
});

describe("settings running nodes booted with (the plan-time guard; applied for real in test/e2e/day2.spec.ts)", () => {
  const guard = (props: Partial<K8sClusterVnfProps> = {}) => {
    const { resources } = synth(props);
    const [record] = Object.values(resources.terraform_data ?? {});
    const controller = Object.entries(resources.openstack_compute_instance_v2).find(([key]) => key.includes("controller"))![1];
    return { record, controller };
  };

  it("records k3sVersion and the overlay in the state once, when the cluster is created", () => {
    const { record } = guard({ k3sVersion: "v1.33.5+k3s1" });
    expect(record.input).toEqual({ k3s_version: "v1.33.5+k3s1", overlay: "vxlan", cloud_provider: "k3s" });
    expect(record.lifecycle.ignore_changes).toEqual(["input"]);
  });

  it("makes the controller's plan fail when either differs from what was recorded, naming both values and the way out", () => {
    const { controller } = guard({ multiSite: true });
    const conditions = controller.lifecycle.precondition;
    expect(conditions.map((c: any) => c.condition)).toEqual([
      expect.stringMatching(/^\$\{\(terraform_data\.[\w-]+\.output\["k3s_version"\] == "v1\.33\.4\+k3s1"\)\}$/),
      expect.stringMatching(/^\$\{\(terraform_data\.[\w-]+\.output\["overlay"\] == "wireguard-native"\)\}$/),
      // Recorded since the OpenStack integration; a cluster made before it had k3s's own cloud provider.
      expect.stringMatching(/^\$\{\(lookup\(terraform_data\.[\w-]+\.output, "cloud_provider", "k3s"\) == "k3s"\)\}$/),
    ]);
    expect(conditions[0].error_message).toMatch(/^acme: k3s_version changed from \$\{terraform_data\.[\w-]+\.output\["k3s_version"\]\} \(what the running nodes booted with\) to v1\.33\.4\+k3s1\. Keep it as the cluster was created: /);
  });

  it("keeps a running node where it is when its zone default changes (no replacement of the controller)", () => {
    const { controller } = guard();
    expect(controller.lifecycle.ignore_changes).toContain("availability_zone");
  });
});

describe("with the OpenStack integration (openstackIntegration: the CCM and the Cinder CSI driver)", () => {
  const integrated = (props: Partial<K8sClusterVnfProps> = {}) => {
    const { stack, cluster } = clusterStack({ openstackIntegration: true, workerPools: { main: { size: 1, flavor: "m1.large" } }, ...props });
    new TerraformOutput(stack, "cloud-conf", { value: cluster.cloudProviderConfig, sensitive: true });
    const json = JSON.parse(Testing.synth(stack));
    return { cloudConfig: json.output["cloud-conf"].value as string, resources: json.resource as Resources };
  };

  it("boots k3s without its own cloud controller and every kubelet with the external cloud provider", () => {
    const { resources } = integrated();
    const servers = byName(resources, "openstack_compute_instance_v2");
    expect(k3sConfigOf(servers["acme-controller"].user_data)).toMatchObject({ "disable-cloud-controller": true, "kubelet-arg": ["cloud-provider=external"] });
    const agent = k3sConfigOf(servers["acme-main-0"].user_data);
    expect(agent["kubelet-arg"]).toEqual(["cloud-provider=external"]);
    expect(agent["disable-cloud-controller"]).toBeUndefined(); // a server's setting; agents run no controllers
  });

  it("makes the cluster's own application credential and hands its cloud.conf on; without it, none and k3s as before", () => {
    const { cloudConfig, resources } = integrated();
    expect(Object.values(resources.openstack_identity_application_credential_v3)).toEqual([
      expect.objectContaining({ name: "acme-cloud-provider", roles: ["member"], unrestricted: false }),
    ]);
    expect(cloudConfig).toMatch(/application-credential-secret = "\$\{openstack_identity_application_credential_v3\.[\w-]+\.secret\}"/);
    const plain = clusterStack();
    expect(plain.cluster.cloudProviderConfig).toBeUndefined();
    const plainResources = JSON.parse(Testing.synth(plain.stack)).resource as Resources;
    expect(plainResources.openstack_identity_application_credential_v3).toBeUndefined();
    const controller = byName(plainResources, "openstack_compute_instance_v2")["acme-controller"];
    expect(k3sConfigOf(controller.user_data)["kubelet-arg"]).toBeUndefined();
  });

  it("records the kubelet's cloud provider with the boot settings, so turning the integration on or off fails the plan", () => {
    const { resources } = integrated();
    const [record] = Object.values(resources.terraform_data);
    expect(record.input.cloud_provider).toBe("openstack");
    const controller = byName(resources, "openstack_compute_instance_v2")["acme-controller"];
    const guard = controller.lifecycle.precondition.find((c: any) => c.error_message.startsWith("acme: cloud_provider changed"));
    expect(guard.condition).toMatch(/lookup\(terraform_data\.[\w-]+\.output, "cloud_provider", "k3s"\) == "openstack"/);
    expect(guard.error_message).toContain("openstackIntegration");
  });

  it("Octavia LoadBalancer Services: the credential gets load-balancer_member, cloud.conf the cluster's subnet and external network", () => {
    const { cloudConfig, resources } = integrated({ octaviaLoadBalancers: true });
    expect(Object.values(resources.openstack_identity_application_credential_v3)[0].roles).toEqual(["member", "load-balancer_member"]);
    expect(cloudConfig).toMatch(/\[LoadBalancer\]\nenabled = true\nsubnet-id = "\$\{openstack_networking_subnet_v2\.[\w-]+\.id\}"\nfloating-network-id = "\$\{data\.openstack_networking_network_v2\.core_external-network_[\w]+\.id\}"/);
  });

  it("refuses pools on another VIM (the CCM would delete Nodes it cannot find) and Octavia Services without the CCM", () => {
    expect(() => integrated({ multiSite: true, workerPools: { meh: { size: 1, flavor: "m1.large", vim: "edge1" } } }))
      .toThrow(/workerPools\.meh\.vim.*edge1.*knows core only.*set openstackIntegration false/);
    expect(() => clusterStack({ octaviaLoadBalancers: true })).toThrow(/octaviaLoadBalancers.*set openstackIntegration true too/);
  });
});
