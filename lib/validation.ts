import { Construct } from "constructs";
import { Token } from "./cdk";
import { Ipv4Block, cidrsOverlap, parseCidr } from "./cidr";

// InputError lives in a module of its own that loads nothing at run time: the Edge MANO (mano/) uses it through
// lib/app-descriptor.ts without cdktf, which this module's checks need.
import { InputError } from "./input-error";
export { InputError };

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
