/**
 * Attribute-based filtering of query results (ETSI GS MEC 009 clause 6.19, after ETSI GS NFV-SOL 013 clause 5.2):
 * `filter=(eq,operationalState,ENABLED);(neq,usageState,IN_USE)`. Expressions separated by ";" must all hold; an
 * attribute inside another is named with "/" (`instantiatedAppState/operationalState`); when it holds a list, an
 * expression holds if it holds for one of its elements. Operators: eq and neq (one value or several: any of them /
 * none of them), in and nin (the same), gt, gte, lt, lte (numbers, or strings compared as text), cont and ncont
 * (text contains a value / none of them).
 */
import { badRequest } from "../../../mep/src/http/problem";

type Predicate = (resource: unknown) => boolean;

const COMPARE: Record<string, (a: unknown, b: string) => boolean> = {
  eq: (a, b) => String(a) === b,
  in: (a, b) => String(a) === b,
  gt: (a, b) => ordered(a, b) > 0,
  gte: (a, b) => ordered(a, b) >= 0,
  lt: (a, b) => ordered(a, b) < 0,
  lte: (a, b) => ordered(a, b) <= 0,
  cont: (a, b) => typeof a === "string" && a.includes(b),
};
const NEGATED: Record<string, string> = { neq: "eq", nin: "in", ncont: "cont" };

function ordered(a: unknown, b: string): number {
  if (typeof a === "number") return a - Number(b);
  return String(a) < b ? -1 : String(a) > b ? 1 : 0;
}

/** The values at `path` in `resource`, lists flattened. */
function valuesAt(resource: unknown, path: readonly string[]): unknown[] {
  let values: unknown[] = [resource];
  for (const name of path) {
    values = values.flatMap((v) => (v !== null && typeof v === "object" && !Array.isArray(v) ? [(v as Record<string, unknown>)[name]] : []));
    values = values.flatMap((v) => (Array.isArray(v) ? v : [v])).filter((v) => v !== undefined);
  }
  return values;
}

function expression(text: string): Predicate {
  const match = text.match(/^\((\w+),([^,()]+)((?:,[^,()]*)+)\)$/);
  if (!match) throw badRequest(`filter expression ${text} is not (operator,attribute,value[,value...])`);
  const [, operator, attribute, rest] = match;
  const operands = rest.slice(1).split(",");
  const path = attribute.split("/");
  const positive = NEGATED[operator] ?? operator;
  const compare = COMPARE[positive];
  if (!compare) throw badRequest(`filter operator ${operator} is not one of eq, neq, in, nin, gt, gte, lt, lte, cont, ncont`);
  if (["gt", "gte", "lt", "lte"].includes(operator) && operands.length !== 1) throw badRequest(`filter operator ${operator} takes one value`);
  const holds: Predicate = (resource) => valuesAt(resource, path).some((value) => operands.some((operand) => compare(value, operand)));
  return positive === operator ? holds : (resource) => !holds(resource);
}

/** The predicate of a `filter` query parameter; everything passes when it is absent. */
export function attributeFilter(filter: string | undefined): Predicate {
  if (filter === undefined || filter === "") return () => true;
  const predicates = filter.split(";").map(expression);
  return (resource) => predicates.every((p) => p(resource));
}
