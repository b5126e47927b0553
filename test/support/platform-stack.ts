import { randomBytes, randomUUID } from "crypto";
import { join } from "path";
import { SynthesizedStack } from "../synth";
import { Manifest } from "./helm";

/*
 * A synthesized `<csp>-platform` stack as the kubernetes and helm providers would apply it: those providers cannot be
 * built here (the Go module proxy refuses them), so the specs create its Kubernetes objects themselves and install
 * its Helm releases with the real helm CLI, from the chart assets and values it synthesized. Its random_* results
 * are made per instance, as Terraform would make them at apply; its input variables are given, as TF_VAR_* would.
 */

/** Resource types the specs apply, and those only computed (their results stand in as apply-time values). */
export const APPLIED = ["kubernetes_namespace_v1", "kubernetes_secret_v1", "helm_release"];
export const COMPUTED = ["random_password", "random_uuid"];

export interface StackResource {
  readonly address: string;
  readonly type: string;
  readonly config: any;
}

export class PlatformStack {
  private readonly applyTime = new Map<string, string>();

  /**
   * `remoteOutputs`: the outputs of the stacks this one reads through cross-stack references (terraform output of the
   * infra stack), for its locals that hold them; a local is resolved where it is used.
   */
  constructor(readonly stack: SynthesizedStack, variables: Record<string, string> = {}, private readonly remoteOutputs: Record<string, string> = {}) {
    for (const [name, value] of Object.entries(variables)) this.applyTime.set(`\${var.${name}}`, value);
    for (const key of Object.keys(stack.json.resource.random_uuid ?? {})) {
      this.applyTime.set(`\${random_uuid.${key}.result}`, randomUUID());
    }
    for (const [key, config] of Object.entries<any>(stack.json.resource.random_password ?? {})) {
      const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"; // special = false
      this.applyTime.set(`\${random_password.${key}.result}`, [...randomBytes(config.length)].map((b) => alphabet[b % alphabet.length]).join(""));
    }
  }

  /** The applied resources in an order that respects their depends_on, as Terraform would walk them. */
  inApplyOrder(): StackResource[] {
    const all = new Map<string, StackResource>();
    for (const type of APPLIED) {
      for (const [key, config] of Object.entries<any>(this.stack.json.resource[type] ?? {})) {
        all.set(`${type}.${key}`, { address: `${type}.${key}`, type, config });
      }
    }
    const ordered: StackResource[] = [];
    const visit = (address: string, path: string[]) => {
      if (ordered.some((r) => r.address === address) || !all.has(address)) return;
      if (path.includes(address)) throw new Error(`dependency cycle: ${[...path, address].join(" -> ")}`);
      for (const dep of all.get(address)!.config.depends_on ?? []) visit(dep, [...path, address]);
      ordered.push(all.get(address)!);
    };
    for (const address of all.keys()) visit(address, []);
    return ordered;
  }

  /** A string of the stack with its apply-time values substituted; throws on a reference it cannot resolve. */
  resolve(text: string): string {
    return text.replace(/\$\{[^}]+\}/g, (token) => {
      const local = /^\$\{local\.([\w-]+)\}$/.exec(token)?.[1];
      if (local !== undefined && typeof this.stack.json.locals?.[local] === "string") return this.resolve(this.stack.json.locals[local]);
      const remote = /^\$\{data\.terraform_remote_state\.[\w-]+\.outputs\.([\w-]+)\}$/.exec(token)?.[1];
      if (remote !== undefined && this.remoteOutputs[remote] !== undefined) return this.remoteOutputs[remote];
      const value = this.applyTime.get(token);
      if (value === undefined) throw new Error(`no apply-time value for ${token}`);
      return value;
    });
  }

  /** A helm_release's values as helm sees them: the values document, then `set` and `set_sensitive`. */
  releaseValues(release: any): any {
    const values = JSON.parse(this.resolve(release.values?.[0] ?? "{}"));
    for (const s of [...(release.set ?? []), ...(release.set_sensitive ?? [])]) {
      const path = s.name.split(".");
      let node = values;
      for (const k of path.slice(0, -1)) node = node[k] ??= {};
      node[path[path.length - 1]] = this.resolve(s.value);
    }
    return values;
  }

  /** A helm_release as the provider runs it, created or updated: its chart asset, namespace, wait, atomic and timeout. */
  helmArgs(release: StackResource, verb: "install" | "upgrade" = "install"): string[] {
    const c = release.config;
    return [verb, c.name, join(this.stack.dir, c.chart), "--namespace", c.namespace,
      ...(c.wait ? ["--wait"] : []), ...(c.wait_for_jobs ? ["--wait-for-jobs"] : []), ...(c.atomic ? ["--atomic"] : []),
      "--timeout", `${c.timeout ?? 300}s`];
  }

  /** The object a kubernetes_namespace_v1 or kubernetes_secret_v1 resource creates, as the provider sends it. */
  objectOf(r: StackResource): Manifest {
    const { name, namespace, labels, annotations } = r.config.metadata;
    const metadata = { name, ...(namespace ? { namespace } : {}), ...(labels ? { labels } : {}), ...(annotations ? { annotations } : {}) };
    if (r.type === "kubernetes_namespace_v1") return { apiVersion: "v1", kind: "Namespace", metadata };
    if (r.type !== "kubernetes_secret_v1") throw new Error(`${r.address} is no namespace or secret`);
    // The provider's `data` holds plain strings and sends them base64-encoded.
    const data = Object.fromEntries(Object.entries<string>(r.config.data ?? {}).map(([k, v]) => [k, Buffer.from(this.resolve(v)).toString("base64")]));
    return { apiVersion: "v1", kind: "Secret", metadata, type: r.config.type ?? "Opaque", data };
  }
}
