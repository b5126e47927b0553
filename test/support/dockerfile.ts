import { spawnSync } from "child_process";
import { mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";

export interface DockerfileStage { name: string; base: string; instructions: string[] }
export interface DockerfileReport { stages: DockerfileStage[]; warnings: string[] }

/**
 * A Dockerfile parsed by BuildKit's own parser and linted with BuildKit's rules (`docker build --check`), through
 * test/support/dockerfile-lint: its stages with their instructions as BuildKit reads them, and every warning.
 */
export function lintDockerfile(dockerfile: string): DockerfileReport {
  const dir = mkdtempSync(join(tmpdir(), "mecaas-dockerfile-lint-"));
  try {
    const binary = join(dir, "dockerfile-lint");
    // Go's build cache makes this quick after the first time; its modules come from the Go module proxy.
    const build = spawnSync("go", ["build", "-o", binary, "."], { cwd: join(__dirname, "dockerfile-lint"), encoding: "utf8" });
    if (build.error || build.status !== 0) {
      throw new Error(`building test/support/dockerfile-lint failed (go is installed by the toolchain): ${build.error ?? build.stderr}`);
    }
    const lint = spawnSync(binary, [dockerfile], { encoding: "utf8" });
    if (lint.status !== 0) throw new Error(`${dockerfile} does not parse:\n${lint.stderr}`);
    return JSON.parse(lint.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The stage of that name; fails naming the stages there are. */
export function findStage(report: DockerfileReport, name: string): DockerfileStage {
  const found = report.stages.find((s) => s.name === name);
  if (!found) throw new Error(`no stage ${name} in the Dockerfile (stages: ${report.stages.map((s) => s.name).join(", ")})`);
  return found;
}
