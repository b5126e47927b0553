import { existsSync } from "fs";
import { homedir } from "os";
import { join } from "path";

/** Where scripts/toolchain.sh puts the tools it builds (MECAAS_TOOLS, default ~/.cache/mecaas/tools). */
export function toolsDir(): string {
  return process.env.MECAAS_TOOLS || join(homedir(), ".cache", "mecaas", "tools");
}

/**
 * Path of a tool built by scripts/toolchain.sh. A missing tool is an error, never a skip: a check that silently
 * does not run would pass in CI while proving nothing.
 */
export function requireTool(name: string): string {
  const path = join(toolsDir(), "bin", name);
  if (!existsSync(path)) {
    throw new Error(`${name} not found at ${path}: run scripts/toolchain.sh (or set MECAAS_TOOLS)`);
  }
  return path;
}
