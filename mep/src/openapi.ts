/**
 * Builds the OpenAPI 3.1 document of everything a server serves, from the routes' own schemas and config (the MEP's,
 * and the Edge MANO's in mano/).
 */
import type { RouteOptions } from "fastify";

/** What a document says about its API besides the routes: its title and version, and the named schemas. */
export interface ApiDescription {
  readonly info: { readonly title: string; readonly version: string; readonly description: string };
  readonly schemas: Readonly<Record<string, unknown>>;
}

/** `Name#` (Fastify shared-schema reference) -> `#/components/schemas/Name`. */
function toOpenApiRefs<T>(schema: T): T {
  return JSON.parse(JSON.stringify(schema).replace(/"\$ref":"([A-Za-z0-9]+)#"/g, '"$ref":"#/components/schemas/$1"'));
}

function responseSchema(name: string) {
  return name.endsWith("[]")
    ? { type: "array", items: { $ref: `#/components/schemas/${name.slice(0, -2)}` } }
    : { $ref: `#/components/schemas/${name}` };
}

interface JsonSchemaObject {
  properties?: Record<string, unknown>;
  required?: string[];
}

function parameters(location: "path" | "query", schema: unknown) {
  const s = toOpenApiRefs((schema ?? {}) as JsonSchemaObject);
  return Object.entries(s.properties ?? {}).map(([name, propertySchema]) => ({
    name,
    in: location,
    required: location === "path" || (s.required ?? []).includes(name),
    schema: propertySchema,
    ...(location === "query" && (propertySchema as { type?: string }).type === "array" ? { style: "form", explode: true } : {}),
  }));
}

export function buildOpenApiDocument(routes: readonly RouteOptions[], apiRoot: string, { info: apiInfo, schemas }: ApiDescription) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const info = route.config?.openapi;
    if (!info || route.config?.methodNotAllowed) continue;
    const path = route.url.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
    const schema = (route.schema ?? {}) as { params?: unknown; querystring?: unknown; body?: unknown };
    const formBody = route.url === "/oauth/token";
    const responses: Record<string, unknown> = {};
    for (const [status, name] of Object.entries(info.responses)) {
      const type = name === "ProblemDetails" ? "application/problem+json" : "application/json";
      responses[status] = { description: name ?? "No content", ...(name ? { content: { [type]: { schema: responseSchema(name) } } } : {}) };
    }
    if (route.config?.auth && route.config.auth !== "public") {
      responses["401"] ??= { description: "Missing or invalid access token", content: { "application/problem+json": { schema: responseSchema("ProblemDetails") } } };
      responses["403"] ??= { description: "Not allowed for this client", content: { "application/problem+json": { schema: responseSchema("ProblemDetails") } } };
    }
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === "HEAD") continue;
      (paths[path] ??= {})[method.toLowerCase()] = {
        summary: info.summary,
        tags: info.tags,
        operationId: `${method.toLowerCase()}${path.replace(/[{}]/g, "").replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? "").toUpperCase())}`,
        parameters: [...parameters("path", schema.params), ...parameters("query", schema.querystring)],
        ...(schema.body ? { requestBody: { required: !info.optionalBody, content: { [formBody ? "application/x-www-form-urlencoded" : method === "PATCH" ? "application/merge-patch+json" : "application/json"]: { schema: toOpenApiRefs(schema.body) } } } } : {}),
        responses,
        security: route.config?.auth && route.config.auth !== "public" ? [{ oauth2: [] }] : [],
      };
    }
  }
  return {
    openapi: "3.1.0",
    info: apiInfo,
    servers: [{ url: apiRoot }],
    paths,
    components: {
      schemas,
      securitySchemes: {
        oauth2: { type: "oauth2", flows: { clientCredentials: { tokenUrl: `${apiRoot}/oauth/token`, scopes: {} } } },
      },
    },
  };
}
