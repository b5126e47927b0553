import Ajv, { ValidateFunction } from "ajv";
import { spawnSync } from "child_process";
import { existsSync, readFileSync } from "fs";
import { homedir } from "os";
import { join } from "path";
import { toolsDir } from "./tools";

/**
 * The Kubernetes release whose API schemas rendered manifests must satisfy: the one K8sClusterVnf installs by
 * default (k3s v1.33.4+k3s1). Its OpenAPI document comes from the k8s.io/kubernetes Go module
 * (api/openapi-spec/swagger.json), fetched once by scripts/toolchain.sh through the Go module proxy; validation
 * itself is offline.
 */
export const KUBERNETES_VERSION = "v1.33.4";

const SCHEMA_FILE = "api/openapi-spec/swagger.json";

function goModCache(): string {
  if (process.env.GOMODCACHE) return process.env.GOMODCACHE;
  const go = spawnSync("go", ["env", "GOMODCACHE"], { encoding: "utf8" });
  if (go.status === 0 && go.stdout.trim()) return go.stdout.trim();
  return join(process.env.GOPATH || join(homedir(), "go"), "pkg", "mod");
}

/** The swagger.json of KUBERNETES_VERSION: a copy in the tools folder, or the Go module cache. */
export function kubernetesOpenApiFile(): string {
  const candidates = [
    join(toolsDir(), "kubernetes-openapi", KUBERNETES_VERSION, "swagger.json"),
    join(goModCache(), `k8s.io/kubernetes@${KUBERNETES_VERSION}`, SCHEMA_FILE),
  ];
  const found = candidates.find((file) => existsSync(file));
  if (!found) {
    throw new Error(
      `Kubernetes ${KUBERNETES_VERSION} OpenAPI schema not found (looked in ${candidates.join(", ")}): ` +
        "run scripts/toolchain.sh",
    );
  }
  return found;
}

// What Kubernetes' Go types accept that the OpenAPI v2 document spells as plain strings.
const QUANTITY = "^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(([KMGTPE]i)|[numkMGTPE]|[eE][+-]?[0-9]+)?$";
const SPECIAL_DEFINITIONS: Record<string, object> = {
  "io.k8s.apimachinery.pkg.api.resource.Quantity": { anyOf: [{ type: "string", pattern: QUANTITY }, { type: "number" }] },
  "io.k8s.apimachinery.pkg.util.intstr.IntOrString": { anyOf: [{ type: "string" }, { type: "integer" }] },
};

/**
 * Makes a definition strict the way the API server's field validation is (`kubectl --validate=strict`): an
 * object with declared properties rejects any other, unless Kubernetes says it keeps unknown fields. Vendor
 * extensions and descriptions are dropped, so Ajv sees plain JSON Schema.
 */
function strictSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strictSchema);
  if (node === null || typeof node !== "object") return node;
  const source = node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    if (key.startsWith("x-") || key === "description") continue;
    // properties holds field names, not schemas: keep its keys, transform its values.
    out[key] = key === "properties"
      ? Object.fromEntries(Object.entries(value as object).map(([name, schema]) => [name, strictSchema(schema)]))
      : strictSchema(value);
  }
  if (source.format === "int-or-string") return { anyOf: [{ type: "string" }, { type: "integer" }] };
  const keepsUnknown = source["x-kubernetes-preserve-unknown-fields"] === true;
  if (out.properties && out.additionalProperties === undefined && !keepsUnknown) out.additionalProperties = false;
  return out;
}

interface GroupVersionKind { group: string; version: string; kind: string }

class KubernetesSchemas {
  private readonly ajv: Ajv;
  private readonly definitionByKind = new Map<string, string>();
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(swagger: { definitions: Record<string, Record<string, unknown>> }) {
    const definitions: Record<string, unknown> = {};
    for (const [name, definition] of Object.entries(swagger.definitions)) {
      definitions[name] = SPECIAL_DEFINITIONS[name] ?? strictSchema(definition);
      const kinds = (definition["x-kubernetes-group-version-kind"] as GroupVersionKind[] | undefined) ?? [];
      // Only top-level objects carry both apiVersion and kind; list and options types share the GVK tag.
      const properties = definition.properties as Record<string, unknown> | undefined;
      if (!properties?.apiVersion || !properties?.kind || !properties?.metadata) continue;
      for (const gvk of kinds) {
        const apiVersion = gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
        this.definitionByKind.set(`${apiVersion} ${gvk.kind}`, name);
      }
    }
    this.ajv = new Ajv({ allErrors: true, strict: true, validateFormats: true });
    this.ajv.addFormat("int32", { type: "number", validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
    this.ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isInteger(n) });
    this.ajv.addFormat("double", { type: "number", validate: () => true });
    this.ajv.addFormat("byte", /^[A-Za-z0-9+/]*={0,2}$/);
    this.ajv.addFormat("date-time", /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i);
    this.ajv.addSchema({ $id: "kubernetes", definitions });
  }

  validatorFor(apiVersion: string, kind: string): ValidateFunction | undefined {
    const definition = this.definitionByKind.get(`${apiVersion} ${kind}`);
    if (!definition) return undefined;
    let validate = this.validators.get(definition);
    if (!validate) {
      validate = this.ajv.getSchema(`kubernetes#/definitions/${definition}`)!;
      this.validators.set(definition, validate);
    }
    return validate;
  }
}

let schemas: KubernetesSchemas | undefined;
function loadSchemas(): KubernetesSchemas {
  schemas ??= new KubernetesSchemas(JSON.parse(readFileSync(kubernetesOpenApiFile(), "utf8")));
  return schemas;
}

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const PORT_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Enumerations the API server checks in code: the published OpenAPI document names the allowed values only in
 * prose. `*` matches any list index or map key.
 */
const POD_TEMPLATE = "spec.template.spec";
const ENUMERATIONS: ReadonlyArray<{ readonly path: string; readonly values: readonly string[] }> = [
  { path: "spec.type", values: ["ClusterIP", "NodePort", "LoadBalancer", "ExternalName"] },
  { path: "spec.externalTrafficPolicy", values: ["Cluster", "Local"] },
  { path: "spec.ports.*.protocol", values: ["TCP", "UDP", "SCTP"] },
  { path: "spec.strategy.type", values: ["Recreate", "RollingUpdate"] },
  { path: "spec.accessModes.*", values: ["ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"] },
  { path: "spec.rules.*.http.paths.*.pathType", values: ["Exact", "Prefix", "ImplementationSpecific"] },
  { path: `${POD_TEMPLATE}.containers.*.imagePullPolicy`, values: ["Always", "IfNotPresent", "Never"] },
  { path: `${POD_TEMPLATE}.containers.*.ports.*.protocol`, values: ["TCP", "UDP", "SCTP"] },
  { path: `${POD_TEMPLATE}.containers.*.securityContext.seccompProfile.type`, values: ["RuntimeDefault", "Unconfined", "Localhost"] },
  { path: `${POD_TEMPLATE}.securityContext.seccompProfile.type`, values: ["RuntimeDefault", "Unconfined", "Localhost"] },
  { path: `${POD_TEMPLATE}.restartPolicy`, values: ["Always", "OnFailure", "Never"] },
  { path: `${POD_TEMPLATE}.containers.*.livenessProbe.httpGet.scheme`, values: ["HTTP", "HTTPS"] },
  { path: `${POD_TEMPLATE}.containers.*.readinessProbe.httpGet.scheme`, values: ["HTTP", "HTTPS"] },
  { path: `${POD_TEMPLATE}.containers.*.startupProbe.httpGet.scheme`, values: ["HTTP", "HTTPS"] },
];

/** Every value at a dotted path, with its JSON pointer. */
function valuesAt(node: unknown, segments: string[], pointer = ""): Array<[string, unknown]> {
  if (segments.length === 0) return [[pointer, node]];
  if (node === null || typeof node !== "object") return [];
  const [head, ...rest] = segments;
  const keys = head === "*" ? Object.keys(node) : head in node ? [head] : [];
  return keys.flatMap((key) => valuesAt((node as Record<string, unknown>)[key], rest, `${pointer}/${key}`));
}

const RBAC_KINDS = new Set(["Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"]);

/** How the API server validates a kind's name: Services by DNS-1035 label, RBAC objects by path segment (so
 * "system:node" is fine), everything else by DNS subdomain. */
function nameRule(kind: string): { description: string; valid: (name: string) => boolean } {
  if (kind === "Service") return { description: "DNS-1035 label", valid: (n) => n.length <= 63 && DNS_LABEL.test(n) };
  if (RBAC_KINDS.has(kind)) {
    return { description: "path segment name", valid: (n) => n !== "." && n !== ".." && !/[/%]/.test(n) };
  }
  return { description: "DNS subdomain", valid: (n) => n.length <= 253 && DNS_SUBDOMAIN.test(n) };
}

/** Rules the API server enforces in code rather than in the OpenAPI document, for the fields charts template. */
function apiServerRuleProblems(manifest: any): string[] {
  const problems: string[] = [];
  for (const { path, values } of ENUMERATIONS) {
    for (const [pointer, value] of valuesAt(manifest, path.split("."))) {
      if (!values.includes(value as string)) problems.push(`${pointer}: "${value}" is not one of ${values.join(", ")}`);
    }
  }
  const name = manifest.metadata?.name;
  const rule = nameRule(manifest.kind);
  if (typeof name !== "string" || name === "") {
    problems.push("/metadata/name is required");
  } else if (!rule.valid(name)) {
    problems.push(`/metadata/name "${name}" is not a valid ${rule.description}`);
  }
  const labelSets: Array<[string, Record<string, unknown> | undefined]> = [
    ["/metadata/labels", manifest.metadata?.labels],
    ["/spec/template/metadata/labels", manifest.spec?.template?.metadata?.labels],
  ];
  for (const [path, labels] of labelSets) {
    for (const [key, value] of Object.entries(labels ?? {})) {
      if (typeof value !== "string" || value.length > 63 || !LABEL_VALUE.test(value)) {
        problems.push(`${path}/${key}: "${value}" is not a valid label value`);
      }
    }
  }
  const containers: any[] = manifest.spec?.template?.spec?.containers ?? [];
  containers.forEach((container, i) => {
    if (typeof container.name === "string" && (container.name.length > 63 || !DNS_LABEL.test(container.name))) {
      problems.push(`/spec/template/spec/containers/${i}/name "${container.name}" is not a valid DNS label`);
    }
    for (const port of container.ports ?? []) {
      if (port.name !== undefined && (port.name.length > 15 || !PORT_NAME.test(port.name) || !/[a-z]/.test(port.name))) {
        problems.push(`/spec/template/spec/containers/${i}/ports: "${port.name}" is not a valid port name (IANA_SVC_NAME)`);
      }
    }
  });
  return problems;
}

/**
 * Validates manifests against the Kubernetes KUBERNETES_VERSION API schemas, strictly (unknown fields, wrong
 * types, missing required fields and unknown kinds are all problems). Returns one line per problem, prefixed
 * with `Kind/name`; an empty list means every manifest is valid.
 */
export function validateManifests(manifests: readonly unknown[]): string[] {
  const kubernetes = loadSchemas();
  const problems: string[] = [];
  manifests.forEach((manifest: any, index) => {
    const id = `${manifest?.kind ?? "?"}/${manifest?.metadata?.name ?? `#${index}`}`;
    const validate = kubernetes.validatorFor(manifest?.apiVersion, manifest?.kind);
    if (!validate) {
      problems.push(`${id}: no ${manifest?.kind} in apiVersion ${manifest?.apiVersion} on Kubernetes ${KUBERNETES_VERSION}`);
      return;
    }
    if (!validate(manifest)) {
      for (const error of validate.errors ?? []) {
        const detail = error.keyword === "additionalProperties" ? ` (${error.params.additionalProperty})` : "";
        problems.push(`${id}: ${error.instancePath || "/"} ${error.message}${detail}`);
      }
    }
    problems.push(...apiServerRuleProblems(manifest).map((problem) => `${id}: ${problem}`));
  });
  return problems;
}
