import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { randomBytes } from "crypto";
import { tmpdir } from "os";
import { basename, dirname, join, resolve } from "path";
import { parse, stringify } from "yaml";
import { SynthesizedStack, synthCatalog } from "../../synth";
import { vimsOf } from "../../../stacks/catalog";
import { CloudEntry, OpenStackClient, testbedClouds } from "./openstack";
import { writePkiStandInState } from "./pki-stand-in";
import { Terraform } from "./terraform";

/** Keystone domain of the test bed that stands in for the edge VIMs' own cloud (testbed/openstack/seed.py). */
const EDGE_DOMAIN = "edge";

/**
 * The test bed held for the spec file that calls this: locked before its first spec; after its last, `cleanUp` run,
 * then whatever the deployments still have applied destroyed (a failed spec must not leave its CSPs in the cloud for
 * the next file), then released.
 */
export function holdTestbed(deployments: CatalogDeployment[], cleanUp?: () => unknown): void {
  let release: (() => void) | undefined;
  beforeAll(async () => { release = await lockTestbed(); });
  afterAll(async () => {
    try {
      await cleanUp?.();
      for (const deployment of deployments) deployment.destroyApplied();
    } finally {
      release?.();
    }
  });
}

/**
 * Holds the test bed for one spec file at a time: catalogs share CSP names, and so Keystone names, so two files
 * deploying at once (jest workers) would collide. Returns the release function.
 */
async function lockTestbed(): Promise<() => void> {
  const lock = join(dirname(testbedClouds().path), "e2e.lock");
  const deadline = Date.now() + 60 * 60 * 1000;
  for (;;) {
    try {
      mkdirSync(lock);
      return () => rmSync(lock, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

/**
 * One example catalog deployed on the test bed's OpenStack as an NSP's pipeline would: a copy of the catalog (state
 * kept in local files of a folder of its own: the test bed has no object store), a clouds.yaml with the NSP's admin
 * entry per VIM and each CSP's own identity per VIM, and the stacks the real app synthesizes from it.
 *
 * The test bed has one Keystone. A VIM other than the catalog's first stands in for another cloud: its admin entry
 * acts in the `edge` domain, and the copy names that domain in `vims.<vim>.domain` so the CSP's projects and groups
 * are made there. A VIM that shares another's Keystone (`identityOf`) keeps that one's domain.
 */
export class CatalogDeployment {
  readonly dir: string;
  readonly catalog: any;
  readonly terraform: Terraform;
  /** The copy of the catalog that synth() writes and synthesizes. */
  readonly catalogPath: string;
  readonly cloudsPath: string;
  private readonly sourceDir: string;
  private stacks: SynthesizedStack[] = [];
  /** Stacks applied and not destroyed since, oldest first. */
  private readonly applied: string[] = [];
  private admin?: OpenStackClient;
  private readonly domains = new Map<string, string>();

  constructor(readonly name: string, catalogPath: string) {
    this.dir = mkdtempSync(join(tmpdir(), `mecaas-e2e-${basename(catalogPath, ".yaml")}-`));
    this.sourceDir = dirname(resolve(catalogPath));
    this.catalog = parse(readFileSync(catalogPath, "utf8"));
    this.catalog.state = { backend: "local", path: join(this.dir, "state") };
    this.cloudsPath = join(this.dir, "clouds.yaml");
    this.catalogPath = join(this.dir, "catalog.yaml");
    this.terraform = new Terraform({ OS_CLIENT_CONFIG_FILE: this.cloudsPath });
  }

  /** The test bed's administrator (the NSP's admin on the core VIM). */
  async adminClient(): Promise<OpenStackClient> {
    this.admin ??= await OpenStackClient.connect(testbedClouds().clouds["testbed-admin"]);
    return this.admin;
  }

  /** Keystone domain id each VIM of the catalog acts in. */
  async vimDomain(vim: string): Promise<string> {
    if (!this.domains.size) {
      const admin = await this.adminClient();
      const edge = await admin.domainId(EDGE_DOMAIN);
      const names = Object.keys(this.catalog.vims);
      for (const name of names) if (!this.catalog.vims[name].identityOf) this.domains.set(name, name === names[0] ? "default" : edge);
      for (const name of names) if (this.catalog.vims[name].identityOf) this.domains.set(name, this.domains.get(this.catalog.vims[name].identityOf)!);
    }
    return this.domains.get(vim)!;
  }

  /** Writes clouds.yaml: the NSP's admin entries, and for every CSP and VIM a user of the CSP's own. */
  async writeClouds(): Promise<void> {
    const { clouds } = testbedClouds();
    const entries: Record<string, CloudEntry> = {};
    const admin = await this.adminClient();
    for (const [vim, entry] of Object.entries<any>(this.catalog.vims)) {
      const domain = await this.vimDomain(vim);
      if (domain !== "default" && !entry.identityOf) entry.domain = domain;
      entries[entry.cloud] = clouds[domain === "default" ? "testbed-admin" : "testbed-edge-admin"];
    }
    for (const csp of this.catalog.csps) {
      for (const vim of this.vimsOf(csp)) {
        const domainId = await this.vimDomain(vim);
        const user = `${csp.name}-${vim}`;
        const password = randomBytes(16).toString("hex");
        await admin.ensureUser(user, domainId, password);
        const domainName = domainId === "default" ? "Default" : EDGE_DOMAIN;
        entries[csp.clouds?.[vim] ?? user] = {
          auth: { auth_url: clouds["testbed-admin"].auth.auth_url, username: user, password, project_name: `csp-${csp.name}`,
            user_domain_name: domainName, project_domain_name: domainName },
          region_name: "RegionOne",
        };
      }
    }
    writeFileSync(this.cloudsPath, stringify({ clouds: entries }), { mode: 0o600 });
  }

  /** The NSP's onboarding step: each CSP identity joins its group `csp-<csp>` (made by the nsp stack). */
  async joinCspGroups(): Promise<void> {
    const admin = await this.adminClient();
    for (const csp of this.catalog.csps) {
      for (const vim of this.vimsOf(csp)) {
        const domainId = await this.vimDomain(vim);
        const group = await admin.findGroup(`csp-${csp.name}`, domainId);
        if (!group) throw new Error(`the nsp stack made no group csp-${csp.name} in domain ${domainId} (VIM ${vim})`);
        const { users } = await admin.get("identity", `/users?name=${csp.name}-${vim}&domain_id=${domainId}`);
        await admin.addUserToGroup(users[0].id, group.id);
      }
    }
  }

  /** The VIMs a CSP of the (changed) catalog has nodes on, as the app computes them. */
  vimsOf(csp: any): string[] {
    return vimsOf(csp);
  }

  /** Synthesizes the current catalog with the real app (paths in it resolved against the example's folder). */
  synth(): SynthesizedStack[] {
    const copy = structuredClone(this.catalog);
    for (const csp of copy.csps) {
      for (const app of csp.apps ?? []) {
        app.descriptor = resolve(this.sourceDir, app.descriptor);
        app.chart = resolve(this.sourceDir, app.chart);
      }
    }
    writeFileSync(this.catalogPath, stringify(copy));
    mkdirSync(join(this.dir, "state"), { recursive: true });
    this.stacks = synthCatalog(this.catalogPath);
    return this.stacks;
  }

  stack(name: string): SynthesizedStack {
    const stack = this.stacks.find((s) => s.name === name);
    if (!stack) throw new Error(`no stack ${name} in ${this.stacks.map((s) => s.name).join(", ")}`);
    return stack;
  }

  /** `terraform init` then `apply` of one stack (its pki stand-in first, for an infra stack). */
  deploy(name: string): number {
    if (name.endsWith("-infra")) this.writePki(name.replace(/-infra$/, ""));
    const dir = this.stack(name).dir;
    if (!this.applied.includes(name)) this.applied.push(name);
    return this.terraform.init(dir).seconds + this.terraform.apply(dir).seconds;
  }

  private readonly pkiWritten = new Set<string>();
  writePki(csp: string): void {
    if (this.pkiWritten.has(csp)) return;
    writePkiStandInState(this.stack(`${csp}-pki`), csp);
    this.pkiWritten.add(csp);
  }

  pendingChanges(name: string): string[] {
    const dir = this.stack(name).dir;
    this.terraform.init(dir);
    return this.terraform.pendingChanges(dir);
  }

  destroy(name: string): number {
    const dir = this.stack(name).dir;
    const seconds = this.terraform.init(dir).seconds + this.terraform.destroy(dir).seconds;
    const at = this.applied.indexOf(name);
    if (at >= 0) this.applied.splice(at, 1);
    return seconds;
  }

  /** Best-effort clean-up: every stack still applied destroyed, newest first; a failure is logged, the rest go on. */
  destroyApplied(): void {
    for (const name of [...this.applied].reverse()) {
      try { this.destroy(name); } catch (error) { console.error(`clean-up of ${name}: ${(error as Error).message}`); }
    }
  }

  /**
   * Destroys every CSP's infra stack, checks its projects hold nothing, destroys nsp, and checks the CSPs' projects
   * and groups are gone from every VIM.
   */
  async destroyAllExpectingNothingLeft(): Promise<void> {
    const admin = await this.adminClient();
    const projects: Array<{ key: string; csp: string; id: string; domain: string }> = [];
    for (const csp of this.catalog.csps) {
      for (const vim of this.vimsOf(csp)) {
        const domain = await this.vimDomain(vim);
        projects.push({ key: `${csp.name}@${vim}`, csp: csp.name, id: (await admin.findProject(`csp-${csp.name}`, domain)).id, domain });
      }
    }
    for (const csp of this.catalog.csps) this.destroy(`${csp.name}-infra`);
    for (const p of projects) expect({ key: p.key, left: await admin.projectResources(p.id) }).toEqual({ key: p.key, left: {} });
    this.destroy("nsp");
    for (const p of projects) {
      expect({ key: p.key, project: await admin.findProject(`csp-${p.csp}`, p.domain), group: await admin.findGroup(`csp-${p.csp}`, p.domain) })
        .toEqual({ key: p.key, project: undefined, group: undefined });
    }
  }
}
