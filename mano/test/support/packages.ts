/** Application packages for the specs: the sample MEC app's AppD (examples/) and its chart (charts/). */
import { createHash } from "crypto";
import { mkdirSync, readFileSync, writeFileSync } from "fs";
import { join, resolve } from "path";
import { parse } from "yaml";
import { scratchDir } from "../../../mep/test/support/scratch";

const REPO = resolve(__dirname, "..", "..", "..");
export const SAMPLE_CHART = join(REPO, "charts", "mec-app-sample");
export const sampleAppD = (overrides: Record<string, unknown> = {}) => ({
  ...parse(readFileSync(join(REPO, "examples", "mec-app", "sample-app.appd.yaml"), "utf8")),
  ...overrides,
});

/** A CreateAppPkg with the package inline (the AppD and an absolute chart reference). */
export const inlinePackage = (appD: Record<string, unknown> = sampleAppD(), extra: Record<string, unknown> = {}) => ({
  appPkgName: `${appD.appName}`,
  appPkgVersion: "1.0.0",
  appPkgContent: { appD, mciop: SAMPLE_CHART },
  ...extra,
});

export const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** A package file in a directory of its own, beside a chart of its own ("chart/"), as a CSP operator would lay it out. */
export function packageFile(appD: Record<string, unknown> = sampleAppD()) {
  const dir = scratchDir("packages");
  mkdirSync(join(dir, "chart"));
  writeFileSync(join(dir, "chart", "Chart.yaml"), "apiVersion: v2\nname: sample\nversion: 0.1.0\n");
  const text = `# an application package: the AppD and its MCIOP\nappD: ${JSON.stringify(appD)}\nmciop: chart\n`;
  const file = join(dir, "sample.pkg.yaml");
  writeFileSync(file, text);
  return { dir, file, text, checksum: { algorithm: "SHA-256", hash: sha256(text) } };
}
