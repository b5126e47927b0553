/** Traffic rules (clauses 7.2.7, 7.2.8) and DNS rules (7.2.9, 7.2.10) of an app instance: read, replace with If-Match. */
import type { FastifyInstance } from "fastify";
import type { Context } from "../context";
import { checkIfMatch, etagOf } from "../http/etag";
import { ApiError, badRequest, notFound } from "../http/problem";
import { APP_SUPPORT } from "../links";
import type { RuleKind, RuleRecord } from "../storage/store";
import { appParams, requireApp, spec } from "./common";

interface RuleFamily {
  readonly kind: RuleKind;
  readonly segment: "traffic_rules" | "dns_rules";
  readonly idField: "trafficRuleId" | "dnsRuleId";
  readonly schema: string;
  readonly inputSchema: string;
}

const families: readonly RuleFamily[] = [
  { kind: "traffic", segment: "traffic_rules", idField: "trafficRuleId", schema: "TrafficRule", inputSchema: "TrafficRuleInput" },
  { kind: "dns", segment: "dns_rules", idField: "dnsRuleId", schema: "DnsRule", inputSchema: "DnsRuleInput" },
];

const interfacesFor: Record<string, number> = {
  DROP: 0, FORWARD_DECAPSULATED: 1, FORWARD_ENCAPSULATED: 1, PASSTHROUGH: 1, DUPLICATE_DECAPSULATED: 2, DUPLICATE_ENCAPSULATED: 2,
};

/**
 * Brings a traffic rule to the 2.2.1 shape: dstInterface is an array, TrafficFilter "token" is "tag".
 * Clause 7.1.2.2 fixes how many destination interfaces each action takes.
 */
export function normalizeTrafficRule(rule: Record<string, unknown>): Record<string, unknown> {
  const filters = (rule.trafficFilter as Record<string, unknown>[]).map(({ token, ...f }) => (token !== undefined && f.tag === undefined ? { ...f, tag: token } : f));
  const normalized: Record<string, unknown> = { ...rule, trafficFilter: filters };
  if (rule.dstInterface !== undefined) {
    const interfaces = Array.isArray(rule.dstInterface) ? rule.dstInterface : [rule.dstInterface];
    const expected = interfacesFor[String(rule.action)];
    if (interfaces.length !== expected) {
      throw badRequest(`action ${rule.action} takes ${expected} dstInterface value(s), got ${interfaces.length} (clause 7.1.2.2)`);
    }
    normalized.dstInterface = interfaces;
  }
  return normalized;
}

export const normalizeRule = (kind: RuleKind, body: Record<string, unknown>) => (kind === "traffic" ? normalizeTrafficRule(body) : body);

export function ruleRoutes(app: FastifyInstance, ctx: Context) {
  const { store, links } = ctx;
  for (const family of families) {
    const base = `${APP_SUPPORT}/applications/:appInstanceId/${family.segment}`;
    const tags = [family.segment];

    const load = async (appInstanceId: string, ruleId: string) => {
      await requireApp(store, appInstanceId);
      const rule = await store.getRule(family.kind, appInstanceId, ruleId);
      if (!rule) throw notFound(`${family.schema} ${ruleId} of app instance ${appInstanceId}`);
      return rule;
    };

    app.get(base, {
      schema: { params: appParams() },
      config: { auth: "app", openapi: { summary: `List the app instance's ${family.schema}s`, tags, responses: { 200: `${family.schema}[]`, 404: "ProblemDetails" } } },
    }, async (request) => {
      const { appInstanceId } = request.params as { appInstanceId: string };
      await requireApp(store, appInstanceId);
      return (await store.listRules(family.kind, appInstanceId)).map((r) => r.body);
    });

    app.get(`${base}/:${family.idField}`, {
      schema: { params: appParams(family.idField) },
      config: { auth: "app", openapi: { summary: `Read a ${family.schema}`, tags, responses: { 200: family.schema, 404: "ProblemDetails" } } },
    }, async (request, reply) => {
      const { appInstanceId, [family.idField]: ruleId } = request.params as Record<string, string>;
      const rule = await load(appInstanceId, ruleId);
      reply.header("etag", etagOf(rule.version));
      return rule.body;
    });

    app.put(`${base}/:${family.idField}`, {
      schema: { params: appParams(family.idField), body: spec(family.inputSchema) },
      config: { auth: "app", openapi: { summary: `Replace a ${family.schema} (If-Match supported)`, tags, responses: { 200: family.schema, 400: "ProblemDetails", 404: "ProblemDetails", 412: "ProblemDetails" } } },
    }, async (request, reply) => {
      const { appInstanceId, [family.idField]: ruleId } = request.params as Record<string, string>;
      const body = normalizeRule(family.kind, { ...(request.body as Record<string, unknown>), [family.idField]: ruleId });
      const current = await load(appInstanceId, ruleId);
      checkIfMatch(request.headers["if-match"], current.version);
      const next: RuleRecord = { ...current, body, version: current.version + 1 };
      if (!(await store.putRule(next, current.version))) throw new ApiError(412, `${family.schema} ${ruleId} changed concurrently; read it again`);
      reply.header("etag", etagOf(next.version)).header("content-location", `${links.rules(family.segment, appInstanceId)}/${encodeURIComponent(ruleId)}`);
      return next.body;
    });
  }
}
