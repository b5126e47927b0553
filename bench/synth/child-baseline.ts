/*
 * The plain-cdktf baseline: the same stacks, providers, resources, data sources and outputs as our app, written
 * directly with already-resolved configuration (no constructs, validation or helper logic). Each resource and data
 * source is an instance of its generated binding class, as a person writing plain cdktf would use
 * (BENCH_BASELINE_GENERIC=1: cdktf's generic classes instead, the cheapest possible program).
 * Run in a fresh child by run.ts. Usage: child-baseline.ts INPUT_JSON OUTDIR
 * Prints one JSON line: {phaseMs, cpuMs, maxRssKb}. Reading the input happens before the timed phase.
 */
import { readFileSync } from "fs";
import { startPhaseProfile } from "./phase-profile";
import { disableTokenCreationStacks } from "../../lib/token-creation-stacks";
import { Construct } from "constructs";
import {
  App, AssetType, Fn, LocalBackend, TerraformAsset, TerraformDataSource, TerraformLocal, TerraformOutput, TerraformProvider, TerraformResource,
  TerraformStack, TerraformVariable, Token,
} from "../../lib/cdk";
import type { BaselineStack } from "./baseline-input";

type Attrs = Record<string, any>;

class Provider extends TerraformProvider {
  constructor(scope: Construct, id: string, type: string, source: string | undefined, version: string | undefined,
    private readonly providerAlias: string | undefined, private readonly attrs: Attrs) {
    super(scope, id, { terraformResourceType: type, terraformProviderSource: source, terraformGeneratorMetadata: { providerName: type, providerVersion: version } });
  }
  // cdktf's base class leaves alias to the generated subclasses.
  public get alias(): string | undefined { return this.providerAlias; }
  protected synthesizeAttributes(): Attrs { return this.attrs; }
}


/** Where the binding classes of each provider live (one module per resource type). */
const BINDINGS: Record<string, string> = {
  openstack: "../../.gen/providers/openstack",
  helm: "@cdktf/provider-helm/lib",
  kubernetes: "@cdktf/provider-kubernetes/lib",
  random: "@cdktf/provider-random/lib",
  tls: "@cdktf/provider-tls/lib",
  http: "@cdktf/provider-http/lib",
};
type ElementClass = new (scope: Construct, id: string, config: Attrs) => TerraformResource | TerraformDataSource;

/**
 * A class that synthesizes the resolved attributes, so the output stays identical to ours. Through a binding it
 * first runs the binding's own attribute mapping (every attribute of the schema, as in any program using the
 * bindings), with the resolved values over it; BENCH_BASELINE_RESOLVED=1 skips that mapping (the floor: the
 * cheapest way to emit the same JSON, which no program written with the bindings reaches).
 */
const bindingMapping = process.env.BENCH_BASELINE_RESOLVED !== "1";
function withResolvedAttrs(Base: unknown): ElementClass {
  return class extends (Base as new (...args: any[]) => TerraformResource) {
    public resolvedAttrs: Attrs = {};
    protected synthesizeAttributes(): Attrs {
      return bindingMapping ? { ...super.synthesizeAttributes(), ...this.resolvedAttrs } : this.resolvedAttrs;
    }
  } as unknown as ElementClass;
}
const GenericResource = withResolvedAttrs(TerraformResource);
const GenericDataSource = withResolvedAttrs(TerraformDataSource);
const bindingSubclasses = new Map<string, ElementClass | undefined>();

/**
 * The binding class of a type, subclassed by withResolvedAttrs: construction costs what a plain program pays (the
 * bindings' attribute and block objects).
 */
function bindingClass(type: string, data: boolean): ElementClass | undefined {
  const key = `${data ? "data." : ""}${type}`;
  if (!bindingSubclasses.has(key)) {
    const [provider, ...rest] = type.split("_");
    const base = BINDINGS[provider];
    let found: ElementClass | undefined;
    if (base !== undefined) {
      const module = require(`${base}/${(data ? ["data", provider, ...rest] : rest).join("-")}`);
      const Binding = Object.values(module).find((c: any) => c?.tfResourceType === type);
      if (Binding !== undefined) found = withResolvedAttrs(Binding);
    }
    bindingSubclasses.set(key, found);
  }
  return bindingSubclasses.get(key);
}
const useBindings = process.env.BENCH_BASELINE_GENERIC !== "1";

/**
 * A resource or data source of the baseline: its binding class when there is one, else cdktf's generic class.
 * Terraform meta-arguments go through cdktf's own fields: it drops them from plain attributes. Those whose cdktf
 * form is an object (iterators, provisioners) are set as raw overrides, which cdktf writes as given. Its attributes
 * are set later (withReferences), once every element they may refer to exists.
 */
function element(scope: Construct, id: string, type: string, all: Attrs, providers: Map<string, TerraformProvider>, data: boolean) {
  const { provider, depends_on, lifecycle, count, for_each, connection, provisioner, ...attrs } = all;
  const p = provider === undefined ? undefined : providers.get(provider);
  if (provider !== undefined && !p) throw new Error(`provider ${provider} is not in the stack`);
  const Class = (useBindings ? bindingClass(type, data) : undefined) ?? (data ? GenericDataSource : GenericResource);
  const instance = new Class(scope, id, { terraformResourceType: type, provider: p, lifecycle }) as
    (TerraformResource | TerraformDataSource) & { resolvedAttrs: Attrs };
  instance.overrideLogicalId(id);
  if (depends_on) instance.dependsOn = depends_on as string[];
  for (const [k, v] of Object.entries({ count, for_each, connection, provisioner })) if (v !== undefined) instance.addOverride(k, v);
  return { instance, attrs };
}

/**
 * Cross-stack references and base64encode/sha256 of a reference written as a plain program writes them: by
 * referring to the other stack's element (cdktf then makes the producer's output and the consumer's remote state)
 * and with Fn calls. BENCH_BASELINE_RESOLVED=1 (the floor) keeps them as the finished text of our output instead.
 */
const asAProgramWould = process.env.BENCH_BASELINE_RESOLVED !== "1";
const CROSS_STACK_INPUT = "cross-stack-reference-input-";
const CROSS_STACK_OUTPUT = "cross-stack-output-";
const CROSS_STACK_REFERENCE = /\$\{data\.terraform_remote_state\.cross-stack-reference-input-([A-Za-z0-9_-]+)\.outputs\.(cross-stack-output-[A-Za-z0-9_.-]+)\}/g;

/** The token of another stack's element that its cross-stack output `output` exposes. */
function crossStackToken(producer: string, output: string, whole: string): string {
  const expression = crossStackOutputs.get(producer)?.get(output);
  const match = expression && /^\$\{((?:data\.)?[a-z0-9_]+\.[A-Za-z0-9_-]+|local\.[A-Za-z0-9_-]+)((?:\.[A-Za-z0-9_]+)*)\}$/.exec(expression);
  const target = match ? elementsOf.get(producer)?.get(match[1]) : undefined;
  if (!match || target === undefined) return whole;
  if (target instanceof TerraformLocal) return match[2] === "" ? target.asString : whole;
  return match[2] === "" ? whole : Token.asString(target.interpolationForAttribute(match[2].slice(1)));
}

/** `${type.name.attr}`, `${data.type.name.attr}` or `${local.name}` standing alone inside a string. */
const REFERENCE = /\$\{((?:data\.)?[a-z0-9_]+\.[A-Za-z0-9_-]+|local\.[A-Za-z0-9_-]+)((?:\.[A-Za-z0-9_]+|\[\d+\])*)\}/g;
const FUNCTION_CALL = /\$\{[a-z0-9_]+\(/;

/** `${base64encode(REF)}` or `${sha256(REF)}` of one plain reference, which a program writes as `Fn.sha256(ref)`. */
const CALL_OF_REFERENCE = /\$\{(base64encode|sha256)\(((?:data\.)?[a-z0-9_]+\.[A-Za-z0-9_-]+|local\.[A-Za-z0-9_-]+)((?:\.[A-Za-z0-9_]+)*)\)\}/g;

/** The token of a reference to an element of the stack, or undefined when the element is not there. */
function referenceToken(target: string, path: string, elements: Map<string, Element>): string | undefined {
  const element = elements.get(target);
  if (element === undefined) return undefined;
  if (element instanceof TerraformLocal) return path === "" ? element.asString : undefined;
  return path === "" ? undefined : Token.asString(element.interpolationForAttribute(path.slice(1)));
}

/**
 * The attributes with each plain reference to an element of the same stack replaced by that element's token, as a
 * hand-written program references `port.id`, and base64encode/sha256 of one reference by the Fn call: the baseline
 * then pays token creation and resolution like ours. A string holding other function calls (or those two nested in
 * them) stays text: a program would write Fn.* calls there too; not modelled.
 */
function withReferences(value: unknown, elements: Map<string, Element>): any {
  if (typeof value === "string") {
    if (!value.includes("${")) return value;
    if (asAProgramWould) {
      const withCalls = value.replace(CALL_OF_REFERENCE, (whole, fn: "base64encode" | "sha256", target: string, path: string) => {
        const token = referenceToken(target, path, elements);
        return token === undefined ? whole : Fn[fn](token);
      });
      // Only where no other call remains: inside another call's argument a call renders without its `${}`.
      if (!FUNCTION_CALL.test(withCalls)) value = withCalls;
    }
    if (FUNCTION_CALL.test(value as string)) return value;
    if (asAProgramWould) value = (value as string).replace(CROSS_STACK_REFERENCE, (whole, producer: string, output: string) => crossStackToken(producer, output, whole));
    return (value as string).replace(REFERENCE, (whole, target: string, path: string) => referenceToken(target, path, elements) ?? whole);
  }
  if (Array.isArray(value)) return value.map((v) => withReferences(v, elements));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withReferences(v, elements)]));
  }
  return value;
}

/** A Terraform input variable, its declaration as synthesized (type, default, sensitive, validation, ...). */
class Variable extends TerraformVariable {
  constructor(scope: Construct, id: string, private readonly attrs: Attrs) {
    super(scope, id, {});
  }
  public synthesizeAttributes(): Attrs { return this.attrs; }
}

const [inputPath, outdir] = process.argv.slice(2);
// Diagnostic (run.ts --diagnose): the same stack formatting switch as child-ours.ts.
if (process.env.BENCH_PLAIN_STACKS === "1") delete (Error as { prepareStackTrace?: unknown }).prepareStackTrace;
// The app (main.ts) switches token creation stacks off; both sides run as the app does unless run.ts says otherwise.
if (process.env.BENCH_CREATION_STACK !== "1") disableTokenCreationStacks();
const input = JSON.parse(readFileSync(inputPath, "utf8")) as BaselineStack[];

// Load the binding modules before the timed phase, as our side's static imports are.
if (useBindings) for (const s of input) {
  for (const r of s.resources) bindingClass(r.type, false);
  for (const d of s.data) bindingClass(d.type, true);
}

const stopProfile = startPhaseProfile();
const t0 = process.hrtime.bigint();
const cpu0 = process.cpuUsage();
const app = new App({ outdir, skipValidation: false });
const stacks = new Map<string, TerraformStack>();
type Element = TerraformResource | TerraformDataSource | TerraformLocal;
// Per stack: its elements by reference ("type.name", "data.type.name", "local.name"), and the expression behind each
// cross-stack output (the producer side of a reference).
const elementsOf = new Map<string, Map<string, Element>>();
const crossStackOutputs = new Map<string, Map<string, string>>();
const assignments: (() => void)[] = [];
for (const s of input) {
  const stack = new TerraformStack(app, s.name);
  stacks.set(s.name, stack);
  if (s.localStatePath) new LocalBackend(stack, { path: s.localStatePath });
  // Keyed as resources name them: "<type>" or "<type>.<alias>".
  const providers = new Map<string, TerraformProvider>();
  s.providers.forEach((p, i) => providers.set(p.alias ? `${p.type}.${p.alias}` : p.type,
    new Provider(stack, `${p.type}-${p.alias ?? "default"}-${i}`, p.type, p.source, p.version, p.alias, p.attrs)));
  const elements = new Map<string, Element>();
  elementsOf.set(s.name, elements);
  const pending: { instance: { resolvedAttrs: Attrs }; attrs: Attrs }[] = [];
  for (const r of s.resources) {
    const made = element(stack, r.name, r.type, r.attrs, providers, false);
    elements.set(`${r.type}.${r.name}`, made.instance);
    pending.push(made);
  }
  for (const d of s.data) {
    // cdktf makes the remote state of a cross-stack reference itself, from the reference (see withReferences).
    if (asAProgramWould && d.type === "terraform_remote_state" && d.name.startsWith(CROSS_STACK_INPUT)) continue;
    const made = element(stack, d.name, d.type, d.attrs, providers, true);
    elements.set(`data.${d.type}.${d.name}`, made.instance);
    pending.push(made);
  }
  for (const v of s.variables) new Variable(stack, v.name, v.attrs).overrideLogicalId(v.name);
  const locals = s.locals.map((l) => {
    const local = new TerraformLocal(stack, l.name, l.value);
    local.overrideLogicalId(l.name);
    elements.set(`local.${l.name}`, local);
    return { local, value: l.value };
  });
  const outputs = new Map<string, string>();
  crossStackOutputs.set(s.name, outputs);
  // Attributes are set once every stack's elements exist: a reference may point into another stack.
  assignments.push(() => {
    for (const { instance, attrs } of pending) instance.resolvedAttrs = withReferences(attrs, elements);
    for (const { local, value } of locals) local.expression = withReferences(value, elements);
    // cdktf makes the outputs of cross-stack references itself, from the references.
    for (const o of s.outputs.filter((o) => !(asAProgramWould && o.name.startsWith(CROSS_STACK_OUTPUT)))) {
      const { value, description, sensitive, ...rest } = o.attrs;
      if (Object.keys(rest).length) throw new Error(`output ${s.name}.${o.name}: ${Object.keys(rest).join(", ")} not rebuilt by the baseline`);
      new TerraformOutput(stack, o.name, {
        value: withReferences(value, elements), description: description as string | undefined, sensitive: sensitive as boolean | undefined,
      }).overrideLogicalId(o.name);
    }
  });
  for (const o of s.outputs) {
    if (asAProgramWould && o.name.startsWith(CROSS_STACK_OUTPUT)) outputs.set(o.name, o.attrs.value as string);
  }
  for (const a of s.assets) {
    // Same place in the tree as ours, so the copied folder has the name the resolved configuration points at.
    let scope: Construct = stack;
    for (const id of a.scopes.slice(0, -1)) scope = (scope.node.tryFindChild(id) as Construct) ?? new Construct(scope, id);
    new TerraformAsset(scope, a.scopes[a.scopes.length - 1], { path: a.sourcePath, type: a.type as AssetType });
  }
}
for (const assign of assignments) assign();
// Deploy order, which our app gets from cross-stack references, is stated explicitly here.
for (const s of input) for (const dep of s.dependencies) stacks.get(s.name)!.addDependency(stacks.get(dep)!);
app.synth();
const phaseMs = Number(process.hrtime.bigint() - t0) / 1e6;
stopProfile();
// CPU time too: on a shared machine it moves less with other people's load than wall time does.
const cpu = process.cpuUsage(cpu0);
const cpuMs = (cpu.user + cpu.system) / 1e3;
console.log(JSON.stringify({ phaseMs, cpuMs, maxRssKb: process.resourceUsage().maxRSS }));
