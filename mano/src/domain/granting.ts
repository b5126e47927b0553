/**
 * Granting (MEC 010-2 clauses 5.2 and 6.2.4): before an operation installs an app on its MEC host, a worker pool of
 * the CSP's cluster, the resources are granted. The Edge MANO is MEO and MEPM at once, so it grants its own
 * operations: it reads the pool's nodes and the pods on them through the cluster's API (kubectl with its kubeconfig)
 * and refuses when
 * - no node carries the pool's label (`mecaas.io/pool=<pool>`, K8sClusterVnf's), or none of them is Ready and
 *   schedulable: a cordoned node (`spec.unschedulable`) or one with a NoSchedule or NoExecute taint is not counted,
 *   whatever the app's tolerations (its chart's, which the Edge MANO does not read);
 * - no such node has what the AppD's virtualComputeDescriptor asks free: `virtualCpu.numVirtualCpu` CPUs and
 *   `virtualMemory.virtualMemSize` MB, against the node's `status.allocatable` less the requests of the pods bound to
 *   it that have not terminated, Pending ones included, as the scheduler counts them (podRequests below).
 * An AppD without a virtualComputeDescriptor asks for nothing: the pool and a schedulable node are all it needs.
 *
 * virtualMemSize is "Amount of virtual memory in MB" (VirtualMemoryData in MEC01002_AppLcm.yaml and
 * MEC01002_AppPkgMgmt.yaml, v3.1.1, after ETSI GS NFV-IFA 011). MB is read as 2^20 bytes (what an OpenStack flavor's
 * RAM in MB means): the larger of its two readings, so an app never gets less than it may have meant.
 */
import type { AppDescriptor } from "../../../lib/app-descriptor";
import { forbidden } from "../../../mep/src/http/problem";
import type { HelmConfig } from "../config";
import { POOL_LABEL, runKubectl } from "./deployer";
import { parseQuantity } from "./kube-quantity";

/** What the AppD's virtualComputeDescriptor asks of one node. */
export interface ComputeRequest {
  readonly virtualComputeDescId: string;
  readonly numVirtualCpu: number;
  /** MB (2^20 bytes). */
  readonly virtualMemSize: number;
}

/** A node and what it has free (allocatable less the requests of its pods). */
export interface NodeRoom {
  readonly nodeName: string;
  readonly freeCpu: number;
  /** MB (2^20 bytes), rounded down. */
  readonly freeMemoryMB: number;
}

/** A grant that passed: the pool, the namespace the app's objects go to, what was asked, the nodes that can hold it. */
export interface PlacementGrant {
  readonly pool: string;
  readonly namespace: string;
  readonly compute?: ComputeRequest;
  readonly nodes: readonly NodeRoom[];
}

export interface Granting {
  /** Grants the app on the pool, or throws a 403 ApiError saying why not (other errors: the cluster could not be read). */
  grant(pool: string, appD: AppDescriptor): Promise<PlacementGrant>;
}

/** The parts of a Node and a Pod (core/v1) granting reads. */
interface KubeNode {
  readonly metadata: { readonly name: string };
  readonly spec?: { readonly unschedulable?: boolean; readonly taints?: readonly { key: string; value?: string; effect: string }[] };
  readonly status?: { readonly allocatable?: Resources; readonly conditions?: readonly { type: string; status: string }[] };
}
type Resources = Readonly<Record<string, string>>;
interface KubeContainer {
  readonly name: string;
  readonly restartPolicy?: string;
  readonly resources?: { readonly requests?: Resources };
}
interface KubePod {
  readonly metadata: { readonly name: string; readonly namespace: string };
  readonly spec: { readonly nodeName?: string; readonly containers: readonly KubeContainer[]; readonly initContainers?: readonly KubeContainer[]; readonly overhead?: Resources };
}

const MB = 2 ** 20;
/** A node's room in the units requests are added in. */
interface Room {
  readonly cpuMillis: number;
  readonly memoryBytes: number;
}

export class ClusterGranting implements Granting {
  constructor(private readonly kubectl: string, private readonly helm: HelmConfig) {}

  async grant(pool: string, appD: AppDescriptor): Promise<PlacementGrant> {
    const nodes = await this.list<KubeNode>(["get", "nodes", "--selector", `${POOL_LABEL}=${pool}`], `kubectl get nodes of pool ${pool}`);
    if (!nodes.length) throw forbidden(`pool ${pool}: no node carries the label ${POOL_LABEL}=${pool}`);
    const judged = nodes.map((node) => ({ node, why: unavailability(node) }));
    const unavailable = judged.filter(({ why }) => why).map(({ node, why }) => `${node.metadata.name} (${why})`);
    const available = judged.filter(({ why }) => !why).map(({ node }) => node);
    if (!available.length) throw forbidden(`pool ${pool}: no node is Ready and schedulable: ${unavailable.join(", ")}`);

    // One list of the cluster's running and pending pods (those the scheduler counts), not one per node.
    const pods = await this.list<KubePod>(["get", "pods", "--all-namespaces", "--field-selector=status.phase!=Succeeded,status.phase!=Failed"], "kubectl get pods");
    const rooms = available.map((node) => ({ node, room: freeRoom(node, pods.filter((pod) => pod.spec.nodeName === node.metadata.name)) }));
    const granted = (fitting: typeof rooms, compute?: ComputeRequest): PlacementGrant => ({
      pool, namespace: this.helm.namespace, ...(compute ? { compute } : {}), nodes: fitting.map(({ node, room }) => nodeRoom(node, room)),
    });
    const compute = computeRequestOf(appD);
    if (!compute) return granted(rooms);

    const wanted: Room = { cpuMillis: compute.numVirtualCpu * 1000, memoryBytes: Math.ceil(compute.virtualMemSize * MB) };
    const fitting = rooms.filter(({ room }) => room.cpuMillis >= wanted.cpuMillis && room.memoryBytes >= wanted.memoryBytes);
    if (fitting.length) return granted(fitting, compute);
    // The node closest to holding it: the largest share of what it asks, in the scarcer of the two.
    const share = (free: number, want: number) => (want > 0 ? free / want : Infinity);
    const closeness = ({ room }: (typeof rooms)[number]) => Math.min(share(room.cpuMillis, wanted.cpuMillis), share(room.memoryBytes, wanted.memoryBytes));
    const most = rooms.reduce((best, next) => (closeness(next) > closeness(best) ? next : best));
    const shown = nodeRoom(most.node, most.room);
    throw forbidden(`pool ${pool}: no node has ${compute.numVirtualCpu} CPU and ${compute.virtualMemSize} MB free; the most free: ` +
      `${shown.nodeName} with ${shown.freeCpu} CPU and ${shown.freeMemoryMB} MB${unavailable.length ? `; not counted: ${unavailable.join(", ")}` : ""}`);
  }

  private async list<T>(args: string[], what: string): Promise<T[]> {
    const printed = await runKubectl(this.kubectl, this.helm, [...args, "--output", "json"], what);
    let list: { items?: unknown };
    try {
      list = JSON.parse(printed);
    } catch {
      throw new Error(`${what} printed no JSON: ${printed.slice(0, 200) || "nothing"}`);
    }
    if (!Array.isArray(list?.items)) throw new Error(`${what} printed no list of items`);
    return list.items as T[];
  }
}

/** Why the scheduler would put no new pod on the node; undefined when it would. */
function unavailability(node: KubeNode): string | undefined {
  const reasons: string[] = [];
  if (node.status?.conditions?.find((c) => c.type === "Ready")?.status !== "True") reasons.push("not Ready");
  if (node.spec?.unschedulable) reasons.push("cordoned: spec.unschedulable");
  for (const taint of node.spec?.taints ?? []) {
    if (taint.effect === "NoSchedule" || taint.effect === "NoExecute") reasons.push(`tainted ${taint.key}${taint.value ? `=${taint.value}` : ""}:${taint.effect}`);
  }
  return reasons.length ? reasons.join(", ") : undefined;
}

function freeRoom(node: KubeNode, pods: readonly KubePod[]): Room {
  const allocatable = node.status?.allocatable ?? {};
  const where = `node ${node.metadata.name} status.allocatable`;
  const used = pods.map(podRequests).reduce((sum, pod) => ({ cpuMillis: sum.cpuMillis + pod.cpuMillis, memoryBytes: sum.memoryBytes + pod.memoryBytes }), { cpuMillis: 0, memoryBytes: 0 });
  return {
    cpuMillis: quantity(allocatable.cpu, -3, `${where}.cpu`) - used.cpuMillis,
    memoryBytes: quantity(allocatable.memory, 0, `${where}.memory`) - used.memoryBytes,
  };
}

/**
 * What the scheduler reserves for a pod (Kubernetes' resourcehelper.PodRequests): its containers and sidecars (init
 * containers with restartPolicy Always) run together; each other init container runs alone beside the sidecars
 * started before it; the larger of the two, plus the pod's overhead.
 */
function podRequests(pod: KubePod): Room {
  const { name, namespace } = pod.metadata;
  const requestOf = (container: KubeContainer | undefined, resource: "cpu" | "memory", where: string) =>
    quantity(container?.resources?.requests?.[resource], resource === "cpu" ? -3 : 0, `pod ${namespace}/${name} ${where}.${resource}`);
  const of = (resource: "cpu" | "memory") => {
    let running = pod.spec.containers.reduce((sum, c) => sum + requestOf(c, resource, `container ${c.name} requests`), 0);
    let sidecars = 0;
    let initPeak = 0;
    for (const c of pod.spec.initContainers ?? []) {
      const request = requestOf(c, resource, `init container ${c.name} requests`);
      if (c.restartPolicy === "Always") {
        running += request;
        sidecars += request;
        initPeak = Math.max(initPeak, sidecars);
      } else {
        initPeak = Math.max(initPeak, request + sidecars);
      }
    }
    const overhead = quantity(pod.spec.overhead?.[resource], resource === "cpu" ? -3 : 0, `pod ${namespace}/${name} overhead.${resource}`);
    return Math.max(running, initPeak) + overhead;
  };
  return { cpuMillis: of("cpu"), memoryBytes: of("memory") };
}

/** An absent quantity is none. */
const quantity = (text: string | undefined, scale: number, where: string) => (text === undefined ? 0 : parseQuantity(text, scale, where));

const nodeRoom = (node: KubeNode, room: Room): NodeRoom => ({
  nodeName: node.metadata.name, freeCpu: room.cpuMillis / 1000, freeMemoryMB: Math.floor(room.memoryBytes / MB),
});

/** The AppD's virtualComputeDescriptor (its schema, checked at onboarding, requires virtualCpu and virtualMemory). */
function computeRequestOf(appD: AppDescriptor): ComputeRequest | undefined {
  const descriptor = appD.virtualComputeDescriptor as
    | { virtualComputeDescId: string; virtualCpu: { numVirtualCpu: number }; virtualMemory: { virtualMemSize: number } }
    | undefined;
  if (!descriptor) return undefined;
  return { virtualComputeDescId: descriptor.virtualComputeDescId, numVirtualCpu: descriptor.virtualCpu.numVirtualCpu, virtualMemSize: descriptor.virtualMemory.virtualMemSize };
}
