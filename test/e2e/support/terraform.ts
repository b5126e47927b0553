import { spawnSync } from "child_process";

/** Terraform run on a synthesized stack's folder, as `cdktf deploy` runs it, with the clouds.yaml of the test. */
export interface TerraformRun {
  readonly status: number | null;
  readonly output: string;
  readonly seconds: number;
}

export class Terraform {
  constructor(private readonly env: NodeJS.ProcessEnv) {}

  run(dir: string, ...args: string[]): TerraformRun {
    const started = process.hrtime.bigint();
    const result = spawnSync(process.env.TERRAFORM ?? "terraform", [...args, "-no-color"], {
      cwd: dir, encoding: "utf8", env: { ...process.env, ...this.env }, maxBuffer: 64 * 1024 * 1024,
    });
    if (result.error) throw new Error(`terraform cannot run: ${result.error.message}`);
    return { status: result.status, output: `${result.stdout}${result.stderr}`, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
  }

  /** Runs and fails with Terraform's own output (so the cloud's error) when it does not succeed. */
  must(dir: string, ...args: string[]): TerraformRun {
    const run = this.run(dir, ...args);
    if (run.status !== 0) throw new Error(`terraform ${args[0]} in ${dir} failed (exit ${run.status}):\n${run.output.slice(-6000)}`);
    return run;
  }

  init(dir: string): TerraformRun {
    return this.must(dir, "init", "-input=false");
  }

  apply(dir: string): TerraformRun {
    return this.must(dir, "apply", "-input=false", "-auto-approve");
  }

  destroy(dir: string): TerraformRun {
    return this.must(dir, "destroy", "-input=false", "-auto-approve");
  }

  /** `plan -detailed-exitcode`: the changes Terraform would make, or an empty list. */
  pendingChanges(dir: string): string[] {
    const run = this.run(dir, "plan", "-input=false", "-detailed-exitcode");
    if (run.status === 0) return [];
    if (run.status !== 2) throw new Error(`terraform plan in ${dir} failed (exit ${run.status}):\n${run.output.slice(-6000)}`);
    return run.output.split("\n").filter((l) => /^\s+# .* (will|must) be /.test(l)).map((l) => l.trim());
  }

  outputs(dir: string): Record<string, any> {
    const run = this.must(dir, "output", "-json");
    return Object.fromEntries(Object.entries<any>(JSON.parse(run.output)).map(([k, v]) => [k, v.value]));
  }
}
