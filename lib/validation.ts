import { Construct } from "constructs";
import { Token } from "cdktf";
import { Ipv4Block, cidrsOverlap, parseCidr } from "./cidr";

/**
 * Synth-time input checks shared by every construct. Each error names the construct path, the field, the value
 * and how to fix it, so a platform engineer can act on the message alone.
 */
export class InputError extends Error {
  constructor(scope: Construct, field: string, value: unknown, fix: string) {
    super(`${scope.node.path}: ${field} ${JSON.stringify(value)} is invalid: ${fix}`);
    this.name = "InputError";
  }
}

const DNS_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** A name used in OpenStack resource names, hostnames and Kubernetes objects: a DNS label of at most `max` chars. */
export function requireDnsLabel(scope: Construct, field: string, value: string, max = 63): void {
  if (Token.isUnresolved(value)) return;
  if (value.length > max || !DNS_LABEL.test(value)) {
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
