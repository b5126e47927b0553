/** IPv4 CIDR arithmetic for synth-time validation and address planning. */
export interface Ipv4Block {
  readonly cidr: string;
  /** Network address as an unsigned 32-bit integer. */
  readonly network: number;
  readonly prefixLength: number;
  readonly size: number;
}

const CIDR_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parses `a.b.c.d/n`; returns undefined when it is not a valid IPv4 network in canonical form. */
export function parseCidr(cidr: string): Ipv4Block | undefined {
  const match = CIDR_PATTERN.exec(cidr);
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const prefixLength = Number(match[5]);
  if (octets.some((o) => o > 255) || prefixLength > 32) return undefined;
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - prefixLength);
  if (address % size !== 0) return undefined; // host bits set: 10.0.0.1/24 is an address, not a network
  return { cidr, network: address, prefixLength, size };
}

export function cidrsOverlap(a: Ipv4Block, b: Ipv4Block): boolean {
  return a.network < b.network + b.size && b.network < a.network + a.size;
}

export function formatCidr(network: number, prefixLength: number): string {
  const octets = [24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256);
  return `${octets.join(".")}/${prefixLength}`;
}

/** The block `steps` blocks of the same size after this one (10.10.0.0/16, 1 -> 10.11.0.0/16). */
export function nextBlock(block: Ipv4Block, steps: number): string {
  const network = block.network + steps * block.size;
  if (network + block.size > 2 ** 32) throw new Error(`no room after ${block.cidr} for ${steps} more block(s)`);
  return formatCidr(network, block.prefixLength);
}

/** The n-th host address of a block (1 = first usable). */
export function hostAddress(block: Ipv4Block, n: number): string {
  return formatCidr(block.network + n, 32).replace(/\/32$/, "");
}

/** The last usable host address of a block (the one before its broadcast address). */
export function lastHostAddress(block: Ipv4Block): string {
  return hostAddress(block, block.size - 2);
}
