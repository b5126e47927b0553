import { Construct } from "constructs";
import type { K8sClusterVnfProps, WorkerPoolProps } from "../k8s-cluster-vnf";
import { Vim } from "../vim";
import { nextBlock } from "../cidr";
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

/**
 * Checks every input of a K8sClusterVnf at synth, each error naming the field and the fix, and returns the node CIDR
 * of each VIM in use (the cluster's first).
 */
export function validateCluster(cluster: Construct, props: K8sClusterVnfProps, pools: Readonly<Record<string, WorkerPoolProps>>,
  vims: Map<string, Vim>): Map<string, string> {
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

  let workers = 0;
  const siteVims = [props.vim.name];
  for (const [pool, spec] of Object.entries(pools)) {
    const field = `workerPools.${pool}`;
    requireDnsLabel(cluster, `${field} (pool name)`, pool, 20);
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
    for (const taint of spec.taints ?? []) {
      if (!/^[^=:\s]+(=[^=:\s]*)?:(NoSchedule|PreferNoSchedule|NoExecute)$/.test(taint)) {
        throw new InputError(cluster, `${field}.taints`, taint, 'write taints as "key=value:NoSchedule" (effect NoSchedule, PreferNoSchedule or NoExecute)');
      }
    }
    if (spec.size > 0 && !siteVims.includes(vimName)) siteVims.push(vimName);
    workers += spec.size;
  }
  if (workers === 0 && !props.controllerSchedulable) {
    throw new InputError(cluster, "workerPools", Object.keys(pools), "no worker would run workloads; add a pool with size >= 1 or set controllerSchedulable: true");
  }

  const nodeCidr = props.nodeCidr ?? "10.20.0.0/24";
  const nodeBlock = requireCidr(cluster, "nodeCidr", nodeCidr);
  const sites = new Map<string, string>([[props.vim.name, nodeCidr]]);
  siteVims.slice(1).forEach((vimName, i) => {
    const given = props.edgeNodeCidrs?.[vimName];
    if (given === undefined && nodeBlock.network + (i + 2) * nodeBlock.size > 2 ** 32) {
      throw new InputError(cluster, "nodeCidr", nodeCidr, `no room after it for the node network of edge VIM ${vimName}; set edgeNodeCidrs.${vimName}`);
    }
    sites.set(vimName, given ?? nextBlock(nodeBlock, i + 1));
  });
  for (const name of Object.keys(props.edgeNodeCidrs ?? {})) {
    if (!vims.has(name)) throw new InputError(cluster, `edgeNodeCidrs.${name}`, props.edgeNodeCidrs![name], "it names no VIM in edgeVims");
  }
  const siteFields = Object.fromEntries([...sites].map(([vim, cidr]) => [vim === props.vim.name ? "nodeCidr" : `edgeNodeCidrs.${vim}`, cidr]));
  for (const [field, cidr] of Object.entries(siteFields)) {
    if (requireCidr(cluster, field, cidr).prefixLength > 28) {
      throw new InputError(cluster, field, cidr, `use a /28 or larger network: nodes get hosts ${FIRST_DYNAMIC_HOST} and up`);
    }
  }
  requireDisjointCidrs(cluster, {
    ...siteFields,
    podCidr: props.podCidr ?? DEFAULT_POD_CIDR,
    serviceCidr: props.serviceCidr ?? DEFAULT_SERVICE_CIDR,
  });
  return sites;
}

