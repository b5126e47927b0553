/**
 * Kubernetes resource quantities (k8s.io/apimachinery resource.Quantity): a decimal number, then a binary suffix
 * (Ki Mi Gi Ti Pi Ei), a decimal one (n u m "" k M G T P E) or a decimal exponent (e3, E-2). Read exactly, with
 * BigInt, and rounded up as Kubernetes rounds (Quantity.MilliValue for CPU, Value for bytes): 0.1 CPU is exactly 100
 * millicores, where floating point would make it 100.00000000000001 and round it up to 101.
 */
const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:(Ki|Mi|Gi|Ti|Pi|Ei)|([numkMGTPE])|[eE]([+-]?\d+))?$/;
const BINARY_POWER: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_EXPONENT: Record<string, number> = { n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
/** Beyond this the number is no resource a node has (and 10n ** a huge exponent would take forever). */
const MAX_EXPONENT = 40;

/**
 * The quantity in units of 10^`scale`, rounded up: scale -3 gives millicores, 0 gives bytes. `where` names the
 * field in the error thrown for what is not a quantity.
 */
export function parseQuantity(text: unknown, scale: number, where: string): number {
  const match = typeof text === "string" ? QUANTITY.exec(text) : null;
  if (!match) throw new Error(`${where} ${JSON.stringify(text)} is not a Kubernetes quantity (such as 500m, 2, 1.5Gi, 128M or 1e3)`);
  const [, sign, number, binary, decimal, exponent] = match;
  const [whole, fraction = ""] = number.split(".");
  const exponent10 = (decimal ? DECIMAL_EXPONENT[decimal] : Number(exponent ?? 0)) - fraction.length - scale;
  if (Math.abs(exponent10) > MAX_EXPONENT) throw new Error(`${where} ${JSON.stringify(text)} is out of range`);
  const mantissa = BigInt(`${sign}${whole || "0"}${fraction}`) * 2n ** BigInt(binary ? BINARY_POWER[binary] : 0);
  if (exponent10 >= 0) return Number(mantissa * 10n ** BigInt(exponent10));
  const divisor = 10n ** BigInt(-exponent10);
  // BigInt division truncates towards zero: up for a negative quotient already, one more for a positive remainder.
  return Number(mantissa / divisor + (mantissa % divisor > 0n ? 1n : 0n));
}
