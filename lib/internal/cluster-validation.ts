import { Construct } from "constructs";
import { Token } from "../cdk";
import type { K8sClusterVnfProps, WorkerPoolProps } from "../k8s-cluster-vnf";
import { Vim } from "../vim";
import { Ipv4Block, nextBlock } from "../cidr";
import {
  InputError, requireCidr, requireDisjointCidrs, requireDnsLabel, requireNonEmpty, requireNonNegativeInteger,
} from "../validation";
import { FIRST_DYNAMIC_HOST } from "./cluster-network";
import { requireControllerCount } from "./control-plane";

export const DEFAULT_K3S_VERSION = "v1.33.4+k3s1";
/** k3s' own defaults, which the cluster keeps unless told otherwise (the MEP refuses callbacks into them). */
export const DEFAULT_POD_CIDR = "10.42.0.0/16";
export const DEFAULT_SERVICE_CIDR = "10.43.0.0/16";
const K3S_VERSION = /^v\d+\.\d+\.\d+\+k3s\d+$/;
/**
 * Kubernetes' label syntax (a key's optional prefix a DNS subdomain): the kubelet refuses to start with a malformed
 * label, so the node would never join.
 */
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_PREFIX = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A boot volume holds the OS, k3s and images: below 10 GB a node cannot start. */
function requireVolumeSize(scope: Construct, field: string, gigabytes: number): void {
  if (!Number.isInteger(gigabytes) || gigabytes < 10) throw new InputError(scope, field, gigabytes, "give a whole number of GB, at least 10");
}

/** A zone a node is pinned to must be one its VIM declares (when it declares any). */
function requireOfferedZone(scope: Construct, field: string, zone: string | undefined, vim: Vim): void {
  if (zone && vim.availabilityZones.length && !vim.availabilityZones.includes(zone)) {
    throw new InputError(scope, field, zone, `VIM ${vim.name} offers ${vim.availabilityZones.join(", ")}`);
  }
}

/** Checks every cluster-wide input of a K8sClusterVnf at synth (its pools: validateWorkerPool), each error naming the field and the fix. */
export function validateCluster(cluster: Construct, props: K8sClusterVnfProps, vims: ReadonlyMap<string, Vim>): void {
  const version = props.k3sVersion ?? DEFAULT_K3S_VERSION;
  if (!K3S_VERSION.test(version)) throw new InputError(cluster, "k3sVersion", version, 'use a k3s release name such as "v1.33.4+k3s1"');
  if (props.apiAllowedCidrs.length === 0) {
    throw new InputError(cluster, "apiAllowedCidrs", [], "name at least one CIDR, including the address of the pipeline that deploys onto the cluster");
  }
  props.apiAllowedCidrs.forEach((c, i) => requireCidr(cluster, `apiAllowedCidrs[${i}]`, c));
  (props.nodePortAllowedCidrs ?? []).forEach((c, i) => requireCidr(cluster, `nodePortAllowedCidrs[${i}]`, c));
  (props.sshAllowedCidrs ?? []).forEach((c, i) => requireCidr(cluster, `sshAllowedCidrs[${i}]`, c));
  if (props.sshAllowedCidrs?.length && !props.sshPublicKey) {
    throw new InputError(cluster, "sshAllowedCidrs", props.sshAllowedCidrs, "set sshPublicKey too, or drop sshAllowedCidrs: SSH is opened only when both are given");
  }
  if (props.controllerVolumeSize !== undefined) requireVolumeSize(cluster, "controllerVolumeSize", props.controllerVolumeSize);
  requireControllerCount(cluster, props.controllers ?? 1);
  if (props.apiLoadBalancer === "octavia" && (props.controllers ?? 1) === 1) {
    throw new InputError(cluster, "apiLoadBalancer", "octavia", "a cluster of one server has no load balancer in front; set controllers: 3 or 5, or drop apiLoadBalancer");
  }
  if (props.apiLoadBalancer === "octavia" && props.multiSite) {
    throw new InputError(cluster, "apiLoadBalancer", "octavia", "not built for multi-site clusters (the listener would have to admit every node's floating IP); use keepalived");
  }
  if ((props.controllers ?? 1) > 1) {
    for (const ca of ["etcdPeerCa", "etcdServerCa"] as const) {
      if (!props.credentials[ca]) {
        throw new InputError(cluster, `credentials.${ca}`, null, `${props.controllers} servers run k3s's embedded etcd, whose CAs every ` +
          "server is seeded with; make the ClusterPki with embeddedEtcd: true");
      }
    }
  }
  requireOfferedZone(cluster, "controllerAvailabilityZone", props.controllerAvailabilityZone, props.vim);
  if (!props.openstackIntegration && props.octaviaLoadBalancers) {
    throw new InputError(cluster, "octaviaLoadBalancers", true, "LoadBalancer Services come from the OpenStack cloud-controller-manager: set openstackIntegration true too");
  }
  for (const name of Object.keys(props.edgeNodeCidrs ?? {})) {
    if (!vims.has(name)) throw new InputError(cluster, `edgeNodeCidrs.${name}`, props.edgeNodeCidrs![name], "it names no VIM in edgeVims");
  }
}

/**
 * Checks the worker pool `pool`, one of `workerPools` or one `addWorkerPool` adds (`exists`: the cluster has a pool of
 * that name already): one set of rules, and errors naming `workerPools.<pool>` either way. Returns the pool's VIM.
 */
export function validateWorkerPool(cluster: Construct, props: K8sClusterVnfProps, vims: ReadonlyMap<string, Vim>, pool: string,
  spec: WorkerPoolProps, exists: boolean): Vim {
  const field = `workerPools.${pool}`;
  requireDnsLabel(cluster, `${field} (pool name)`, pool, 20);
  if (exists) throw new InputError(cluster, `${field} (pool name)`, pool, "the cluster has a pool of that name already; give each pool a name of its own");
  requireNonNegativeInteger(cluster, `${field}.size`, spec.size);
  requireNonEmpty(cluster, `${field}.flavor`, spec.flavor);
  if (spec.volumeSize !== undefined) requireVolumeSize(cluster, `${field}.volumeSize`, spec.volumeSize);
  const vimName = spec.vim ?? props.vim.name;
  const vim = vims.get(vimName);
  if (!vim) {
    throw new InputError(cluster, `${field}.vim`, vimName, `it names no known VIM; use one of ${[...vims.keys()].join(", ")} or add it to edgeVims`);
  }
  requireOfferedZone(cluster, `${field}.availabilityZone`, spec.availabilityZone, vim);
  if (vimName !== props.vim.name && !props.multiSite) {
    throw new InputError(cluster, `${field}.vim`, vimName, `pool on edge VIM ${vimName} needs multiSite: true (a WireGuard overlay ` +
      "between public node addresses); set it when the cluster is created — nodes keep the overlay they booted with, so a " +
      "running single-site cluster cannot switch: create a new cluster or roll every node");
  }
  for (const [key, value] of Object.entries(spec.labels ?? {})) {
    const slash = key.indexOf("/");
    const [prefix, name] = slash < 0 ? [undefined, key] : [key.slice(0, slash), key.slice(slash + 1)];
    if (!Token.isUnresolved(key) && ((prefix !== undefined && !LABEL_PREFIX.test(prefix)) || !LABEL_NAME.test(name))) {
      throw new InputError(cluster, `${field}.labels`, key, 'write a label key as "[prefix/]name" (e.g. "mecaas.io/edge-host"): a DNS ' +
        'subdomain, and at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit');
    }
    if (!Token.isUnresolved(value) && value !== "" && !LABEL_NAME.test(value)) {
      throw new InputError(cluster, `${field}.labels.${key}`, value, 'use at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit, or ""');
    }
  }
  for (const taint of spec.taints ?? []) {
    if (!/^[^=:\s]+(=[^=:\s]*)?:(NoSchedule|PreferNoSchedule|NoExecute)$/.test(taint)) {
      throw new InputError(cluster, `${field}.taints`, taint, 'write taints as "key=value:NoSchedule" (effect NoSchedule, PreferNoSchedule or NoExecute)');
    }
  }
  if (props.openstackIntegration && spec.size > 0 && vimName !== props.vim.name) {
    throw new InputError(cluster, `${field}.vim`, vimName, `the OpenStack cloud-controller-manager knows ${props.vim.name} only ` +
      "and would delete Nodes it cannot find there; keep every pool on vim, or set openstackIntegration false");
  }
  return vim;
}

/**
 * The node networks of a cluster's sites, in the order the sites are made: `nodeCidr` for the cluster's VIM, then per
 * edge VIM its `edgeNodeCidrs` entry or the block after the last site's. Each is checked when its site is planned
 * (the first pool on its VIM, in `workerPools` or by `addWorkerPool`), against the others and the pod and service CIDRs.
 */
export class SiteCidrs {
  readonly nodeCidr: string;
  readonly nodeBlock: Ipv4Block;
  /** Each site's CIDR by the field that sets it (`nodeCidr`, `edgeNodeCidrs.<vim>`). */
  private readonly fields: Record<string, string> = {};

  constructor(private readonly cluster: Construct, private readonly props: K8sClusterVnfProps) {
    this.nodeCidr = props.nodeCidr ?? "10.20.0.0/24";
    this.nodeBlock = requireCidr(cluster, "nodeCidr", this.nodeCidr);
    this.add("nodeCidr", this.nodeCidr);
  }

  /** The node network of a new site on edge VIM `vimName`. */
  next(vimName: string): string {
    const { nodeBlock } = this;
    const steps = Object.keys(this.fields).length;
    const given = this.props.edgeNodeCidrs?.[vimName];
    if (given === undefined && nodeBlock.network + (steps + 1) * nodeBlock.size > 2 ** 32) {
      throw new InputError(this.cluster, "nodeCidr", this.nodeCidr, `no room after it for the node network of edge VIM ${vimName}; set edgeNodeCidrs.${vimName}`);
    }
    return this.add(`edgeNodeCidrs.${vimName}`, given ?? nextBlock(nodeBlock, steps));
  }

  /** Records the site's CIDR once it is checked (a refused one is not the last site's). */
  private add(field: string, cidr: string): string {
    if (requireCidr(this.cluster, field, cidr).prefixLength > 28) {
      throw new InputError(this.cluster, field, cidr, `use a /28 or larger network: nodes get hosts ${FIRST_DYNAMIC_HOST} and up`);
    }
    requireDisjointCidrs(this.cluster, {
      ...this.fields,
      [field]: cidr,
      podCidr: this.props.podCidr ?? DEFAULT_POD_CIDR,
      serviceCidr: this.props.serviceCidr ?? DEFAULT_SERVICE_CIDR,
    });
    this.fields[field] = cidr;
    return cidr;
  }
}
