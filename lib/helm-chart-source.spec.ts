import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { App, TerraformStack } from "./cdk";
import { releaseChart } from "./helm-chart-source";

/** A chart directory of its own, so a test can change it. */
function chartDir(version: string): string {
  const dir = mkdtempSync(join(tmpdir(), "mecaas-chart-"));
  writeFileSync(join(dir, "Chart.yaml"), `apiVersion: v2\nname: probe\nversion: ${version}\n`);
  return dir;
}

describe("releaseChart with a local chart", () => {
  it("copies the chart into the stack under a name that follows its content, the same for every release of it", () => {
    const dir = chartDir("1.0.0");
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), "mecaas-out-")) });
    const first = releaseChart(new TerraformStack(app, "one"), "chart", { path: dir }, "one", "chart");
    const second = releaseChart(new TerraformStack(app, "two"), "chart", { path: dir }, "two", "chart");
    expect(first.chart).toMatch(/^assets\/chart\/[0-9A-F]{32}$/);
    expect(second.chart).toBe(first.chart);
  });

  it("gives a changed chart a new name in the next synth (hashes are kept per app only)", () => {
    const dir = chartDir("1.0.0");
    const before = releaseChart(new TerraformStack(new App(), "s"), "chart", { path: dir }, "s", "chart").chart;
    writeFileSync(join(dir, "Chart.yaml"), "apiVersion: v2\nname: probe\nversion: 1.0.1\n");
    const after = releaseChart(new TerraformStack(new App(), "s"), "chart", { path: dir }, "s", "chart").chart;
    expect(after).not.toBe(before);
  });

  it("refuses a directory without Chart.yaml, naming the field and the fix", () => {
    const empty = mkdtempSync(join(tmpdir(), "mecaas-empty-"));
    expect(() => releaseChart(new TerraformStack(new App(), "s"), "chart", { path: empty }, "acme/mep", "chart"))
      .toThrow(/acme\/mep: chartPath ".*" is not a Helm chart \(no Chart.yaml in .*\); point it at the chart's directory/);
  });
});
