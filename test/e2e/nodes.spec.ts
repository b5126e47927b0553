/**
 * The cluster for real: examples/mec-app.yaml applied on the test bed's OpenStack, then every server Terraform made booted
 * as a node (support/nodes.ts: systemd-nspawn, systemd as PID 1, real cloud-init on exactly the user_data Nova holds,
 * its fixed address). install-k3s.sh fetches "k3s" from a mirror at the catalog's k3sDownloadUrl and checks its
 * checksum; what it gets is the k3s STAND-IN (testbed/nodes/k3s-stand-in), which runs the upstream v1.33.4 components.
 * The kubeconfig the infra stack outputs is used as a user would: against the controller's floating IP.
 *
 * The cluster has the catalog's default OpenStack integration: the kubelets register with the external cloud provider,
 * the platform stack installs the OpenStack CCM and the Cinder CSI driver (STAND-IN images of the upstream binaries,
 * images/README.md) with the application credential the infra stack made, against the test bed's Keystone, Nova and
 * Cinder (reached from the nodes through support/openstack-relay.ts).
 *
 * What this does not prove: a VM's boot (kernel, the cloud image, Neutron's DHCP and metadata service), real k3s
 * (its supervisor, flannel, its bundled CoreDNS and local-path images), packets through Neutron (the nodes share a
 * host bridge), a Cinder volume attached or mounted (Nova's fake driver has no block device: the CSI driver runs
 * without its attacher and node plugin here, and the MEP's volume is local-path), Octavia (not in the test bed).
 */
import { execFileSync } from "child_process";
import { readdirSync, readFileSync } from "fs";
import { join } from "path";
import { EXAMPLES_DIR } from "../synth";
import { CatalogDeployment, holdTestbed } from "./support/deployment";
import { K3sMirror, Kubectl, nodeImages, recordTiming, TestbedNodes } from "./support/nodes";
import { runHelm } from "../support/helm";
import { PlatformStack, StackResource } from "../support/platform-stack";
import { InClusterPostgres, inClusterPostgres } from "./support/postgres";
import { OpenStackApiRelay } from "./support/openstack-relay";
import { EdgeManoCli, followLog, occurrenceSeconds } from "./support/edge-mano";
import { parse } from "yaml";

const deployment = new CatalogDeployment("nodes", join(EXAMPLES_DIR, "mec-app.yaml"));
const csp = deployment.catalog.csps[0];
const NODE_CIDR = "10.77.0.0/24";
const GATEWAY = "10.77.0.1";
const mirror = new K3sMirror();
const relay = new OpenStackApiRelay();
let nodes: TestbedNodes;
let kubectl: Kubectl;
/** Set once every node is Ready: the later steps build on that cluster, and fail at once without it. */
let clusterUp = false;
const requireCluster = () => { if (!clusterUp) throw new Error("the cluster did not come up (first spec): nothing to build on"); };

const outputs = () => deployment.terraform.outputs(deployment.stack(`${csp.name}-infra`).dir);
const readyNodes = (): Record<string, any> | undefined => {
  const items: any[] = kubectl.json("get", "nodes").items;
  // Ready, and the node controller has lifted its not-ready taint (it lags the condition by up to a few seconds).
  const ready = items.filter((n) => n.status.conditions.some((c: any) => c.type === "Ready" && c.status === "True")
    && !(n.spec.taints ?? []).some((t: any) => t.key === "node.kubernetes.io/not-ready"));
  return Object.fromEntries(ready.map((n) => [n.metadata.name, n]));
};
async function waitForReadyNodes(names: string[], seconds = 300): Promise<Record<string, any>> {
  return (await kubectl.waitFor(`nodes ${names.join(", ")} Ready`, seconds, () => {
    const ready = readyNodes()!;
    return names.every((n) => ready[n]) && Object.keys(ready).length === names.length ? ready : undefined;
  })).value;
}

const UNINITIALIZED = { key: "node.cloudprovider.kubernetes.io/uninitialized", value: "true", effect: "NoSchedule" };

/** What the node test bed changes on the host while nodes run; the last spec checks it is all undone. */
const KUBELET_SYSCTLS = ["vm/overcommit_memory", "kernel/panic", "kernel/panic_on_oops"];
const hostSysctls = () => KUBELET_SYSCTLS.map((k) => readFileSync(`/proc/sys/${k}`, "utf8").trim());
let sysctlsBefore: string[];

holdTestbed([deployment], async () => {
  relay.close();
  nodes?.destroyAll();
  await mirror.close();
});

beforeAll(async () => {
  sysctlsBefore = hostSysctls();
  mirror.publish(csp.cluster.k3sVersion ?? "v1.33.4+k3s1");
  const port = await mirror.listen();
  csp.cluster.nodeCidr = NODE_CIDR;
  csp.cluster.k3sDownloadUrl = `http://${GATEWAY}:${port}`;
  // A Cinder volume cannot be attached here (Nova's fake driver): the MEP keeps its volume on the node (local-path).
  csp.mep = { ...csp.mep, storageClass: "local-path" };
  // b2b2c: the platform stack gives the CSP its own Edge MANO (engine mecaas, the default) beside the MEP, and lets
  // the MEP call back into the Edge MANO's apps namespace. The catalog's app still goes through MecAppCnf.
  Object.assign(csp, { mode: "b2b2c" });
  // A second app that consumes the first's service, so a notification crosses the cluster from the MEP to a pod.
  csp.apps.push({
    name: "sample-watch", descriptor: join(__dirname, "catalogs/sample-watch.appd.yaml"), chart: "../charts/mec-app-sample",
    values: { producedService: { serName: "sample-watch", version: "1.0.0" }, consumedServices: ["sample-echo"] },
  });
  nodes = new TestbedNodes(deployment, nodeImages());
  await deployment.writeClouds();
  deployment.synth();
  deployment.deploy("nsp");
  await deployment.joinCspGroups();
  recordTiming("infra apply", deployment.deploy(`${csp.name}-infra`));
});

it("boots every server from its own user_data: the controller serves the API, the worker joins with the CA-pinned token, every node Ready with its pool's labels", async () => {
  const started = Date.now();
  const booted = await nodes.bootServers(csp.name, csp.cluster.vim);
  expect(booted.map((n) => n.name).sort()).toEqual([...outputs()[`${csp.name}_node_names`]].sort());
  kubectl = new Kubectl(outputs()[`${csp.name}_kubeconfig`]);
  const ready = await waitForReadyNodes(outputs()[`${csp.name}_node_names`]).catch((error) => {
    throw new Error(`${error.message}\n${booted.map((n) => `--- ${n.name}\n${nodes.console(n.name)}`).join("\n")}`);
  });
  recordTiming("nodes started to all Ready", (Date.now() - started) / 1000);
  for (const worker of [`${csp.name}-main-0`, `${csp.name}-main-1`]) {
    expect(ready[worker].metadata.labels).toMatchObject({ "mecaas.io/pool": "main" });
    expect(ready[worker].status.addresses).toContainEqual({ type: "InternalIP", address: booted.find((n) => n.name === worker)!.address });
    // --cloud-provider=external: uninitialized until the OpenStack CCM (the platform stack's first release) runs.
    expect(ready[worker].spec.taints).toEqual([UNINITIALIZED]);
    expect(ready[worker].spec.providerID).toBeUndefined();
  }
  // Not controllerSchedulable in this example: workloads stay off the controller.
  const controllerTaints = ready[`${csp.name}-controller`].spec.taints;
  expect(controllerTaints).toHaveLength(2);
  expect(controllerTaints).toEqual(expect.arrayContaining([{ key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" }, UNINITIALIZED]));
  clusterUp = true;
});

describe("the platform stack applied to that cluster, hooks included (helm's CLI standing in for the helm provider)", () => {
  let platform: PlatformStack;
  /** The NSP's database of the day-2 spec; it outlives the platform, as the NSP's server would. */
  let postgres: InClusterPostgres | undefined;
  const helm = (args: string[], values?: object) => runHelm(args, values, { KUBECONFIG: kubectl.kubeconfig });
  /** What the helm provider does when a helm_release is destroyed. */
  const uninstall = (r: StackResource) => {
    const result = helm(["uninstall", r.config.name, "--namespace", r.config.namespace, "--wait", "--timeout", "120s"]);
    expect([r.address, result.ok, result.stderr]).toEqual([r.address, true, ""]);
  };
  /** A GET of the MEP's own API from inside its pod (node's fetch), as its admin: what the management API holds. */
  const mepAdminGet = (path: string): any => {
    const script = `const b=process.env.MEP_API_ROOT,a=Buffer.from(process.env.MEP_ADMIN_CLIENT_ID+":"+process.env.MEP_ADMIN_CLIENT_SECRET).toString("base64");`
      + `fetch("http://127.0.0.1:8080/oauth/token",{method:"POST",headers:{authorization:"Basic "+a,"content-type":"application/x-www-form-urlencoded"},body:"grant_type=client_credentials"})`
      + `.then(r=>r.json()).then(t=>fetch("http://127.0.0.1:8080${path}",{headers:{authorization:"Bearer "+t.access_token}}))`
      + `.then(async r=>console.log(JSON.stringify({status:r.status,body:r.status===200?await r.json():null})))`;
    const result = kubectl.run(["exec", "-n", "mec-platform", "deploy/mep", "--", "node", "-e", script]);
    if (result.status !== 0) throw new Error(`kubectl exec into the MEP: ${result.stderr}`);
    return JSON.parse(result.stdout);
  };

  /** The infra stack's outputs as applied (read once: a later synth's folder has no state of it). */
  let infraOutputs: Record<string, string>;
  /** The platform stack as applied after the infra stack: its cross-stack values (the cloud.conf) are the infra's outputs. */
  const platformStack = (variables: Record<string, string> = {}) => new PlatformStack(deployment.stack(`${csp.name}-platform`), variables, infraOutputs);
  /**
   * What the test bed needs of the releases beyond the catalog's: the Edge MANO's volume on local-path; for the
   * OpenStack integration's, no attacher and node plugin
   * (no block device to attach: Nova's fake driver), the CSI controller in its node's network (where the relay makes
   * the OpenStack APIs reachable), the stand-in images as imported.
   */
  const releaseValues = (s: PlatformStack, r: StackResource) => {
    const values = s.releaseValues(r.config);
    // The Edge MANO's SQLite volume on the node, as the MEP's (a Cinder volume cannot be attached here).
    if (r.config.name === "mecaas") return { ...values, persistence: { ...values.persistence, storageClassName: "local-path" } };
    if (r.config.name !== "openstack-integration") return values;
    return { ...values, imagePullPolicy: "Never", csi: { ...values.csi, attach: false, controller: { ...values.csi.controller, hostNetwork: true } } };
  };

  beforeAll(async () => {
    requireCluster();
    infraOutputs = outputs();
    platform = platformStack();
    await relay.into(outputs()[`${csp.name}_node_names`]);
  });

  it("installs every release as the provider would (wait, atomic): the MEP Ready with its probes on a bound volume, the app's registration hook Job run, the app Ready", () => {
    const seconds: Record<string, number> = {};
    for (const r of platform.inApplyOrder()) {
      if (r.type !== "helm_release") {
        kubectl.apply(platform.objectOf(r));
        continue;
      }
      const started = Date.now();
      const install = helm(platform.helmArgs(r), releaseValues(platform, r));
      seconds[r.address] = (Date.now() - started) / 1000;
      recordTiming(`helm install ${r.config.name} (${r.address.includes("_registration") ? "registration hook" : "release"}, waited)`, seconds[r.address]);
      expect([r.address, install.ok, install.stderr]).toEqual([r.address, true, ""]);
    }
    console.log(`platform releases installed (s): ${JSON.stringify(seconds)}`);
    expect(platform.inApplyOrder().filter((r) => r.type === "helm_release").map((r) => r.config.name)[0]).toBe("openstack-integration");
    const mep = kubectl.json("get", "pods", "-n", "mec-platform", "-l", "app.kubernetes.io/name=mep").items;
    expect(mep).toHaveLength(1);
    expect(mep[0].status.conditions).toContainEqual(expect.objectContaining({ type: "Ready", status: "True" }));
    // The MEP's volume and the Edge MANO's (b2b2c: the platform's mecaas release beside the MEP).
    expect(kubectl.json("get", "pvc", "-n", "mec-platform").items.map((p: any) => p.status.phase)).toEqual(["Bound", "Bound"]);
  });

  it("the CCM authenticated with the cluster's own application credential (member of the CSP's project only) and initialized every node from Nova", async () => {
    // The credential, as the kube-system Secret holds it: Keystone gives it a token of the CSP's project with member only.
    const secret = kubectl.json("get", "secret", "-n", "kube-system", "openstack-cloud-config");
    const conf = Buffer.from(secret.data["cloud.conf"], "base64").toString("utf8");
    const field = (key: string) => new RegExp(`^${key} = "([^"]*)"$`, "m").exec(conf)?.[1];
    const auth = await fetch(`${field("auth-url")}/auth/tokens`, {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ auth: { identity: { methods: ["application_credential"],
        application_credential: { id: field("application-credential-id"), secret: field("application-credential-secret") } } } }),
    });
    expect(auth.status).toBe(201);
    const { token } = (await auth.json()) as any;
    expect({ project: token.project.name, roles: token.roles.map((r: any) => r.name) }).toEqual({ project: `csp-${csp.name}`, roles: ["member"] });
    expect(field("region")).toBe("RegionOne");

    const admin = await deployment.adminClient();
    const project = await admin.findProject(`csp-${csp.name}`, "default");
    const servers = new Map((await admin.servers(project.id)).map((s: any) => [s.name, s]));
    const { value: initialized } = await kubectl.waitFor("every node initialized by the CCM", 120, () => {
      const items: any[] = kubectl.json("get", "nodes").items;
      return items.every((n) => n.spec.providerID && !(n.spec.taints ?? []).some((t: any) => t.key === UNINITIALIZED.key)) ? items : undefined;
    });
    for (const node of initialized) {
      const server = servers.get(node.metadata.name)!;
      expect([node.metadata.name, node.spec.providerID]).toEqual([node.metadata.name, `openstack:///${server.id}`]);
      expect(node.metadata.labels).toMatchObject({
        "topology.kubernetes.io/region": "RegionOne",
        "topology.kubernetes.io/zone": server["OS-EXT-AZ:availability_zone"],
        "node.kubernetes.io/instance-type": server.flavor.original_name,
      });
      const fixed = Object.values<any[]>(server.addresses).flat().find((a) => a["OS-EXT-IPS:type"] === "fixed").addr;
      expect(node.status.addresses).toContainEqual({ type: "InternalIP", address: fixed });
    }
    console.log(`CCM: ${initialized.map((n) => `${n.metadata.name} ${n.spec.providerID} ${n.metadata.labels["topology.kubernetes.io/zone"]} ` +
      `${n.metadata.labels["node.kubernetes.io/instance-type"]} ${JSON.stringify(n.status.addresses)}`).join("; ")}`);
  });

  it("a PersistentVolumeClaim of the default StorageClass cinder makes a Cinder volume in the CSP's project; deleting the claim deletes it", async () => {
    const admin = await deployment.adminClient();
    const project = await admin.findProject(`csp-${csp.name}`, "default");
    const classes: any[] = kubectl.json("get", "storageclass").items;
    expect(classes.find((c) => c.metadata.name === "cinder")).toMatchObject({
      provisioner: "cinder.csi.openstack.org", metadata: { annotations: { "storageclass.kubernetes.io/is-default-class": "true" } },
    });
    // No pod uses it: it could not be attached here.
    const claim = { apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name: "cinder-probe", namespace: "default" },
      spec: { storageClassName: "cinder", accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } } };
    const started = Date.now();
    kubectl.apply(claim);
    const { value: bound } = await kubectl.waitFor("the claim Bound to a Cinder volume", 120, () => {
      const pvc = kubectl.json("get", "pvc", "-n", "default", "cinder-probe");
      return pvc.status.phase === "Bound" ? pvc : undefined;
    });
    recordTiming("PVC of StorageClass cinder to Bound (Cinder volume created)", (Date.now() - started) / 1000);
    const pv = kubectl.json("get", "pv", bound.spec.volumeName);
    expect(pv.spec.csi.driver).toBe("cinder.csi.openstack.org");
    const { volume } = await admin.get("volumev3", `/volumes/${pv.spec.csi.volumeHandle}`);
    expect(volume).toMatchObject({ name: pv.metadata.name, size: 1, status: "available", "os-vol-tenant-attr:tenant_id": project.id,
      metadata: expect.objectContaining({ "cinder.csi.openstack.org/cluster": csp.name, "csi.storage.k8s.io/pvc/name": "cinder-probe" }) });

    kubectl.delete(claim);
    const volumeIds = async () => (await admin.get("volumev3", `/volumes?all_tenants=1&project_id=${project.id}`)).volumes.map((v: any) => v.id);
    for (const deadline = Date.now() + 120_000; (await volumeIds()).includes(pv.spec.csi.volumeHandle);) {
      if (Date.now() > deadline) throw new Error(`Cinder volume ${pv.spec.csi.volumeHandle} still there 120 s after its claim was deleted`);
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
    expect(kubectl.run(["get", "pv", pv.metadata.name]).status).not.toBe(0);
  });

  it("the app got its token, confirmed ready and registered its service on the MEP, from inside the cluster", async () => {
    const { value: services } = await kubectl.waitFor("the sample app's service registered on the MEP", 60, () => {
      const found = mepAdminGet(`/mec_service_mgmt/v1/services?ser_name=sample-echo`);
      return found.status === 200 && found.body.length === 1 ? found.body : undefined;
    });
    expect(services[0]).toMatchObject({ serName: "sample-echo", state: "ACTIVE" });
    const appInstanceId = platform.resolve(platform.stack.json.output.app_sample_echo_app_instance_id.value);
    expect(mepAdminGet("/mecaas_mgmt/v1/app_instances").body.map((i: any) => i.appInstanceId)).toContain(appInstanceId);
  });

  it("removing the app runs its pre-delete hook: its app instance is gone from the MEP, and the app consuming its service is notified", async () => {
    // What Terraform destroys when the app leaves the catalog, dependents first: the app's release, then its registration.
    const releases = platform.inApplyOrder().filter((r) => r.type === "helm_release" && r.address.startsWith("helm_release.app-sample-echo_"));
    expect(releases.map((r) => r.address.replace(/_[0-9A-F]{8}$/, ""))).toEqual(["helm_release.app-sample-echo_registration", "helm_release.app-sample-echo_release"]);
    const before = mepAdminGet("/mecaas_mgmt/v1/app_instances").body.length;
    for (const r of releases.reverse()) uninstall(r);
    expect(mepAdminGet("/mecaas_mgmt/v1/app_instances").body.length).toBe(before - 1);
    expect(mepAdminGet(`/mec_service_mgmt/v1/services?ser_name=sample-echo`).body ?? []).toEqual([]);
    // The app that consumes sample-echo was told, in its own pod, through the callback the MEP let in.
    const { value: line } = await kubectl.waitFor("sample-watch notified that sample-echo went", 30, () => {
      const logs = kubectl.run(["logs", "-n", "sample-watch", "deploy/sample-watch-mec-app-sample"]).stdout;
      return logs.split("\n").find((l) => l.includes("service availability changed"));
    });
    expect(JSON.parse(line)).toMatchObject({ level: "info", message: "service availability changed" });
  });

  describe("the CSP's Edge MANO (the platform stack's mecaas release) driven by its operator's CLI, mecaas-mano", () => {
    const APPS = "mec-apps"; // EdgeMano's default apps namespace
    const POOL = "main";
    let cli: EdgeManoCli;
    let appInstanceId: string;
    let serInstanceId: string;
    /** The later specs build on the instance the first made. */
    const requireInstance = () => { if (!appInstanceId) throw new Error("the Edge MANO instantiated nothing (first spec): nothing to check"); };
    const occurrenceOf = (operation: string) => cli.run(["occurrences"])
      .find((o: any) => o._links.appInstance.href.endsWith(`/app_instances/${appInstanceId}`) && o.lcmOperation === operation);

    beforeAll(() => { cli = new EdgeManoCli(kubectl, "mec-platform", "mecaas"); });

    it("onboards the sample app's package (its AppD, the chart in the Edge MANO's image) and instantiates it on worker pool main: COMPLETED after the app's own confirm_ready", () => {
      const appD = parse(readFileSync(join(EXAMPLES_DIR, "mec-app/sample-app.appd.yaml"), "utf8"));
      const pkg = cli.run(["onboard", "/dev/stdin"], JSON.stringify({ appD, mciop: "/opt/mecaas/charts/mec-app-sample" }));
      expect(pkg).toMatchObject({ appDId: appD.appDId, onboardingState: "ONBOARDED", operationalState: "ENABLED" });
      const started = Date.now();
      const instance = cli.run(["instantiate", appD.appDId, "--pool", POOL]);
      const wall = (Date.now() - started) / 1000;
      expect(instance).toMatchObject({ appDId: appD.appDId, instantiationState: "INSTANTIATED", instantiatedAppState: { operationalState: "STARTED" } });
      appInstanceId = instance.id;
      const occ = occurrenceOf("INSTANTIATE");
      expect(occ.operationState).toBe("COMPLETED");
      recordTiming("Edge MANO instantiate to COMPLETED (the app's confirm_ready)", occurrenceSeconds(occ));
      console.log(`Edge MANO instantiate -> COMPLETED: ${occurrenceSeconds(occ).toFixed(1)} s (the CLI's whole run, onboard excluded: ${wall.toFixed(1)} s)`);
      // COMPLETED is the MEP's READY: the app itself confirmed, with the Mp1 credential the Edge MANO handed it.
      expect(mepAdminGet(`/mecaas_mgmt/v1/app_instances/${appInstanceId}`).body).toMatchObject({ appInstanceId, state: "READY" });
    });

    it("the app's pod runs on a node of that pool, and its service is registered on the MEP, where another app discovers it", async () => {
      requireInstance();
      const pods: any[] = kubectl.json("get", "pods", "-n", APPS, "-l", `app.kubernetes.io/instance=mec-${appInstanceId}`).items;
      expect(pods.map((p) => p.status.phase)).toEqual(["Running"]);
      const node = kubectl.json("get", "node", pods[0].spec.nodeName);
      expect(node.metadata.labels).toMatchObject({ "mecaas.io/pool": POOL });
      // The catalog's own sample-echo is gone (the spec before): this one is the Edge MANO's app's.
      const services = mepAdminGet("/mec_service_mgmt/v1/services?ser_name=sample-echo").body;
      expect(services).toEqual([expect.objectContaining({ serName: "sample-echo", state: "ACTIVE" })]);
      serInstanceId = services[0].serInstanceId;
      // sample-watch (the catalog's second app, through MecAppCnf) consumes sample-echo: the MEP told it in its pod.
      await kubectl.waitFor("sample-watch notified of the Edge MANO's sample-echo", 30, () => {
        const logs = kubectl.run(["logs", "-n", "sample-watch", "deploy/sample-watch-mec-app-sample"]).stdout;
        return logs.split("\n").find((l) => l.includes(`ADDED sample-echo ${serInstanceId}`));
      });
    });

    it("terminates it gracefully: the MEP notifies the app, the app confirms, and nothing of it is left (release, identity Secret, MEP instance and service)", async () => {
      requireInstance();
      const pod = kubectl.json("get", "pods", "-n", APPS, "-l", `app.kubernetes.io/instance=mec-${appInstanceId}`).items[0].metadata.name;
      const said = followLog(kubectl, APPS, pod, 120);
      const instance = cli.run(["terminate", appInstanceId, "--graceful", "30"]);
      expect(instance).toMatchObject({ id: appInstanceId, instantiationState: "NOT_INSTANTIATED" });
      const occ = occurrenceOf("TERMINATE");
      expect(occ.operationState).toBe("COMPLETED");
      recordTiming("Edge MANO graceful terminate to COMPLETED", occurrenceSeconds(occ));
      console.log(`Edge MANO graceful terminate -> COMPLETED: ${occurrenceSeconds(occ).toFixed(1)} s`);
      // The app's own account of the AppTermination flow (confirmed: no 30 s timeout ran).
      expect((await said).map((l) => l.message)).toEqual(expect.arrayContaining(["termination requested", "termination confirmed"]));
      expect(occurrenceSeconds(occ)).toBeLessThan(30);

      const helmList = runHelm(["list", "-n", APPS, "--all", "--output", "json"], undefined, { KUBECONFIG: kubectl.kubeconfig });
      expect(JSON.parse(helmList.stdout)).toEqual([]);
      expect(kubectl.run(["get", "secret", "-n", APPS, `mec-${appInstanceId}-mp1`]).stderr).toMatch(/NotFound/);
      await kubectl.waitFor(`no pod left in ${APPS}`, 60, () => (kubectl.json("get", "pods", "-n", APPS).items.length === 0 || undefined));
      expect(mepAdminGet(`/mecaas_mgmt/v1/app_instances/${appInstanceId}`).status).toBe(404);
      expect(mepAdminGet(`/mec_service_mgmt/v1/services?ser_name=sample-echo`).body ?? []).toEqual([]);
    });
  });

  it("day 2, the catalog's MEP on PostgreSQL with two replicas: the release upgrades, and a pod deleted under load fails no request", async () => {
    // The NSP's database, here a pod in the cluster (the stand-in postgres image); its URL is the stack's input.
    postgres = inClusterPostgres("nsp-databases");
    for (const manifest of postgres.manifests) kubectl.apply(manifest);
    await kubectl.waitFor("PostgreSQL ready", 120, () => {
      const pods: any[] = kubectl.json("get", "pods", "-n", "nsp-databases", "-l", "app.kubernetes.io/name=mep-postgres").items;
      return pods.some((p) => p.status.conditions?.some((c: any) => c.type === "Ready" && c.status === "True")) || undefined;
    });

    const { storageClass: _volumeOnly, ...sqliteMep } = csp.mep; // PostgreSQL: no volume
    Object.assign(csp, { mep: { ...sqliteMep, replicas: 2, database: "postgresql" } });
    deployment.synth();
    const before = new Set(platform.inApplyOrder().map((r) => r.address));
    const changed = platformStack({ mep_postgres_url: postgres.url });
    // What Terraform's plan holds: the new Secret of the URL is created, the MEP's release updated.
    const added = changed.inApplyOrder().filter((r) => !before.has(r.address));
    expect(added.map((r) => r.type)).toEqual(["kubernetes_secret_v1"]);
    kubectl.apply(changed.objectOf(added[0]));
    const mep = changed.inApplyOrder().find((r) => r.type === "helm_release" && r.config.name === "mep")!;
    const started = Date.now();
    const upgrade = helm(changed.helmArgs(mep, "upgrade"), releaseValues(changed, mep));
    expect([upgrade.ok, upgrade.stderr]).toEqual([true, ""]);
    recordTiming("helm upgrade mep to 2 replicas on PostgreSQL (waited)", (Date.now() - started) / 1000);
    const mepPods = (): any[] => kubectl.json("get", "pods", "-n", "mec-platform", "-l", "app.kubernetes.io/name=mep").items
      .filter((p: any) => !p.metadata.deletionTimestamp && p.status.conditions?.some((c: any) => c.type === "Ready" && c.status === "True"));
    const { value: serving } = await kubectl.waitFor("2 MEP pods Ready on PostgreSQL", 120, () => (mepPods().length === 2 ? mepPods() : undefined));
    expect(serving.map((p) => p.spec.containers[0].env.find((e: any) => e.name === "MEP_DATABASE_URL")?.valueFrom.secretKeyRef.name))
      .toEqual([added[0].config.metadata.name, added[0].config.metadata.name]);

    // A client in the cluster asks the Service for readiness (which queries the database) every 0.1 s, one new
    // connection each time, as a pod is deleted: Kubernetes stops the pod while its endpoint is still being withdrawn.
    const requests = 150;
    kubectl.apply({
      apiVersion: "v1", kind: "Pod", metadata: { name: "mep-client", namespace: "default" },
      spec: {
        restartPolicy: "Never", terminationGracePeriodSeconds: 1,
        containers: [{
          name: "client", image: "docker.io/curlimages/curl:8.11.1", imagePullPolicy: "Never", command: ["/bin/sh", "-c",
            `i=0; while [ $i -lt ${requests} ]; do curl -s -o /dev/null -w '%{http_code}\\n' --max-time 2 http://mep.mec-platform.svc:8080/readyz; i=$((i+1)); sleep 0.1; done`],
        }],
      },
    });
    const answers = () => kubectl.run(["logs", "-n", "default", "mep-client"]).stdout.split("\n").filter(Boolean);
    await kubectl.waitFor("the client under way", 60, () => (answers().length >= 20 || undefined));
    const victim = serving[0].metadata.name;
    expect(kubectl.run(["delete", "pod", "-n", "mec-platform", victim, "--wait=false"]).status).toBe(0);
    const { value: phase } = await kubectl.waitFor("the client done", 120, () => {
      const p = kubectl.json("get", "pod", "-n", "default", "mep-client").status.phase;
      return ["Succeeded", "Failed"].includes(p) ? p : undefined;
    });
    const codes = answers();
    kubectl.run(["delete", "pod", "-n", "default", "mep-client", "--wait=false"]);
    expect(phase).toBe("Succeeded");
    expect({ requests: codes.length, failed: codes.filter((c) => c !== "200") }).toEqual({ requests, failed: [] });
    const { value: after } = await kubectl.waitFor("2 MEP pods Ready again", 120, () => (mepPods().length === 2 ? mepPods() : undefined));
    expect(after.map((p) => p.metadata.name)).not.toContain(victim);
    platform = changed;
  });

  it("destroying the platform stack uninstalls every release, dependents first, then its Secrets and namespaces: nothing of it left", () => {
    const releases = () => JSON.parse(helm(["list", "--all-namespaces", "--output", "json"]).stdout).map((r: any) => r.name);
    const installed = new Set(releases());
    const resources = platform.inApplyOrder().reverse().filter((r) => r.type !== "helm_release" || installed.has(r.config.name));
    for (const r of resources) {
      if (r.type === "helm_release") uninstall(r);
      else kubectl.delete(platform.objectOf(r));
    }
    expect(releases()).toEqual([]);
    for (const manifest of [...postgres?.manifests ?? []].reverse()) kubectl.delete(manifest);
    const namespaces = new Set(resources.filter((r) => r.type === "kubernetes_namespace_v1").map((r) => r.config.metadata.name));
    expect(kubectl.json("get", "namespaces").items.map((n: any) => n.metadata.name).filter((n: string) => namespaces.has(n))).toEqual([]);
  });

  afterAll(() => relay.close()); // the APIs' relays go before any node stops (they hold its namespace)
});

it("scales the pool out: the new server boots and joins, the running nodes untouched", async () => {
  requireCluster();
  csp.cluster.workerPools.main.size = 3;
  deployment.synth();
  recordTiming("scale-out apply", deployment.deploy(`${csp.name}-infra`));
  const started = Date.now();
  const booted = await nodes.bootServers(csp.name, csp.cluster.vim);
  expect(booted.map((n) => n.name)).toEqual([`${csp.name}-main-2`]);
  await waitForReadyNodes([`${csp.name}-controller`, `${csp.name}-main-0`, `${csp.name}-main-1`, `${csp.name}-main-2`]);
  recordTiming("scale-out node started to Ready", (Date.now() - started) / 1000);
});

it("scales it in: the highest-numbered node, powered off as Nova's stop does, drains itself and leaves the cluster; its pods run elsewhere", async () => {
  requireCluster();
  const leaving = `${csp.name}-main-2`;
  const manifest = {
    apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "spread", namespace: "default" },
    spec: {
      replicas: 3, selector: { matchLabels: { app: "spread" } },
      template: {
        metadata: { labels: { app: "spread" } },
        spec: {
          nodeSelector: { "mecaas.io/pool": "main" },
          // The CCM went with the platform stack: the scaled-out node stays uninitialized, as with no cloud controller.
          tolerations: [{ key: UNINITIALIZED.key, operator: "Exists", effect: "NoSchedule" }],
          topologySpreadConstraints: [{ maxSkew: 1, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "DoNotSchedule", labelSelector: { matchLabels: { app: "spread" } } }],
          terminationGracePeriodSeconds: 1,
          containers: [{ name: "pause", image: "registry.k8s.io/pause:3.10", imagePullPolicy: "Never" }],
        },
      },
    },
  };
  kubectl.apply(manifest);
  const podsOn = () => {
    const pods: any[] = kubectl.json("get", "pods", "-l", "app=spread").items;
    return pods.filter((p) => p.status.phase === "Running" && !p.metadata.deletionTimestamp).map((p) => p.spec.nodeName);
  };
  await kubectl.waitFor("3 pods running, one on the leaving node", 120, () => {
    const on = podsOn();
    return on.length === 3 && on.includes(leaving) ? on : undefined;
  });

  const seconds = nodes.powerOff(leaving);
  expect(kubectl.json("get", "nodes").items.map((n: any) => n.metadata.name)).not.toContain(leaving);
  const { value: after } = await kubectl.waitFor("3 pods running on the remaining nodes", 120, () => {
    const on = podsOn();
    return on.length === 3 ? on : undefined;
  });
  expect(after).not.toContain(leaving);
  recordTiming("scale-in poweroff (drain, leave)", seconds);

  csp.cluster.workerPools.main.size = 2;
  deployment.synth();
  recordTiming("scale-in apply", deployment.deploy(`${csp.name}-infra`));
  await waitForReadyNodes([`${csp.name}-controller`, `${csp.name}-main-0`, `${csp.name}-main-1`]);
});

it("powers every node off and leaves nothing of them on the host: no namespace, link, route, cgroup or changed sysctl", () => {
  requireCluster();
  nodes.destroyAll();
  expect(readdirSync("/run/netns").filter((n) => n.startsWith("mecaas-"))).toEqual([]);
  const links = execFileSync("ip", ["-o", "link", "show"], { encoding: "utf8" }).split("\n").map((l) => l.split(": ")[1] ?? "");
  expect(links.filter((l) => /^m[bv][0-9a-f]{8}/.test(l))).toEqual([]);
  expect(execFileSync("ip", ["route", "show"], { encoding: "utf8" })).not.toMatch(new RegExp(NODE_CIDR.split("/")[0].replace(/\.0$/, "")));
  const cgroups = execFileSync("find", ["/sys/fs/cgroup", "-maxdepth", "6", "-type", "d", "-name", "mecaas-node-*"], { encoding: "utf8" });
  expect(cgroups).toBe("");
  expect(hostSysctls()).toEqual(sysctlsBefore);
});
