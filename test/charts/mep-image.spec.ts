/**
 * The MEP image, checked without a Docker engine (none runs here): mep/Dockerfile parsed by BuildKit's own
 * parser and linted with BuildKit's rules (`docker build --check`), through test/support/dockerfile-lint, and its
 * contract with the mep package and the charts checked. Docker's build of it is not run here; test/images builds the
 * same layout without Docker (images/build.js) and runs it.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { DockerfileReport, findStage, lintDockerfile } from "../support/dockerfile";
import { findManifest, renderChart } from "../support/helm";

const REPO = join(__dirname, "..", "..");

let report: DockerfileReport;

beforeAll(() => {
  report = lintDockerfile(join(REPO, "mep", "Dockerfile"));
}, 300_000);

const stage = (name: string) => findStage(report, name);

describe("mep/Dockerfile", () => {
  test("parses and passes BuildKit's lint rules", () => {
    expect(report.warnings).toEqual([]);
  });

  test("builds the MEP by default (last stage) and the sample app as the sample-app target", () => {
    expect(report.stages.map((s) => s.name)).toEqual(["toolchain", "build", "deps", "runtime-base", "sample-app", "mep"]);
    expect(stage("mep").base).toBe("runtime-base");
    expect(stage("sample-app").base).toBe("runtime-base");
  });

  test("installs the workspace with npm ci, and only the mep workspace's production dependencies in the image", () => {
    expect(stage("build").instructions).toContain("RUN npm ci --no-audit --no-fund");
    expect(stage("deps").instructions.some((i) => i.startsWith("RUN npm ci --omit=dev --workspace mep --include-workspace-root=false"))).toBe(true);
    const copied = stage("mep").instructions.filter((i) => i.startsWith("COPY"));
    expect(copied.every((i) => i.includes("--from=deps") || i.includes("--from=build"))).toBe(true);
  });

  test("runs `serve` as the mep package's start script does: same file, Node flags and environment", () => {
    // The bench (bench/mep/run.ts) starts the MEP from the start script's words, so its figures are the image's.
    const start: string = JSON.parse(readFileSync(join(REPO, "mep", "package.json"), "utf8")).scripts.start;
    const words = start.split(" ");
    const node = words.indexOf("node");
    const env = words.slice(0, node);
    const flags = words.slice(node + 1, words.indexOf("dist/src/main.js"));
    expect(words.slice(node + 1 + flags.length)).toEqual(["dist/src/main.js", "serve"]);
    expect(env).toEqual(["MALLOC_ARENA_MAX=2", "MALLOC_MMAP_THRESHOLD_=131072", "MALLOC_TRIM_THRESHOLD_=131072"]);
    expect(flags).toEqual(["--max-semi-space-size=1", "--v8-pool-size=1", "--heap-growing-percent=30"]);
    const mep = stage("mep").instructions;
    expect(mep).toContain(`ENTRYPOINT ${JSON.stringify(["node", ...flags, "dist/src/main.js"]).replace(/","/g, '", "')}`);
    for (const assignment of env) expect(mep.some((i) => i.startsWith("ENV") && i.includes(assignment))).toBe(true);
    expect(mep).toContain('CMD ["serve"]');
    expect(stage("build").instructions).toContain("RUN test -f mep/dist/src/main.js");
  });

  test("runs both images as the non-root uid the charts' security contexts name", () => {
    const mepPod = findManifest(renderChart(join(REPO, "charts", "mep"), { auth: { existingSecret: "a" } }), "Deployment").spec.template.spec;
    const appPod = findManifest(renderChart(join(REPO, "charts", "mec-app-sample"), { identity: { existingSecret: "a" } }), "Deployment").spec.template.spec;
    const uid = mepPod.securityContext.runAsUser;
    expect(appPod.securityContext.runAsUser).toBe(uid);
    for (const name of ["mep", "sample-app"]) {
      const user = stage(name).instructions.filter((i) => i.startsWith("USER"));
      expect(user).toEqual([`USER ${uid}:${uid}`]);
    }
    expect(stage("runtime-base").instructions.some((i) => i.includes(`useradd --system --uid ${uid}`))).toBe(true);
  });

  test("keeps SQLite on the /data volume, where the chart mounts its claim, writable by that user only", () => {
    const mep = stage("mep").instructions;
    expect(mep).toContain('VOLUME ["/data"]');
    expect(mep).toContain("RUN mkdir -p /data && chown 10001:10001 /data");
    expect(mep.some((i) => i.startsWith("ENV") && i.includes("MEP_SQLITE_PATH=/data/mep.db"))).toBe(true);
    const chart = findManifest(renderChart(join(REPO, "charts", "mep"), { auth: { existingSecret: "a" } }), "Deployment");
    expect(chart.spec.template.spec.containers[0].volumeMounts).toContainEqual({ name: "data", mountPath: "/data" });
  });
});
