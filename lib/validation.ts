import { Construct } from "constructs";
import { Token } from "./cdk";
import { Ipv4Block, cidrsOverlap, parseCidr } from "./cidr";

/**
 * The one error every bad input raises: construct props, catalog entries, AppDs. It names where (a construct path
 * or a catalog entry, e.g. `csps[0] (acme).apps[0].descriptor`), the field, the value and the fix, so a platform
 * engineer can act on the message alone; an app prints `message` without a stack trace (`main.ts` does).
 * Internal invariants stay plain `Error`s: those are mecaas's bugs, and their stack trace helps.
 */
export class InputError extends Error {
  /** The construct path or catalog entry the problems are in. */
  public readonly where: string;
  /** One line per problem, each naming the field, the value and the fix. */
  public readonly problems: readonly string[];

  /** `<where>: <field> <value> is invalid: <fix>`. */
  constructor(scope: Construct | string, field: string, value: unknown, fix: string);
  /**
   * Problems already worded, each with its field, value and fix: one as `<where>: <problem>`; several, or any number
   * under a `heading` (e.g. `catalog x.yaml is invalid`), listed one per line below it.
   */
  constructor(scope: Construct | string, problems: readonly string[], heading?: string);
  constructor(scope: Construct | string, fieldOrProblems: string | readonly string[], value?: unknown, fix?: string) {
    const where = typeof scope === "string" ? scope : scope.node.path;
    const problems = typeof fieldOrProblems === "string"
      ? [`${fieldOrProblems} ${JSON.stringify(value)} is invalid: ${fix}`]
      : [...fieldOrProblems];
    const heading = typeof fieldOrProblems === "string" ? undefined : (value as string | undefined);
    super(problems.length === 1 && heading === undefined
      ? `${where}: ${problems[0]}`
      : `${heading ?? `${where} is invalid`}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "InputError";
    this.where = where;
    this.problems = problems;
  }
}

/** True for a Kubernetes DNS-1123 label (namespaces, service names, release names). */
export function isDnsLabel(value: string, maxLength = 63): boolean {
  return value.length <= maxLength && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(value);
}

/** Throws a construct-path-naming error unless `value` is a DNS-1123 label (tokens pass: known only at apply). */
export function assertDnsLabel(where: string, field: string, value: string, maxLength = 63): void {
  if (Token.isUnresolved(value) || isDnsLabel(value, maxLength)) return;
  throw new InputError(where, [
    `${field} "${value}" is not a valid Kubernetes name; use at most ${maxLength} lowercase letters, ` +
      `digits and "-", starting and ending with a letter or digit (e.g. "mec-apps")`,
  ]);
}

/**
 * A name that also becomes OpenStack resource names and hostnames: a DNS label that starts with a letter (a
 * hostname may not be all digits), at most `max` characters.
 */
export function requireDnsLabel(scope: Construct, field: string, value: string, max = 63): void {
  if (Token.isUnresolved(value)) return;
  if (!isDnsLabel(value, max) || !/^[a-z]/.test(value)) {
    throw new InputError(scope, field, value,
      `use lower-case letters, digits and '-', starting with a letter, at most ${max} characters (e.g. "edge-1")`);
  }
}

export function requireCidr(scope: Construct, field: string, value: string): Ipv4Block {
  const block = parseCidr(value);
  if (!block) {
    throw new InputError(scope, field, value, 'give an IPv4 network in CIDR form with no host bits set (e.g. "10.10.0.0/16")');
  }
  return block;
}

/** Fails when any two of the named CIDRs overlap: they would route to the wrong place. */
export function requireDisjointCidrs(scope: Construct, named: Record<string, string>): void {
  const blocks = Object.entries(named).map(([field, cidr]) => ({ field, block: requireCidr(scope, field, cidr) }));
  for (let i = 0; i < blocks.length; i++) {
    for (let j = i + 1; j < blocks.length; j++) {
      if (cidrsOverlap(blocks[i].block, blocks[j].block)) {
        throw new InputError(scope, blocks[j].field, blocks[j].block.cidr,
          `it overlaps ${blocks[i].field} (${blocks[i].block.cidr}); choose ranges that do not overlap`);
      }
    }
  }
}

export function requireNonNegativeInteger(scope: Construct, field: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new InputError(scope, field, value, "use a whole number of 0 or more");
  }
}

export function requireNonEmpty(scope: Construct, field: string, value: string | undefined): string {
  if (value === undefined || (!Token.isUnresolved(value) && value.trim() === "")) {
    throw new InputError(scope, field, value ?? null, "it is required and may not be empty");
  }
  return value;
}
