/**
 * A stand-in for kubectl (FakeHelm's executable under kubectl's name): it records calls and inputs as FakeHelm does,
 * and answers `get nodes` and `get pods` with the canned NodeList and PodList the test gives it, whatever selectors
 * the call has (the real API server's label and field selectors are proven in test/charts/mecaas.spec.ts). By
 * default the pool is one Ready node with room for any app of the specs, and no pods.
 */
import { writeFileSync } from "fs";
import { join } from "path";
import { FakeHelm } from "./fake-helm";

export interface StandInNodeOptions {
  readonly cpu?: string;
  readonly memory?: string;
  readonly ready?: boolean;
  readonly unschedulable?: boolean;
  readonly taints?: readonly { key: string; value?: string; effect: string }[];
}

/** A Node as the API server would list it: the pool label, allocatable, the Ready condition. */
export function standInNode(name: string, pool: string, { cpu = "8", memory = "16Gi", ready = true, unschedulable, taints }: StandInNodeOptions = {}) {
  return {
    apiVersion: "v1", kind: "Node",
    metadata: { name, labels: { "mecaas.io/pool": pool } },
    spec: { ...(unschedulable ? { unschedulable } : {}), ...(taints ? { taints } : {}) },
    status: { allocatable: { cpu, memory, pods: "110" }, conditions: [{ type: "Ready", status: ready ? "True" : "False" }] },
  };
}

/** A pod bound to a node, its containers requesting what is given (each an object of cpu/memory requests). */
export function standInPod(name: string, nodeName: string, containers: readonly Record<string, string>[], initContainers: readonly Record<string, string>[] = []) {
  const named = (prefix: string) => (requests: Record<string, string>, i: number) => ({ name: `${prefix}${i}`, image: "stand-in", resources: { requests } });
  return {
    apiVersion: "v1", kind: "Pod",
    metadata: { name, namespace: "default" },
    spec: { nodeName, containers: containers.map(named("c")), ...(initContainers.length ? { initContainers: initContainers.map(named("init")) } : {}) },
    status: { phase: "Running" },
  };
}

export class FakeKubectl extends FakeHelm {
  constructor(nodes: readonly unknown[] = [standInNode("stand-in-node-0", "edge-1")], pods: readonly unknown[] = []) {
    super("kubectl");
    this.cluster(nodes, pods);
  }

  /** What `get nodes` and `get pods` answer from now on. */
  cluster(nodes: readonly unknown[], pods: readonly unknown[] = []) {
    writeFileSync(join(this.dir, "get-nodes.json"), JSON.stringify({ apiVersion: "v1", kind: "List", items: nodes }));
    writeFileSync(join(this.dir, "get-pods.json"), JSON.stringify({ apiVersion: "v1", kind: "List", items: pods }));
  }
}
