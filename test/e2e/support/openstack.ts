import { readFileSync } from "fs";
import { parse } from "yaml";

/*
 * An administrator's client of the test bed's OpenStack (testbed/openstack), over its real REST APIs: used to do
 * what an NSP operator does by hand (add a CSP's identities to its group) and to check what Terraform left in the
 * cloud. Nothing here stands in for an OpenStack API.
 */

export interface CloudEntry {
  readonly auth: {
    readonly auth_url: string; readonly username: string; readonly password: string; readonly project_name: string;
    readonly user_domain_name: string; readonly project_domain_name: string;
  };
  readonly region_name: string;
}

/** The test bed's clouds.yaml, from MECAAS_OPENSTACK_CLOUDS (set by testbed/openstack/with-openstack.sh). */
export function testbedClouds(): { path: string; clouds: Record<string, CloudEntry> } {
  const path = process.env.MECAAS_OPENSTACK_CLOUDS;
  if (!path) {
    throw new Error("MECAAS_OPENSTACK_CLOUDS is not set: run the e2e specs through scripts/test.sh, or "
      + "`bash testbed/openstack/with-openstack.sh npx jest test/e2e` (the test bed's OpenStack must be up)");
  }
  return { path, clouds: parse(readFileSync(path, "utf8")).clouds };
}

export class OpenStackError extends Error {}

export class OpenStackClient {
  private constructor(private readonly token: string, private readonly endpoints: Map<string, string>,
    readonly projectId: string) {}

  static async connect(entry: CloudEntry): Promise<OpenStackClient> {
    const a = entry.auth;
    const response = await fetch(`${a.auth_url}/auth/tokens`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ auth: {
        identity: { methods: ["password"], password: { user: { name: a.username, password: a.password, domain: { name: a.user_domain_name } } } },
        scope: { project: { name: a.project_name, domain: { name: a.project_domain_name } } },
      } }),
    });
    if (response.status !== 201) throw new OpenStackError(`Keystone refused ${a.username}: ${response.status} ${await response.text()}`);
    const body: any = await response.json();
    const endpoints = new Map<string, string>();
    for (const service of body.token.catalog) {
      const endpoint = service.endpoints.find((e: any) => e.interface === "public" && e.region_id === entry.region_name);
      if (endpoint) endpoints.set(service.type, endpoint.url.replace("%(project_id)s", body.token.project.id));
    }
    return new OpenStackClient(response.headers.get("x-subject-token")!, endpoints, body.token.project.id);
  }

  async request(method: string, service: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<any> {
    const base = this.endpoints.get(service);
    if (!base) throw new OpenStackError(`no ${service} endpoint in the catalog`);
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { "X-Auth-Token": this.token, "Content-Type": "application/json", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new OpenStackError(`${method} ${service} ${path}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  }

  get = (service: string, path: string, headers?: Record<string, string>) => this.request("GET", service, path, undefined, headers);

  async domainId(name: string): Promise<string> {
    const { domains } = await this.get("identity", `/domains?name=${encodeURIComponent(name)}`);
    if (domains.length !== 1) throw new OpenStackError(`domain ${name} not found`);
    return domains[0].id;
  }

  async findProject(name: string, domainId: string): Promise<any | undefined> {
    const { projects } = await this.get("identity", `/projects?name=${encodeURIComponent(name)}&domain_id=${domainId}`);
    return projects[0];
  }

  async findGroup(name: string, domainId: string): Promise<any | undefined> {
    const { groups } = await this.get("identity", `/groups?name=${encodeURIComponent(name)}&domain_id=${domainId}`);
    return groups[0];
  }

  /** Creates the user, or resets its password when it exists. */
  async ensureUser(name: string, domainId: string, password: string): Promise<string> {
    const { users } = await this.get("identity", `/users?name=${encodeURIComponent(name)}&domain_id=${domainId}`);
    if (users.length) {
      await this.request("PATCH", "identity", `/users/${users[0].id}`, { user: { password } });
      return users[0].id;
    }
    const { user } = await this.request("POST", "identity", "/users", { user: { name, password, domain_id: domainId } });
    return user.id;
  }

  async addUserToGroup(userId: string, groupId: string): Promise<void> {
    await this.request("PUT", "identity", `/groups/${groupId}/users/${userId}`);
  }

  /** Everything of a project that a cluster's destroy must remove, by kind (Neutron's `default` group excepted). */
  async projectResources(projectId: string): Promise<Record<string, string[]>> {
    const names = (items: any[]) => items.map((i) => i.name || i.floating_ip_address || i.id);
    const q = `project_id=${projectId}`;
    const [servers, volumes, networks, subnets, ports, routers, fips, groups, serverGroups] = await Promise.all([
      this.get("compute", `/servers?all_tenants=1&${q}`).then((r) => names(r.servers)),
      this.get("volumev3", `/volumes?all_tenants=1&${q}`).then((r) => names(r.volumes)),
      this.get("network", `/v2.0/networks?${q}`).then((r) => names(r.networks)),
      this.get("network", `/v2.0/subnets?${q}`).then((r) => names(r.subnets)),
      this.get("network", `/v2.0/ports?${q}`).then((r) => names(r.ports)),
      this.get("network", `/v2.0/routers?${q}`).then((r) => names(r.routers)),
      this.get("network", `/v2.0/floatingips?${q}`).then((r) => names(r.floatingips)),
      this.get("network", `/v2.0/security-groups?${q}`).then((r) => names(r.security_groups).filter((n) => n !== "default")),
      this.get("compute", `/os-server-groups?all_projects=true`, { "OpenStack-API-Version": "compute 2.13" })
        .then((r) => names(r.server_groups.filter((g: any) => g.project_id === projectId))),
    ]);
    return Object.fromEntries(Object.entries({ servers, volumes, networks, subnets, ports, routers, floatingIps: fips,
      securityGroups: groups, serverGroups }).filter(([, list]) => list.length > 0));
  }

  async servers(projectId: string): Promise<any[]> {
    const { servers } = await this.get("compute", `/servers/detail?all_tenants=1&project_id=${projectId}`,
      { "OpenStack-API-Version": "compute 2.79" });
    return servers;
  }

  /** The actions Nova recorded on a server, oldest first (readable after its deletion). */
  async serverActions(serverId: string): Promise<string[]> {
    const { instanceActions } = await this.get("compute", `/servers/${serverId}/os-instance-actions`,
      { "OpenStack-API-Version": "compute 2.79" });
    return instanceActions.map((a: any) => a.action).reverse();
  }

  async computeQuota(projectId: string): Promise<Record<string, number>> {
    const { quota_set } = await this.get("compute", `/os-quota-sets/${projectId}`);
    return quota_set;
  }
}
