/** Reading settings from environment variables, each failure naming the variable and the fix (MEP and Edge MANO). */
export class ConfigError extends Error {}

export type Env = Record<string, string | undefined>;

export function required(env: Env, name: string, fix: string): string {
  const value = env[name];
  if (value === undefined || value === "") throw new ConfigError(`${name} is required: ${fix}`);
  return value;
}

export function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name}=${JSON.stringify(raw)} is invalid: set an integer from ${min} to ${max} (default ${fallback})`);
  }
  return value;
}

export function list(env: Env, name: string): string[] {
  return (env[name] ?? "").split(",").map((s) => s.trim()).filter((s) => s !== "");
}

/** `${prefix}_API_ROOT`: the public base URL, without a trailing slash. */
export function apiRoot(env: Env, name: string, fallback: string, example: string): string {
  const root = (env[name] || fallback).replace(/\/+$/, "");
  try {
    new URL(root);
  } catch {
    throw new ConfigError(`${name}=${JSON.stringify(root)} is not a URL: set the public base URL, e.g. ${example}`);
  }
  return root;
}

/** The HMAC key access tokens are signed with: required, at least 32 characters. */
export function signingKey(env: Env, name: string): string {
  const key = required(env, name, "set a random secret of at least 32 characters (e.g. `openssl rand -hex 32`)");
  if (key.length < 32) throw new ConfigError(`${name} is too short: use at least 32 characters`);
  return key;
}

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

export function logLevel(env: Env, name: string): string {
  const level = env[name] || "info";
  if (!LOG_LEVELS.includes(level)) throw new ConfigError(`${name} must be one of ${LOG_LEVELS.join(", ")}`);
  return level;
}
