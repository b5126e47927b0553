import { Construct } from "constructs";
import { TerraformOutput, TerraformStack } from "cdktf";
import { openstack } from "../lib";
import { Catalog, CspEntry, identityVimOf, quotaOf, vimsOf } from "./catalog";

export interface NspStackProps {
  readonly catalog: Catalog;
  /** Keystone role CSP groups get on their projects. @default "member" */
  readonly cspRole?: string;
}

/** The project name of a CSP on every VIM. */
export const cspProjectName = (csp: string): string => `csp-${csp}`;

/**
 * NSP-wide resources, with the NSP's admin credentials on each VIM: per CSP and per Keystone its VIMs use, a project
 * and a Keystone group holding the member role there (the CSP's own identities join it: the NSP never handles a CSP
 * password); per VIM, quotas on every compute, network and block-storage field of that project, and access to the
 * shared edge networks the CSP asked for (Neutron RBAC). VIMs that share a Keystone (`identityOf`, regions of one
 * cloud) share the project and group. A CSP's own stacks then authenticate with the CSP's credentials, scoped to it.
 * Construct ids are `<csp>-<vim>-...` (for the project and group, the VIM of the Keystone): state addresses.
 */
export class NspStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: NspStackProps) {
    super(scope, id);
    const { catalog } = props;
    const admin = new Map(Object.entries(catalog.vims).map(([name, vim]) =>
      [name, new openstack.provider.OpenstackProvider(this, `vim-${name}`, { alias: name, cloud: vim.cloud, region: vim.region })]));
    // Roles are looked up where projects are made: in each VIM with a Keystone of its own.
    const role = new Map([...admin].filter(([name]) => identityVimOf(catalog, name) === name).map(([name, provider]) =>
      [name, new openstack.dataOpenstackIdentityRoleV3.DataOpenstackIdentityRoleV3(this, `role-${name}`, {
        provider,
        name: props.cspRole ?? "member",
      })]));
    const sharedNetworks = new Map((catalog.sharedNetworks ?? []).map((net) => [net.name, {
      vim: net.vim,
      id: new openstack.dataOpenstackNetworkingNetworkV2.DataOpenstackNetworkingNetworkV2(this, `shared-network-${net.name}`, {
        provider: admin.get(net.vim)!,
        name: net.network,
      }).id,
    }]));

    for (const csp of catalog.csps) {
      const projects = new Map<string, openstack.identityProjectV3.IdentityProjectV3>(); // by identity VIM
      for (const vim of vimsOf(csp)) {
        const identity = identityVimOf(catalog, vim);
        let project = projects.get(identity);
        if (!project) {
          project = this.identity(csp, identity, admin.get(identity)!, role.get(identity)!, catalog.vims[identity].domain);
          projects.set(identity, project);
        }
        // Quotas belong to each VIM's own Nova, Neutron and Cinder, even on a project of a shared Keystone.
        this.quotas(csp, vim, admin.get(vim)!, project);
        for (const name of csp.sharedNetworks ?? []) {
          const net = sharedNetworks.get(name)!;
          if (net.vim !== vim) continue;
          new openstack.networkingRbacPolicyV2.NetworkingRbacPolicyV2(this, `${csp.name}-${vim}-shares-${name}`, {
            provider: admin.get(vim)!,
            action: "access_as_shared",
            objectType: "network",
            objectId: net.id,
            targetTenant: project.id,
          });
        }
        new TerraformOutput(this, `${csp.name}-${vim}-project-id`, { value: project.id });
      }
    }
  }

  /** The CSP's project and group in the Keystone of `vim`, the group holding the role on the project. */
  private identity(
    csp: CspEntry,
    vim: string,
    provider: openstack.provider.OpenstackProvider,
    role: openstack.dataOpenstackIdentityRoleV3.DataOpenstackIdentityRoleV3,
    domainId: string | undefined,
  ): openstack.identityProjectV3.IdentityProjectV3 {
    const key = `${csp.name}-${vim}`;
    const project = new openstack.identityProjectV3.IdentityProjectV3(this, `${key}-project`, {
      provider,
      name: cspProjectName(csp.name),
      description: `mecaas edge environment of CSP ${csp.name} (${csp.mode})`,
      domainId,
      tags: ["mecaas", `csp:${csp.name}`],
    });
    const group = new openstack.identityGroupV3.IdentityGroupV3(this, `${key}-group`, {
      provider,
      name: cspProjectName(csp.name),
      description: `Operators and pipelines of CSP ${csp.name}`,
      domainId,
    });
    new openstack.identityRoleAssignmentV3.IdentityRoleAssignmentV3(this, `${key}-role`, { provider, groupId: group.id, projectId: project.id, roleId: role.id });
    return project;
  }

  /** Quotas of the CSP's project on `vim`, through that VIM's own services. */
  private quotas(
    csp: CspEntry,
    vim: string,
    provider: openstack.provider.OpenstackProvider,
    project: openstack.identityProjectV3.IdentityProjectV3,
  ): void {
    const key = `${csp.name}-${vim}`;
    const quota = quotaOf(csp);
    // Nova's fixed_ips, floating_ips and security_group(_rule)s are nova-network proxies (gone since API 2.36):
    // Neutron's quota below is where those limits live.
    new openstack.computeQuotasetV2.ComputeQuotasetV2(this, `${key}-compute-quota`, {
      provider,
      projectId: project.id,
      instances: quota.instances,
      cores: quota.cores,
      ram: quota.ramMb,
      keyPairs: quota.keyPairs,
      metadataItems: quota.metadataItems,
      serverGroups: quota.serverGroups,
      serverGroupMembers: quota.serverGroupMembers,
      injectedFiles: quota.injectedFiles,
      injectedFileContentBytes: quota.injectedFileContentBytes,
      injectedFilePathBytes: quota.injectedFilePathBytes,
    });
    new openstack.networkingQuotaV2.NetworkingQuotaV2(this, `${key}-network-quota`, {
      provider,
      projectId: project.id,
      network: quota.networks,
      subnet: quota.subnets,
      port: quota.ports,
      router: quota.routers,
      floatingip: quota.floatingIps,
      securityGroup: quota.securityGroups,
      securityGroupRule: quota.securityGroupRules,
      rbacPolicy: quota.rbacPolicies,
      subnetpool: quota.subnetPools,
    });
    new openstack.blockstorageQuotasetV3.BlockstorageQuotasetV3(this, `${key}-volume-quota`, {
      provider,
      projectId: project.id,
      volumes: quota.volumes,
      snapshots: quota.snapshots,
      gigabytes: quota.gigabytes,
      perVolumeGigabytes: quota.perVolumeGigabytes,
      backups: quota.backups,
      backupGigabytes: quota.backupGigabytes,
      groups: quota.volumeGroups,
    });
  }
}
