import { Construct } from "constructs";
import { TerraformStack } from "cdktf";
import { ClusterCredentials, K8sClusterVnf, Vim, WorkerPoolProps, openstack } from "../lib";
import { Catalog, CspEntry, backupStoreOf, cspCloud, cspDomainOf, openstackIntegrationOf, vimsOf } from "./catalog";
import { cspProjectName } from "./nsp-stack";
import { importOnce } from "./import-once";

export interface CspInfraStackProps {
  readonly catalog: Catalog;
  readonly csp: CspEntry;
  /** From the CSP's PKI stack. */
  readonly credentials: ClusterCredentials;
}

/**
 * A CSP's OpenStack resources (the K8s Cluster VNF), created with the CSP's own credentials in its own projects.
 * Uses the OpenStack provider only, so `terraform validate` checks it with the real provider binary.
 */
export class CspInfraStack extends TerraformStack {
  public readonly cluster: K8sClusterVnf;
  /**
   * The EC2 credential of the CSP's own project the backups use (`mep.backup`, `cluster.etcdSnapshots`), for the
   * platform stack. Its secret is sensitive.
   */
  public readonly backupCredential?: { readonly accessKeyId: string; readonly secretAccessKey: string };

  constructor(scope: Construct, id: string, props: CspInfraStackProps) {
    super(scope, id);
    const { catalog, csp } = props;
    const vims = vimsOf(csp).map((name) => {
      const entry = catalog.vims[name];
      return new Vim(this, name, {
        cloud: cspCloud(csp, name),
        projectName: cspProjectName(csp.name),
        projectDomainId: cspDomainOf(catalog, name),
        region: entry.region,
        externalNetwork: entry.externalNetwork,
        image: entry.image,
        availabilityZones: entry.availabilityZones,
      });
    });
    const c = csp.cluster;
    const store = backupStoreOf(catalog, csp);
    if (store) {
      // Made by the CSP's own identity (the provider's), so it is the CSP's project the store's s3token sees.
      const ec2 = new openstack.identityEc2CredentialV3.IdentityEc2CredentialV3(this, "backup-credential", { provider: vims[0].provider });
      this.backupCredential = { accessKeyId: ec2.access, secretAccessKey: ec2.secret };
    }
    const snapshots = c.etcdSnapshots && store && this.backupCredential ? {
      etcdSnapshotSchedule: c.etcdSnapshots.schedule,
      etcdSnapshotRetention: c.etcdSnapshots.retention,
      etcdS3Endpoint: store.endpoint,
      etcdS3Region: store.region,
      etcdS3Bucket: c.etcdSnapshots.bucket,
      etcdS3AccessKey: this.backupCredential.accessKeyId,
      etcdS3SecretKey: this.backupCredential.secretAccessKey,
    } : {};
    // The shared networks the CSP asked for, by VIM: found in its project (the nsp stack shares them with it), each
    // worker on that VIM attached to them.
    const sharedNetworkIds = new Map<string, string[]>();
    for (const name of csp.sharedNetworks ?? []) {
      const net = (catalog.sharedNetworks ?? []).find((n) => n.name === name)!;
      const vim = vims.find((v) => v.name === net.vim)!;
      const found = new openstack.dataOpenstackNetworkingNetworkV2.DataOpenstackNetworkingNetworkV2(this, `shared-network-${name}`, {
        provider: vim.provider, name: net.network,
      });
      sharedNetworkIds.set(net.vim, [...(sharedNetworkIds.get(net.vim) ?? []), found.id]);
    }
    const { serverCa, clientCa, requestHeaderCa, admin, nodeDrainer, joinSecret, etcdPeerCa, etcdServerCa } = props.credentials;
    // etcd's CAs exist for a cluster of several servers only (its pki stack makes them then).
    const etcdCas = etcdPeerCa && etcdServerCa ? { etcdPeerCa, etcdServerCa } : {};
    this.cluster = new K8sClusterVnf(this, csp.name, {
      vim: vims[0],
      edgeVims: vims.slice(1),
      multiSite: c.multiSite,
      credentials: importOnce(this, "pki", { serverCa, clientCa, requestHeaderCa, admin, nodeDrainer, joinSecret, ...etcdCas }),
      controllers: c.controllers,
      apiLoadBalancer: c.apiLoadBalancer,
      controllerFlavor: c.controllerFlavor,
      controllerVolumeSize: c.controllerVolumeSize,
      controllerSchedulable: c.controllerSchedulable,
      workerPools: c.workerPools && Object.fromEntries(Object.entries(c.workerPools).map(([pool, spec]): [string, WorkerPoolProps] => {
        const attachedNetworkIds = sharedNetworkIds.get(spec.vim ?? c.vim);
        return [pool, { ...spec, ...(attachedNetworkIds ? { attachedNetworkIds } : {}) }];
      })),
      nodeCidr: c.nodeCidr,
      edgeNodeCidrs: c.edgeNodeCidrs,
      dnsNameservers: c.dnsNameservers,
      antiAffinity: c.antiAffinity,
      k3sServerConfig: c.k3sServerConfig,
      k3sAgentConfig: c.k3sAgentConfig,
      podCidr: c.podCidr,
      serviceCidr: c.serviceCidr,
      k3sVersion: c.k3sVersion,
      k3sDownloadUrl: c.k3sDownloadUrl,
      k3sSha256: c.k3sSha256,
      apiAllowedCidrs: c.apiAllowedCidrs,
      nodePortAllowedCidrs: c.nodePortAllowedCidrs,
      sshPublicKey: c.sshPublicKey,
      sshAllowedCidrs: c.sshAllowedCidrs,
      openstackIntegration: openstackIntegrationOf(csp),
      octaviaLoadBalancers: c.octaviaLoadBalancers,
      ...snapshots,
    });
  }
}
