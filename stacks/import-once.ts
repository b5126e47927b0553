import { Construct } from "constructs";
import { TerraformLocal } from "cdktf";

/**
 * Brings a bundle (plain objects of strings) of another stack's values into `scope` once, as locals, and returns the same shape pointing at
 * them. Every use of a cross-stack reference is resolved anew at synth; a local is resolved once, and the stack's
 * configuration reads `local.server_ca_cert` rather than a remote-state path at each use.
 */
export function importOnce<T extends object>(scope: Construct, prefix: string, values: T): T {
  const walk = (value: unknown, path: string): unknown => {
    if (typeof value === "string") return new TerraformLocal(scope, path, value).asString;
    if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
      return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, walk(v, `${path}_${snake(key)}`)]));
    }
    throw new Error(`importOnce: ${path} is neither a string nor a plain object; pass the values, not a construct`);
  };
  return walk(values, prefix) as T;
}

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
