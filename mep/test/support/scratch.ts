/** Temporary directories for one test file, removed when its tests are done (see setup.ts). */
import { mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";

const created: string[] = [];

export function scratchDir(purpose: string): string {
  const dir = mkdtempSync(join(tmpdir(), `mep-${purpose}-`));
  created.push(dir);
  return dir;
}

export function removeScratchDirs() {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}
