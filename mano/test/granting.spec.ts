/**
 * Granting (MEC 010-2 clause 6.2.4, Mm3) over real HTTP: an instantiation, and a start after a stop, is granted
 * before anything is deployed, against the pool's nodes and pods as kubectl lists them (here a stand-in kubectl with
 * canned NodeLists and PodLists, recording its arguments; the real API server is test/charts/mecaas.spec.ts'). A
 * refusal is FAILED_TEMP naming the pool and the numbers, `retry` grants again, `fail` ends it; a grant that passed
 * is a Grant resource, linked from its occurrence.
 */
import { FakeHelm } from "./support/fake-helm";
import { FakeKubectl, standInNode, standInPod } from "./support/fake-kubectl";
import { LCM, Mano, PKGM, expectConforms, expectProblem, expectStatus, manoEnv } from "./support/mano";
import { inlinePackage, sampleAppD } from "./support/packages";

const KUBECTL_TAIL = "--output json --kubeconfig /etc/mecaas/csp-kubeconfig --request-timeout=300s";
const GET_NODES = `get nodes --selector mecaas.io/pool=edge-1 ${KUBECTL_TAIL}`;
const GET_PODS = `get pods --all-namespaces --field-selector=status.phase!=Succeeded,status.phase!=Failed ${KUBECTL_TAIL}`;
const host = { selectedMECHostInfo: [{ hostName: "edge-1", hostId: "edge-1" }] };
const compute = { virtualComputeDescId: "echo-compute", virtualCpu: { numVirtualCpu: 2 }, virtualMemory: { virtualMemSize: 4096 } };

/** 4 CPU and 8 GiB, of which a pod holds 2.5 CPU and 5 GiB (two containers; its init container asks less than they do). */
const busyNode = standInNode("edge-1-a", "edge-1", { cpu: "4", memory: "8Gi" });
const busyPod = standInPod("other-app", "edge-1-a", [{ cpu: "2", memory: "4Gi" }, { cpu: "500m", memory: "1024Mi" }], [{ cpu: "1", memory: "1Gi" }]);
/** The node a scale-out adds: 4 CPU and 8000 MB, of which a pod holds 1 CPU and 1 GiB (its init container, larger than its container). */
const addedNode = standInNode("edge-1-b", "edge-1", { cpu: "4000m", memory: "8000Mi" });
const addedPod = standInPod("small-app", "edge-1-b", [{ cpu: "0.5", memory: "512Mi" }], [{ cpu: "1", memory: "1073741824" }]);

describe("granting", () => {
  const helm = new FakeHelm();
  const kubectl = new FakeKubectl();
  let mano: Mano;
  let counter = 0;

  beforeAll(async () => {
    mano = await Mano.start(manoEnv(helm, { MANO_KUBECTL_BINARY: kubectl.binary }));
  });
  afterAll(() => mano?.close());
  afterEach(() => {
    kubectl.cluster([standInNode("stand-in-node-0", "edge-1")]);
    kubectl.failWith(undefined);
  });

  async function newInstance(appD: Record<string, unknown> = { virtualComputeDescriptor: compute }) {
    const appDId = `granting-spec-${++counter}`;
    expectStatus(await mano.as("POST", `${PKGM}/app_packages`, inlinePackage(sampleAppD({ appDId, ...appD }))), 201);
    return (await mano.as("POST", `${LCM}/app_instances`, { appDId })).body;
  }
  async function operation(instance: { _links: { self: { href: string } } }, task: string, body: unknown) {
    const response = await mano.as("POST", `${instance._links.self.href}/${task}`, body);
    expectStatus(response, 202);
    return response.headers.get("location")!;
  }
  const grantOf = async (occ: { _links: { grant: { href: string } } }) => {
    const grant = await mano.as("GET", occ._links.grant.href);
    expectStatus(grant, 200);
    expectConforms("Grant", grant.body);
    return grant.body;
  };
  const installs = (instance: { id: string }) => helm.calls().filter((c) => c.startsWith(`upgrade --install mec-${instance.id} `));
  const callsSince = (before: number) => kubectl.calls().slice(before);

  test("instantiate is granted first (the pool's nodes by their label, the pods); the Grant (6.2.4.4) is linked from the occurrence and served", async () => {
    kubectl.cluster([busyNode, addedNode], [busyPod, addedPod, standInPod("elsewhere", "not-in-the-pool", [{ cpu: "64", memory: "64Gi" }])]);
    const instance = await newInstance();
    const before = kubectl.calls().length;
    const location = await operation(instance, "instantiate", host);
    const occ = await mano.opOccIn(location, ["COMPLETED"]);
    expectConforms("AppLcmOpOcc", occ);
    expect(callsSince(before)).toEqual([GET_NODES, GET_PODS]);
    expect(installs(instance)).toHaveLength(1);

    const grant = await grantOf(occ);
    expect(grant).toEqual({
      id: occ._links.grant.href.split("/").pop(),
      appInstanceId: instance.id,
      appLcmOpOccId: occ.id,
      zones: [{ id: "edge-1", zoneId: "edge-1" }],
      addResources: [{ resourceDefinitionId: "echo-compute", zoneId: "edge-1", containerNamespace: "mec-apps" }],
      // edge-1-a has 1.5 CPU and 3072 MB free, too little; edge-1-b 3 CPU and 8000 - 1024 MB.
      additionalParams: { requested: { numVirtualCpu: 2, virtualMemSize: 4096 }, nodes: [{ nodeName: "edge-1-b", freeCpu: 3, freeMemoryMB: 6976 }] },
      _links: { self: { href: occ._links.grant.href }, appLcmOpOcc: { href: location }, appInstance: { href: instance._links.self.href } },
    });
  });

  test("a pool without room: FAILED_TEMP (403) naming the pool and the numbers, nothing deployed; after a scale-out, retry grants again and completes", async () => {
    kubectl.cluster([busyNode, standInNode("edge-1-c", "edge-1", { unschedulable: true })], [busyPod]);
    const instance = await newInstance();
    const location = await operation(instance, "instantiate", host);
    const failed = await mano.opOccIn(location, ["FAILED_TEMP"]);
    expectConforms("AppLcmOpOcc", failed);
    expectConforms("ProblemDetails", failed.error);
    expect(failed.error).toMatchObject({
      status: 403, title: "Forbidden",
      detail: "pool edge-1: no node has 2 CPU and 4096 MB free; the most free: edge-1-a with 1.5 CPU and 3072 MB; not counted: edge-1-c (cordoned: spec.unschedulable)",
    });
    expect(failed._links.grant).toBeUndefined();
    expect(installs(instance)).toEqual([]);
    expect((await mano.as("GET", instance._links.self.href)).body.instantiationState).toBe("NOT_INSTANTIATED");

    kubectl.cluster([busyNode, addedNode], [busyPod, addedPod]);
    expectStatus(await mano.as("POST", `${location}/retry`), 202);
    const completed = await mano.opOccIn(location, ["COMPLETED"]);
    expect(completed.error).toBeUndefined();
    expect((await grantOf(completed)).additionalParams.nodes).toEqual([{ nodeName: "edge-1-b", freeCpu: 3, freeMemoryMB: 6976 }]);
    expect(installs(instance)).toHaveLength(1);
  });

  test("a pool no node carries the label of, or whose nodes are all cordoned, tainted or not Ready, is refused; fail ends it FAILED", async () => {
    const refusal = async (nodes: unknown[]) => {
      kubectl.cluster(nodes);
      const instance = await newInstance();
      const location = await operation(instance, "instantiate", host);
      const failed = await mano.opOccIn(location, ["FAILED_TEMP"]);
      expect(installs(instance)).toEqual([]);
      return { location, detail: failed.error.detail };
    };
    const missing = await refusal([]);
    expect(missing.detail).toBe("pool edge-1: no node carries the label mecaas.io/pool=edge-1");
    const unavailable = await refusal([
      standInNode("edge-1-a", "edge-1", { unschedulable: true, taints: [{ key: "node.kubernetes.io/unschedulable", effect: "NoSchedule" }] }),
      standInNode("edge-1-b", "edge-1", { taints: [{ key: "dedicated", value: "gpu", effect: "NoExecute" }, { key: "soft", effect: "PreferNoSchedule" }] }),
      standInNode("edge-1-c", "edge-1", { ready: false }),
    ]);
    expect(unavailable.detail).toBe("pool edge-1: no node is Ready and schedulable: edge-1-a (cordoned: spec.unschedulable, tainted node.kubernetes.io/unschedulable:NoSchedule), " +
      "edge-1-b (tainted dedicated=gpu:NoExecute), edge-1-c (not Ready)");
    const failed = await mano.as("POST", `${missing.location}/fail`);
    expectStatus(failed, 200);
    expect(failed.body).toMatchObject({ operationState: "FAILED", error: { status: 403, detail: missing.detail } });
  });

  test("an AppD without a virtualComputeDescriptor asks for nothing: one schedulable node is enough, even a full one; its Grant adds no resource", async () => {
    kubectl.cluster([standInNode("edge-1-a", "edge-1", { cpu: "1", memory: "1Gi" })], [standInPod("full", "edge-1-a", [{ cpu: "1", memory: "1Gi" }])]);
    const instance = await newInstance({});
    const occ = await mano.opOccIn(await operation(instance, "instantiate", host), ["COMPLETED"]);
    const grant = await grantOf(occ);
    expect(grant.addResources).toBeUndefined();
    expect(grant.additionalParams).toEqual({ nodes: [{ nodeName: "edge-1-a", freeCpu: 0, freeMemoryMB: 0 }] });
  });

  test("operate STARTED is granted again (a Grant of its own); STOPPED and TERMINATE are not granted", async () => {
    const instance = await newInstance();
    const first = await mano.opOccIn(await operation(instance, "instantiate", host), ["COMPLETED"]);
    const before = kubectl.calls().length;
    const stop = await mano.opOccIn(await operation(instance, "operate", { changeStateTo: "STOPPED" }), ["COMPLETED"]);
    expect(stop._links.grant).toBeUndefined();
    expect(callsSince(before)).toEqual([]);
    const start = await mano.opOccIn(await operation(instance, "operate", { changeStateTo: "STARTED" }), ["COMPLETED"]);
    expect(callsSince(before)).toEqual([GET_NODES, GET_PODS]);
    expect(start._links.grant.href).not.toBe(first._links.grant.href);
    expect((await grantOf(start)).appLcmOpOccId).toBe(start.id);
    const terminate = await mano.opOccIn(await operation(instance, "terminate", { terminationType: "FORCEFUL" }), ["COMPLETED"]);
    expect(terminate._links.grant).toBeUndefined();
    expect(callsSince(before)).toHaveLength(2);
  });

  test("a cluster that cannot be read, or a quantity that cannot be parsed, is FAILED_TEMP (500) saying so; nothing deployed", async () => {
    kubectl.failWith("the server has asked for the client to provide credentials");
    const unreachable = await newInstance();
    const failed = await mano.opOccIn(await operation(unreachable, "instantiate", host), ["FAILED_TEMP"]);
    expect(failed.error).toMatchObject({ status: 500, detail: expect.stringMatching(/^kubectl get nodes of pool edge-1 failed \(exit 1\): Error: get failed: the server has asked/) });
    kubectl.failWith(undefined);

    kubectl.cluster([busyNode], [standInPod("odd", "edge-1-a", [{ cpu: "1.5 cores" }])]);
    const odd = await newInstance();
    const refused = await mano.opOccIn(await operation(odd, "instantiate", host), ["FAILED_TEMP"]);
    expect(refused.error).toMatchObject({ status: 500, detail: 'pod default/odd container c0 requests.cpu "1.5 cores" is not a Kubernetes quantity (such as 500m, 2, 1.5Gi, 128M or 1e3)' });
    expect([...installs(unreachable), ...installs(odd)]).toEqual([]);
  });

  test("GET granting/v1/grants/{grantId}: 404 for an unknown grant, 401 without the OSS's token", async () => {
    expectProblem(await mano.as("GET", "/granting/v1/grants/no-such-grant"), 404);
    const anonymous = await mano.request("GET", "/granting/v1/grants/no-such-grant");
    expectProblem(anonymous, 401);
    expect(anonymous.headers.get("www-authenticate")).toMatch(/^Bearer realm="mano"/);
  });
});
