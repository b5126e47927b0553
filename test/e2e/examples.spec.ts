/**
 * Rung 6 of the ladder, for real: every example catalog deployed on the test bed's OpenStack (testbed/openstack, a
 * real Zed control plane from Debian's packages on 127.0.0.1) with real Terraform and the real OpenStack provider.
 * `nsp` is applied with the NSP's admin credentials, each `<csp>-infra` as the CSP's own identity; the `<csp>-pki`
 * outputs come from a stand-in state made with openssl (support/pki-stand-in.ts: its tls and random providers
 * cannot be built here), and the `<csp>-platform` stacks, which need a running cluster, are not applied here.
 * Each example is applied, re-planned (no changes), destroyed, and the cloud is checked to hold nothing of its CSPs.
 *
 * What this does not prove: no VM boots (Nova's fake driver marks servers ACTIVE), no packet flows (Neutron has no
 * agents: routers, floating IPs and security groups exist at the API level only), no DHCP, no volume holds data.
 */
import { basename } from "path";
import { exampleCatalogs } from "../synth";
import { CatalogDeployment, holdTestbed } from "./support/deployment";

const deployments = exampleCatalogs().map((c) => new CatalogDeployment(basename(c), c));
holdTestbed(deployments);

describe.each(deployments.map((d) => [d.name, d]))("example %s on the test bed's OpenStack", (_name, deployment) => {
  const cspNames: string[] = deployment.catalog.csps.map((c: any) => c.name);

  beforeAll(async () => {
    await deployment.writeClouds();
    deployment.synth();
  });

  afterAll(() => {
    // A failure above must not leave this example's CSPs in the cloud for the next example.
    deployment.destroyApplied();
  });

  it("applies nsp with the NSP's admin credentials: a project and a group per CSP and VIM", async () => {
    deployment.deploy("nsp");
    const admin = await deployment.adminClient();
    for (const csp of deployment.catalog.csps) {
      for (const vim of deployment.vimsOf(csp)) {
        const domain = await deployment.vimDomain(vim);
        expect(await admin.findProject(`csp-${csp.name}`, domain)).toMatchObject({ name: `csp-${csp.name}`, domain_id: domain });
        expect(await admin.findGroup(`csp-${csp.name}`, domain)).toMatchObject({ name: `csp-${csp.name}` });
      }
    }
  });

  it("applies every <csp>-infra as the CSP's own identity: every node ACTIVE in its zone, named as the outputs say", async () => {
    await deployment.joinCspGroups();
    const admin = await deployment.adminClient();
    for (const csp of deployment.catalog.csps) {
      deployment.deploy(`${csp.name}-infra`);
      const outputs = deployment.terraform.outputs(deployment.stack(`${csp.name}-infra`).dir);
      const nodeNames: string[] = outputs[`${csp.name}_node_names`];
      const pools = Object.entries<any>(csp.cluster.workerPools ?? {});
      expect(nodeNames).toHaveLength((csp.cluster.controllers ?? 1) + pools.reduce((n, [, p]) => n + p.size, 0));
      expect(outputs[`${csp.name}_api_endpoint`]).toMatch(/^https:\/\/192\.0\.2\.\d+:6443$/);

      const servers = [];
      for (const vim of deployment.vimsOf(csp)) {
        const project = await admin.findProject(`csp-${csp.name}`, await deployment.vimDomain(vim));
        servers.push(...await admin.servers(project.id));
      }
      expect(servers.map((s) => s.name).sort()).toEqual([...nodeNames].sort());
      for (const server of servers) {
        expect(server.status).toBe("ACTIVE");
        const pool = pools.find(([pool]) => server.name.startsWith(`${csp.name}-${pool}-`))?.[1];
        const vim = deployment.catalog.vims[pool?.vim ?? csp.cluster.vim];
        const zone = pool?.availabilityZone ?? vim.availabilityZones?.[0];
        if (zone) expect(`${server.name} in ${server["OS-EXT-AZ:availability_zone"]}`).toBe(`${server.name} in ${zone}`);
      }
      // A shared network the CSP asked for: every worker on its VIM has a port on it, besides the node network's.
      for (const name of csp.sharedNetworks ?? []) {
        const shared = deployment.catalog.sharedNetworks.find((n: any) => n.name === name);
        const { networks } = await admin.get("network", `/v2.0/networks?name=${shared.network}`);
        const workers = pools.filter(([, p]) => (p.vim ?? csp.cluster.vim) === shared.vim)
          .flatMap(([pool, p]) => Array.from({ length: p.size }, (_, i) => `${csp.name}-${pool}-${i}`));
        expect(workers.length).toBeGreaterThan(0);
        for (const worker of workers) {
          const { ports } = await admin.get("network", `/v2.0/ports?device_id=${servers.find((s) => s.name === worker).id}`);
          expect({ worker, networks: ports.map((p: any) => p.network_id).sort() })
            .toEqual({ worker, networks: expect.arrayContaining([networks[0].id]) });
          expect(ports).toHaveLength(2);
        }
      }
    }
  });

  it("re-plans every applied stack with no changes", () => {
    for (const stack of ["nsp", ...cspNames.map((c) => `${c}-infra`)]) {
      expect({ stack, changes: deployment.pendingChanges(stack) }).toEqual({ stack, changes: [] });
    }
  });

  it("destroys every stack, and the cloud holds nothing of its CSPs", () => deployment.destroyAllExpectingNothingLeft());
});
