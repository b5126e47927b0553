/**
 * The images `bash images/build.sh all OUTDIR` builds without Docker, proven from the archives it writes:
 * - each is an OCI image archive that skopeo and umoci read, its blobs match their digests, it is named as the
 *   charts (pause: Kubernetes) ask, and a private containerd imports it (`ctr -n k8s.io images import`);
 * - the MEP's and the sample app's configs say what mep/Dockerfile says, read by BuildKit's own parser;
 * - each layer is reproducible (names sorted, one mtime, numeric owners; a forced rebuild of the sample app, pause,
 *   curl and postgres is byte-identical; the MEP's is left out for time) and holds only the files its rule allows (written above
 *   the layer tests);
 * - they run under runc from their unpacked layer, read-only root, no capabilities, as umoci derives the runtime
 *   config from the image config: the MEP answers /healthz and /readyz and exits 0 on TERM; the sample app
 *   registers with that MEP and exits 0 when the MEP terminates it; pause reaps an orphan of its PID namespace and
 *   exits 0 on TERM; the curl stand-in (docker.io/curlimages/curl:8.11.1, from Debian's busybox-static and curl) runs
 *   charts/mec-app-instance's register.sh as the chart's job does, against a local HTTP server; the postgres stand-in
 *   (docker.io/library/postgres:15, from Debian's postgresql-15 and busybox-static) initializes an empty PGDATA as
 *   uid 999, takes password (scram-sha-256) connections over TCP (tables, PL/pgSQL, pgcrypto) and refuses a wrong password, and exits 0 on TERM
 *   with a client still connected; the Edge MANO stand-in (docker.io/mecaas/mano, charts/mecaas' image) serves Mm1 as
 *   uid 10001 and onboards the sample package whose chart it carries; its helm and kubectl are the toolchain's.
 * Needs root (runc) and umoci, skopeo, runc, containerd and gcc (scripts/setup.sh).
 */
import { ChildProcess, spawn, spawnSync } from "child_process";
import { createHash, randomBytes } from "crypto";
import { accessSync, constants, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from "fs";
import { createServer } from "http";
import { Client } from "pg";
import { homedir, tmpdir } from "os";
import { join, relative } from "path";
import { parse as parseYaml } from "yaml";
import { freePort, within } from "../../mep/sample-app/test/loopback";
import { HttpClient } from "../../mep/test/support/http-client";
import { Mep, testEnv } from "../../mep/test/support/mep";
import { findStage, lintDockerfile } from "../support/dockerfile";
import { makeBundle, procStatus, readLayout, readTar, restrict, RuncContainer, sh, TarEntry, tarOrder } from "./support";

const REPO = join(__dirname, "..", "..");
/** Stand-ins of the upstream images charts/openstack-integration runs: one static Go binary each. */
const GO_STAND_INS = ["openstack-cloud-controller-manager", "cinder-csi-plugin", "csi-provisioner"] as const;
const IMAGES = ["mep", "mano", "mec-app-sample", "pause", "curl", "postgres", ...GO_STAND_INS] as const;
type Image = (typeof IMAGES)[number];
const STAGES = { mep: "mep", "mec-app-sample": "sample-app" } as const;
const PG_BIN = "/usr/lib/postgresql/15/bin"; // Debian's postgresql-15, where the official image has it too

// RAM-backed when there is /dev/shm: the archives and bundles are a few hundred MB, written and read once.
const scratch = (() => {
  try {
    accessSync("/dev/shm", constants.W_OK);
    return "/dev/shm";
  } catch {
    return tmpdir();
  }
})();
let work: string;
let out: string;
const containers: RuncContainer[] = [];
let containerd: ChildProcess | undefined;

const archive = (image: Image) => join(out, `${image}.oci.tar`);
const layoutOf = (image: Image) => join(work, "layouts", image);
const tagOf = (image: Image) => readLayout(layoutOf(image)).index.manifests[0].annotations!["org.opencontainers.image.ref.name"];
const build = (...args: string[]) => sh("bash", [join(REPO, "images/build.sh"), ...args], { env: { ...process.env, NODE: process.execPath, TMPDIR: scratch } });

beforeAll(() => {
  if (process.getuid?.() !== 0) throw new Error("test/images runs images with runc, which needs root");
  work = mkdtempSync(join(scratch, "mecaas-images-"));
  out = join(work, "out");
  const started = Date.now();
  process.stdout.write(build("all", out));
  process.stdout.write(`images: built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  for (const image of IMAGES) {
    mkdirSync(layoutOf(image), { recursive: true });
    sh("tar", ["--extract", "--file", archive(image), "--directory", layoutOf(image)]);
  }
}, 300_000);

afterAll(() => {
  for (const container of containers) container.destroy();
  containerd?.kill("SIGKILL");
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The image the chart deploys by default: its repository at the chart's appVersion, as containerd names it. */
function chartImage(chart: string): string {
  const values = parseYaml(readFileSync(join(REPO, "charts", chart, "values.yaml"), "utf8"));
  const { appVersion } = parseYaml(readFileSync(join(REPO, "charts", chart, "Chart.yaml"), "utf8"));
  return `docker.io/${values.image.repository}:${appVersion}`;
}

/** The image charts/mec-app-instance's jobs run (`curlimages/curl` and its tag), as containerd names it. */
function jobImage(): string {
  const { image } = parseYaml(readFileSync(join(REPO, "charts/mec-app-instance/values.yaml"), "utf8"));
  return `docker.io/${image.repository}:${image.tag}`;
}

/** The official PostgreSQL image of the major version this machine's server is (Debian 12: 15), as containerd names it. */
function postgresImage(): string {
  const version = /\(PostgreSQL\) (\d+)\./.exec(sh(join(PG_BIN, "postgres"), ["--version"]))![1];
  return `docker.io/library/postgres:${version}`;
}

/** The image charts/openstack-integration runs for a binary: its values' repository at their tag or the chart's appVersion. */
function integrationImage(binary: string): string {
  const values = parseYaml(readFileSync(join(REPO, "charts/openstack-integration/values.yaml"), "utf8"));
  const { appVersion } = parseYaml(readFileSync(join(REPO, "charts/openstack-integration/Chart.yaml"), "utf8"));
  const image = { "openstack-cloud-controller-manager": values.cloudControllerManager.image, "cinder-csi-plugin": values.csi.plugin.image,
    "csi-provisioner": values.csi.controller.provisioner.image }[binary];
  return `${image.repository}:${image.tag || appVersion}`;
}

/** The sandbox image Kubernetes (the version scripts/toolchain.sh builds) names: kubeadm's PauseVersion. */
function kubernetesPauseImage(): string {
  const version = /^K8S_OPENAPI_VERSION=(\S+)/m.exec(readFileSync(join(REPO, "scripts/toolchain.sh"), "utf8"))![1];
  const dir = JSON.parse(sh("go", ["mod", "download", "-json", `k8s.io/kubernetes@${version}`], { cwd: tmpdir() })).Dir;
  const constants = readFileSync(join(dir, "cmd/kubeadm/app/constants/constants.go"), "utf8");
  return `registry.k8s.io/pause:${/PauseVersion = "([^"]+)"/.exec(constants)![1]}`;
}

describe.each(IMAGES)("%s: the archive", (image) => {
  test("is an OCI image that skopeo and umoci read, every blob matching its digest and size", () => {
    const layout = readLayout(layoutOf(image));
    expect(JSON.parse(readFileSync(join(layoutOf(image), "oci-layout"), "utf8"))).toEqual({ imageLayoutVersion: "1.0.0" });
    expect(layout.manifest.mediaType).toBe("application/vnd.oci.image.manifest.v1+json");
    expect(layout.manifest.layers.map((l) => l.mediaType)).toEqual(["application/vnd.oci.image.layer.v1.tar"]);
    for (const descriptor of [layout.index.manifests[0], layout.manifest.config, ...layout.manifest.layers]) {
      const content = readFileSync(layout.blob(descriptor));
      expect(`sha256:${createHash("sha256").update(content).digest("hex")}`).toBe(descriptor.digest);
      expect(content.length).toBe(descriptor.size);
    }
    expect(layout.config.rootfs).toEqual({ type: "layers", diff_ids: [layout.manifest.layers[0].digest] }); // uncompressed
    const inspected = JSON.parse(sh("skopeo", ["inspect", `oci-archive:${archive(image)}`]));
    expect(inspected).toMatchObject({ Digest: layout.index.manifests[0].digest, Architecture: "amd64", Os: "linux", Layers: [layout.manifest.layers[0].digest] });
    const stat = JSON.parse(sh("umoci", ["stat", "--json", "--image", `${layoutOf(image)}:${tagOf(image)}`]));
    expect(stat.history).toHaveLength(1);
  });

  test("is named as what deploys it asks for: containerd's name annotation, the tag as the OCI ref name", () => {
    const expected = image === "pause" ? kubernetesPauseImage() : image === "curl" ? jobImage() : image === "postgres" ? postgresImage()
      : (GO_STAND_INS as readonly string[]).includes(image) ? integrationImage(image) : chartImage(image === "mano" ? "mecaas" : image);
    const { annotations } = readLayout(layoutOf(image)).index.manifests[0];
    expect(annotations).toEqual({ "io.containerd.image.name": expected, "org.opencontainers.image.ref.name": expected.split(":").pop() });
    if (["mep", "mec-app-sample"].includes(image)) expect(expected.split(":").pop()).toBe(JSON.parse(readFileSync(join(REPO, "mep/package.json"), "utf8")).version);
  });

  test("has a reproducible layer: names sorted, one mtime, numeric owners, pax format, no world-writable file but /tmp", () => {
    const entries = readTar(readLayout(layoutOf(image)).layer);
    const names = entries.map((e) => e.name);
    expect([...names].sort(tarOrder)).toEqual(names);
    expect(new Set(entries.map((e) => e.mtime))).toEqual(new Set([0]));
    expect(entries.filter((e) => e.uname || e.gname)).toEqual([]);
    expect(new Set(entries.map((e) => e.magic))).toEqual(new Set(["ustar"]));
    const owned = entries.filter((e) => e.uid !== 0 || e.gid !== 0).map((e) => `${e.name} ${e.uid}:${e.gid}`);
    const owners = { mep: ["data/ 10001:10001"], mano: ["data/ 10001:10001"], postgres: ["var/lib/postgresql/ 999:999", "var/lib/postgresql/data/ 999:999", "var/run/postgresql/ 999:999"] } as Record<string, string[]>;
    expect(owned).toEqual(owners[image] ?? []);
    const writable = entries.filter((e) => e.type !== "2" && e.mode & 0o022).map((e) => `${e.name} ${e.mode.toString(8)}`);
    expect(writable).toEqual(image === "pause" ? [] : ["tmp/ 1777"]);
    expect(entries.filter((e) => e.mode & 0o6000)).toEqual([]); // no setuid or setgid
  });
});

test("a second build with unchanged inputs is skipped, and a forced one is byte-identical", () => {
  const digest = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");
  const before = IMAGES.map((image) => [digest(archive(image)), statSync(archive(image)).mtimeMs]);
  expect(build("all", out).trim().split("\n")).toEqual(IMAGES.map((image) => `${image}: ${archive(image)} is up to date`));
  expect(IMAGES.map((image) => [digest(archive(image)), statSync(archive(image)).mtimeMs])).toEqual(before);
  const again = join(work, "again");
  build("--force", "mec-app-sample", again);
  build("--force", "pause", again);
  build("--force", "curl", again);
  build("--force", "postgres", again);
  expect(digest(join(again, "mec-app-sample.oci.tar"))).toBe(digest(archive("mec-app-sample")));
  expect(digest(join(again, "pause.oci.tar"))).toBe(digest(archive("pause")));
  expect(digest(join(again, "curl.oci.tar"))).toBe(digest(archive("curl")));
  expect(digest(join(again, "postgres.oci.tar"))).toBe(digest(archive("postgres")));
}, 120_000);

describe.each(["mep", "mec-app-sample"] as const)("%s: the image config", (image) => {
  test("says what mep/Dockerfile's stage says (BuildKit's parse), on the base image's PATH and NODE_VERSION", () => {
    const report = lintDockerfile(join(REPO, "mep/Dockerfile"));
    const nodeVersion = /^ARG NODE_IMAGE=node:(\S+)-bookworm-slim$/m.exec(readFileSync(join(REPO, "mep/Dockerfile"), "utf8"))![1];
    const expected: Record<string, any> = {
      Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", `NODE_VERSION=${nodeVersion}`],
      ExposedPorts: {},
      Volumes: {},
      WorkingDir: "/",
    };
    for (const stage of [findStage(report, "runtime-base"), findStage(report, STAGES[image])]) {
      for (const instruction of stage.instructions) {
        const [keyword, rest] = [instruction.slice(0, instruction.indexOf(" ")), instruction.slice(instruction.indexOf(" ") + 1)];
        if (keyword === "ENV") expected.Env.push(...rest.split(/\s+/));
        if (keyword === "USER") expected.User = rest;
        if (keyword === "WORKDIR") expected.WorkingDir = rest;
        if (keyword === "EXPOSE") expected.ExposedPorts[`${rest}/tcp`] = {};
        if (keyword === "VOLUME") for (const v of JSON.parse(rest)) expected.Volumes[v] = {};
        if (keyword === "ENTRYPOINT") expected.Entrypoint = JSON.parse(rest);
        if (keyword === "CMD") expected.Cmd = JSON.parse(rest);
      }
    }
    const { config } = readLayout(layoutOf(image)).config;
    expect(config).toEqual(expected);
    expect(config.User).toBe("10001:10001");
    expect(config.Entrypoint[0]).toBe("node");
  }, 300_000);
});

/**
 * What a layer may hold, and nothing more (the rule the tests below check):
 * - the base of both Node images: /usr/local/bin/node (the Node binary the build ran with), the shared libraries
 *   `ldd` lists for it and for native addons in the image, with the loader and the symlinks on their paths
 *   (/lib -> usr/lib, ...), /etc/passwd and /etc/group (root, and mec as 10001), /etc/nsswitch.conf,
 *   /etc/ssl/certs/ca-certificates.crt, /tmp; no tzdata, no shell, no package manager;
 * - the MEP: /app/mep/package.json and the compiled service, exactly one .js per mep/src .ts and its .json files: no
 *   tests (dist/test), no TypeScript, no source maps; /app/node_modules with exactly the packages the lockfile
 *   resolves from the mep workspace's production dependencies (no dev dependency, none of the IaC root's), each as
 *   npm installs it (their own files are not pruned, as in Docker's build), npm's .bin links and hidden lockfile and
 *   the workspace link; of better-sqlite3's build only build/Release/better_sqlite3.node, no object file; no npm
 *   cache; /data, empty, owned by 10001;
 * - the sample app: /app with one .js per mep/sample-app/src .ts, nothing else (it needs no package);
 * - pause: /pause, statically linked, alone.
 */
describe.each(["mep", "mec-app-sample"] as const)("%s: the layer", (image) => {
  let entries: TarEntry[];
  beforeAll(() => {
    entries = readTar(readLayout(layoutOf(image)).layer);
  });
  const files = (prefix: string) => entries.filter((e) => e.name.startsWith(prefix) && !e.name.endsWith("/")).map((e) => e.name.slice(prefix.length));

  test("holds the base: node, exactly the libraries ldd lists, the users, nsswitch.conf, CA certificates, /tmp", () => {
    const tops = [...new Set(entries.map((e) => e.name.split("/")[0]))];
    expect(tops).toEqual(image === "mep" ? ["app", "data", "etc", "lib", "lib64", "tmp", "usr"] : ["app", "etc", "lib", "lib64", "tmp", "usr"]);
    expect(files("etc/")).toEqual(["group", "nsswitch.conf", "passwd", "ssl/certs/ca-certificates.crt"]);
    expect(files("usr/").filter((n) => !/^lib(64)?\//.test(n))).toEqual(["local/bin/node"]);
    expect(entries.find((e) => e.name === "usr/local/bin/node")!.size).toBe(statSync(process.execPath).size);
    const objects = [process.execPath, ...(image === "mep" ? [join(REPO, "node_modules/better-sqlite3/build/Release/better_sqlite3.node")] : [])];
    const libraries = new Set<string>();
    for (const object of objects) for (const [, path] of sh("ldd", [object]).matchAll(/(\/\S+) \(0x/g)) libraries.add(realpathSync(path).slice(1));
    const libraryFiles = entries.filter((e) => e.type === "0" && /^(usr\/)?lib(64)?\//.test(e.name)).map((e) => e.name);
    expect(libraryFiles.sort()).toEqual([...libraries].sort());
    expect(entries.filter((e) => e.type === "2").every((e) => /^(usr\/)?lib(64)?(\/|$)|^app\/node_modules\//.test(e.name))).toBe(true);
    const read = (name: string) => sh("tar", ["--extract", "--to-stdout", "--file", readLayout(layoutOf(image)).layer, name]);
    // As the Dockerfile's `useradd --system --uid 10001 --gid mec --home-dir /nonexistent --shell /usr/sbin/nologin`.
    expect(read("etc/passwd")).toBe("root:x:0:0:root:/root:/usr/sbin/nologin\nmec:x:10001:10001::/nonexistent:/usr/sbin/nologin\n");
    expect(read("etc/group")).toBe("root:x:0:\nmec:x:10001:\n");
  });

  if (image === "mec-app-sample") {
    test("holds the sample app's compiled code in /app, and no node_modules", () => {
      const sources = readdirSync(join(REPO, "mep/sample-app/src")).map((f) => f.replace(/\.ts$/, ".js"));
      expect(files("app/").sort()).toEqual(sources.sort());
    });
    return;
  }

  test("holds the compiled service only: no tests, TypeScript or source maps; /data empty", () => {
    const sources = listFiles(join(REPO, "mep/src")).map((f) => relative(join(REPO, "mep/src"), f).replace(/\.ts$/, ".js"));
    expect(files("app/mep/dist/src/").sort()).toEqual(sources.sort());
    expect(files("app/mep/").filter((n) => !n.startsWith("dist/src/"))).toEqual(["package.json"]);
    expect(entries.filter((e) => e.name.startsWith("data/")).map((e) => e.name)).toEqual(["data/"]);
    expect(entries.filter((e) => /(^|\/)(\.npm|_cacache)\//.test(e.name))).toEqual([]);
  });

  test("holds exactly the lockfile's production closure of the mep workspace, with the addon as built", () => {
    const lock = JSON.parse(readFileSync(join(REPO, "package-lock.json"), "utf8")).packages as Record<string, any>;
    const closure = new Set<string>();
    const visit = (from: string) => {
      const entry = lock[from];
      const peers = Object.keys(entry.peerDependencies ?? {}).filter((p) => !entry.peerDependenciesMeta?.[p]?.optional);
      for (const dep of [...Object.keys(entry.dependencies ?? {}), ...Object.keys(entry.optionalDependencies ?? {}), ...peers]) {
        // Node's resolution: the nearest node_modules/<dep> from the requiring package up to the root.
        let dir = from;
        let key = `${dir}/node_modules/${dep}`;
        while (!lock[key] && dir) {
          dir = dir.includes("/node_modules/") ? dir.slice(0, dir.lastIndexOf("/node_modules/")) : "";
          key = dir ? `${dir}/node_modules/${dep}` : `node_modules/${dep}`;
        }
        if (!lock[key] || closure.has(key)) continue; // not installed (an optional one), or seen
        closure.add(key);
        visit(key);
      }
    };
    visit("mep");
    expect(closure.size).toBeGreaterThan(20);
    expect([...closure].filter((key) => lock[key].dev || lock[key].devOptional)).toEqual([]);
    const modules = files("app/").filter((n) => n.startsWith("node_modules/")).concat(entries.filter((e) => e.name.startsWith("app/node_modules/") && e.name.endsWith("/")).map((e) => e.name.slice(4)));
    const isPackage = (dir: string) => /^node_modules\/(@[^/]+\/)?[^/]+(\/node_modules\/(@[^/]+\/)?[^/]+)*$/.test(dir);
    const packages = modules.filter((n) => n.endsWith("/package.json")).map((n) => n.slice(0, -"/package.json".length)).filter(isPackage);
    expect(packages.sort()).toEqual([...closure].sort());
    const belongs = (n: string) =>
      [...closure].some((key) => n.startsWith(`${key}/`)) || /(^|\/)node_modules\/((@[^/]+|\.bin)\/)?$/.test(n) || /(^|\/)node_modules\/\.bin\/[^/]+$/.test(n) ||
      ["node_modules/.package-lock.json", "node_modules/@mecaas/mep"].includes(n);
    expect(modules.filter((n) => !belongs(n))).toEqual([]);
    expect(entries.find((e) => e.name === "app/node_modules/@mecaas/mep")).toMatchObject({ type: "2", linkname: "../../mep" });
    expect(files("app/node_modules/better-sqlite3/build/")).toEqual(["Release/better_sqlite3.node"]);
    expect(modules.filter((n) => /\.(o|a|node)$/.test(n))).toEqual(["node_modules/better-sqlite3/build/Release/better_sqlite3.node"]);
  });
});

describe.each(GO_STAND_INS)("%s stand-in", (binary) => {
  test("holds the static binary toolchain.sh built, nobody as its user, a CA bundle and /tmp: nothing else", () => {
    const entries = readTar(readLayout(layoutOf(binary)).layer);
    expect(entries.filter((e) => e.type !== "5").map((e) => e.name)).toEqual([`bin/${binary}`, "etc/group", "etc/nsswitch.conf", "etc/passwd", "etc/ssl/certs/ca-certificates.crt"]);
    const tools = process.env.MECAAS_TOOLS || join(homedir(), ".cache/mecaas/tools");
    const layer = readLayout(layoutOf(binary)).config;
    expect(layer.config).toMatchObject({ Entrypoint: [`/bin/${binary}`], User: "65534:65534" });
    const bundle = join(work, `${binary}-inspect`);
    makeBundle(layoutOf(binary), tagOf(binary), bundle);
    expect(createHash("sha256").update(readFileSync(join(bundle, "rootfs/bin", binary))).digest("hex"))
      .toBe(createHash("sha256").update(readFileSync(join(tools, "bin", binary))).digest("hex"));
  });

  test("runs under runc as nobody on a read-only root with no capabilities, and says its upstream release", async () => {
    const version = integrationImage(binary).split(":").pop()!;
    const { runtime, container } = startContainer(binary, {}, (config) => { config.process.args = [`/bin/${binary}`, "--version"]; });
    expect(runtime.process).toMatchObject({ user: { uid: 65534, gid: 65534 } });
    expect(await within(`${binary} --version`, container.exited, 20_000)).toBe(0);
    expect(container.output).toContain(version);
  });
});

test("pause: the layer holds one static executable, /pause", () => {
  const entries = readTar(readLayout(layoutOf("pause")).layer);
  expect(entries.map((e) => [e.name, e.type, e.mode.toString(8)])).toEqual([["pause", "0", "755"]]);
  const bundle = join(work, "pause-inspect");
  makeBundle(layoutOf("pause"), tagOf("pause"), bundle);
  const ldd = spawnSync("ldd", [join(bundle, "rootfs/pause")], { encoding: "utf8" });
  expect(ldd.stdout + ldd.stderr).toMatch(/not a dynamic executable/);
});

/**
 * The curl stand-in's layer: /bin/busybox (Debian's busybox-static) with each applet `busybox --list-full` names as
 * a symlink to it, /usr/bin/curl (Debian's) with exactly the libraries ldd lists and the symlinks on their paths,
 * /entrypoint.sh, /cacert.pem -> Debian's CA bundle, /etc/{passwd,group,nsswitch.conf}, /home/curl_user, /tmp.
 */
test("curl: the stand-in's layer holds busybox and its applets, curl and its libraries, the users; its config is the real image's", () => {
  const entries = readTar(readLayout(layoutOf("curl")).layer);
  const applets = sh("/bin/busybox", ["--list-full"]).trim().split("\n").filter((a) => a !== "bin/busybox"); // busybox lists itself
  expect(entries.filter((e) => e.type === "2" && e.linkname === "/bin/busybox").map((e) => e.name).sort()).toEqual([...applets].sort());
  expect(applets).toEqual(expect.arrayContaining(["bin/sh", "bin/sed", "usr/bin/tr", "bin/cat", "usr/bin/printf", "bin/mkdir", "bin/rm"]));
  const libraries = [...sh("ldd", ["/usr/bin/curl"]).matchAll(/(\/\S+) \(0x/g)].map((m) => realpathSync(m[1]).slice(1));
  const regular = entries.filter((e) => e.type === "0").map((e) => e.name);
  expect(regular.sort()).toEqual(["bin/busybox", "entrypoint.sh", "etc/group", "etc/nsswitch.conf", "etc/passwd", "etc/ssl/certs/ca-certificates.crt", "usr/bin/curl", ...libraries].sort());
  expect(entries.find((e) => e.name === "cacert.pem")).toMatchObject({ type: "2", linkname: "etc/ssl/certs/ca-certificates.crt" });
  const read = (name: string) => sh("tar", ["--extract", "--to-stdout", "--file", readLayout(layoutOf("curl")).layer, name]);
  expect(read("etc/passwd")).toMatch(/^curl_user:x:100:101:[^:]*:\/home\/curl_user:/m);
  expect(read("etc/group")).toMatch(/^curl_group:x:101:/m);
  expect(readLayout(layoutOf("curl")).config.config).toMatchObject({ Entrypoint: ["/entrypoint.sh"], Cmd: ["curl"], User: "curl_user", WorkingDir: "/home/curl_user" });
});

/**
 * The postgres stand-in's layer: busybox and its applets; every file postgresql-15 and postgresql-client-15 install
 * in /usr/lib/postgresql/15/{bin,lib} and /usr/share/postgresql/15 but JIT (llvmjit, bitcode), sepgsql, pgxs and
 * the manual; exactly the libraries ldd lists for those programs and modules and for /usr/bin/locale (initdb runs
 * `locale -a`); UTC zone data (/etc/localtime -> Etc/UTC), glibc's C.UTF-8, the entrypoint, the users, nsswitch.conf
 * and the CA bundle; postgresql.conf.sample listening on '*'. Its config is the official image's, in what matters.
 */
test("postgres: the stand-in's layer holds PostgreSQL 15's programs, modules and data, their libraries, busybox and the entrypoint; its config is the official image's", () => {
  const { layer, config } = readLayout(layoutOf("postgres"));
  const entries = readTar(layer);
  const leftOut = /\/(llvmjit\.so|llvmjit_types\.bc|sepgsql\.so)$|\/lib\/(bitcode|pgxs)\/|^\/usr\/share\/postgresql\/15\/(man|contrib)\//;
  const packaged = [...new Set(sh("dpkg", ["-L", "postgresql-15", "postgresql-client-15"]).split("\n"))]
    .filter((f) => /^\/usr\/(lib\/postgresql\/15\/(bin|lib)|share\/postgresql\/15)\//.test(f) && !leftOut.test(f) && lstatSync(f).isFile());
  expect(packaged).toEqual(expect.arrayContaining([`${PG_BIN}/postgres`, `${PG_BIN}/initdb`, `${PG_BIN}/pg_ctl`, `${PG_BIN}/psql`, `${PG_BIN}/pg_isready`, "/usr/lib/postgresql/15/lib/plpgsql.so", "/usr/share/postgresql/15/postgres.bki", "/usr/share/postgresql/15/timezonesets/Default"]));
  const libraries = new Set<string>();
  for (const object of [...packaged.filter((f) => f.startsWith(`${PG_BIN}/`) || f.endsWith(".so")), "/usr/bin/locale"]) {
    for (const [, path] of sh("ldd", [object]).matchAll(/(\/\S+) \(0x/g)) libraries.add(realpathSync(path).slice(1));
  }
  const cUtf8 = listFiles("/usr/lib/locale/C.utf8").map((f) => f.slice(1));
  const regular = entries.filter((e) => e.type === "0").map((e) => e.name);
  expect(regular.sort()).toEqual([
    "bin/busybox", "usr/local/bin/docker-entrypoint.sh", "usr/bin/locale", "etc/group", "etc/nsswitch.conf", "etc/passwd", "etc/ssl/certs/ca-certificates.crt",
    "usr/share/zoneinfo/Etc/UTC", ...cUtf8, ...packaged.map((f) => f.slice(1)), ...libraries,
  ].sort());
  const link = (name: string) => entries.find((e) => e.name === name);
  expect(link("etc/localtime")).toMatchObject({ type: "2", linkname: "/usr/share/zoneinfo/Etc/UTC" });
  expect(link("usr/share/zoneinfo/UTC")).toMatchObject({ type: "2", linkname: "Etc/UTC" });
  expect(link("usr/lib/postgresql/15/bin/postmaster")).toMatchObject({ type: "2", linkname: "postgres" });
  expect(link("usr/local/bin/docker-entrypoint.sh")!.mode.toString(8)).toBe("755");
  expect(link("var/lib/postgresql/data/")!.mode.toString(8)).toBe("700");
  const read = (name: string) => sh("tar", ["--extract", "--to-stdout", "--file", layer, name]);
  expect(read("etc/passwd")).toMatch(/^postgres:x:999:999::\/var\/lib\/postgresql:/m);
  expect(read("etc/group")).toMatch(/^postgres:x:999:$/m);
  expect(read("usr/share/postgresql/15/postgresql.conf.sample")).toMatch(/^listen_addresses = '\*'/m);
  expect(read("usr/local/bin/docker-entrypoint.sh")).toBe(readFileSync(join(REPO, "images/postgres/docker-entrypoint.sh"), "utf8"));
  // The official postgres:15's entrypoint, command, stop signal, port, volume and PGDATA; PATH with the server's bin.
  expect(config.config).toMatchObject({
    Entrypoint: ["docker-entrypoint.sh"], Cmd: ["postgres"], StopSignal: "SIGINT", ExposedPorts: { "5432/tcp": {} }, Volumes: { "/var/lib/postgresql/data": {} },
  });
  expect(config.config.User).toBeUndefined(); // root, as the official image: the entrypoint drops to postgres
  expect(config.config.Env).toEqual(expect.arrayContaining([`PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:${PG_BIN}`, "PGDATA=/var/lib/postgresql/data", "PG_MAJOR=15", "LANG=C.UTF-8"]));
});

test("containerd imports every archive under its name, unpacked into a snapshot", async () => {
  const root = join(work, "containerd");
  mkdirSync(root);
  const address = join(root, "containerd.sock");
  // A private containerd: its own root, state and socket; no CRI, and no plugin that writes outside its root.
  writeFileSync(join(root, "config.toml"), [
    "version = 2",
    `root = "${root}/root"`,
    `state = "${root}/state"`,
    'disabled_plugins = ["io.containerd.grpc.v1.cri", "io.containerd.internal.v1.opt", "io.containerd.internal.v1.tracing", "io.containerd.tracing.processor.v1.otlp", "io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.devmapper", "io.containerd.snapshotter.v1.zfs"]',
    `[grpc]\n  address = "${address}"`,
    `[ttrpc]\n  address = "${address}.ttrpc"`,
    '[debug]\n  address = ""',
    '[metrics]\n  address = ""',
  ].join("\n"));
  containerd = spawn("containerd", ["--config", join(root, "config.toml")], { stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  containerd.stderr!.on("data", (chunk: Buffer) => (log += chunk.toString("utf8")));
  for (let tries = 0; !existsSync(address); tries++) {
    if (tries > 100) throw new Error(`containerd did not start:\n${log}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const ctr = (...args: string[]) => sh("ctr", ["--address", address, "--namespace", "k8s.io", ...args]);
  for (const image of IMAGES) ctr("images", "import", archive(image));
  const names = IMAGES.map((image) => readLayout(layoutOf(image)).index.manifests[0].annotations!["io.containerd.image.name"]);
  expect(ctr("images", "list", "--quiet").trim().split("\n").sort()).toEqual([...names].sort());
  const check = ctr("images", "check");
  for (const name of names) expect(check).toMatch(new RegExp(`${name.replace(/[.]/g, "\\.")} .* complete \\(2/2\\) .* true`));
  expect(ctr("snapshots", "list").trim().split("\n")).toHaveLength(1 + IMAGES.length);
  containerd.kill("SIGTERM");
  await new Promise((resolve) => containerd!.once("exit", resolve));
  containerd = undefined;
}, 120_000);

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)]));
}

async function until<T>(what: string, attempt: () => Promise<T | undefined>, container: RuncContainer, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await attempt().catch(() => undefined);
    if (value !== undefined) return value;
    if (!container.running) throw new Error(`the container exited while waiting for ${what}; it said:\n${container.output}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the container said:\n${container.output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function startContainer(image: Image, options: Parameters<typeof restrict>[1], edit: (config: any) => void = () => {}) {
  const bundle = join(work, "bundles", image);
  const runtime = makeBundle(layoutOf(image), tagOf(image), bundle);
  restrict(bundle, options);
  const config = JSON.parse(readFileSync(join(bundle, "config.json"), "utf8"));
  edit(config);
  writeFileSync(join(bundle, "config.json"), JSON.stringify(config, null, 2));
  const container = new RuncContainer(join(work, "runc"), `mecaas-test-${image}-${process.pid}`, bundle);
  containers.push(container);
  return { runtime, container };
}

describe("the MEP and the sample app run from their images under runc", () => {
  const app = { id: "sample-0001", secret: randomBytes(16).toString("hex") };
  let container: RuncContainer;
  let mep: Mep; // the MEP workspace's test client, configured as the container is
  let adminToken: string;

  test("the MEP, as uid 10001 on a read-only root with SQLite on a tmpfs /data, answers /healthz and /readyz", async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    // The MEP's test environment (credentials, loopback callbacks allowed for the sample app), on the image's database.
    const env = testEnv({ sqlitePath: "/data/mep.db" }, { MEP_LISTEN_HOST: "127.0.0.1", MEP_LISTEN_PORT: String(port), MEP_API_ROOT: url, MEP_LOG_LEVEL: "info" });
    mep = Mep.remote(url, env);
    const started = startContainer("mep", { hostNetwork: true, tmpfs: ["/data", "/tmp"], env: Object.entries(env).map(([k, v]) => `${k}=${v}`) });
    container = started.container;
    // How a runtime reads the image config (umoci): the Dockerfile's ENTRYPOINT and CMD, its user and directory.
    expect(started.runtime.process).toMatchObject({ args: ["node", "--max-semi-space-size=1", "--v8-pool-size=1", "--heap-growing-percent=30", "dist/src/main.js", "serve"], user: { uid: 10001, gid: 10001 }, cwd: "/app/mep" });
    expect(started.runtime.process.env).toEqual(expect.arrayContaining(["MALLOC_ARENA_MAX=2", "NODE_ENV=production"]));
    await until("GET /healthz", async () => ((await mep.request("GET", "/healthz")).status === 200 ? true : undefined), container);
    expect(await mep.request("GET", "/readyz")).toMatchObject({ status: 200, body: { status: "ready" } });
    const status = procStatus(await container.pid())!;
    expect(status.Uid.split(/\s+/)).toEqual(["10001", "10001", "10001", "10001"]);
    expect(status.CapEff).toBe("0000000000000000");
    adminToken = await mep.adminToken();
  }, 60_000);

  test("the sample app registers with that MEP, and exits 0 once the MEP terminates it", async () => {
    const instance = `/mecaas_mgmt/v1/app_instances/${app.id}`;
    expect((await mep.request("PUT", instance, { token: adminToken, body: { appName: "sample-echo", clientSecret: app.secret } })).status).toBe(201);
    const port = await freePort();
    const sample = startContainer("mec-app-sample", {
      hostNetwork: true,
      tmpfs: ["/tmp"],
      env: [`MEC_APP_INSTANCE_ID=${app.id}`, `MEC_APP_CLIENT_SECRET=${app.secret}`, `MEP_URL=${mep.url}`, "MEC_APP_LISTEN_HOST=127.0.0.1", `MEC_APP_LISTEN_PORT=${port}`],
    });
    expect(sample.runtime.process).toMatchObject({ args: ["node", "/app/main.js"], user: { uid: 10001, gid: 10001 }, cwd: "/app" });
    await until("the sample app's start", async () => (/"message":"started"/.test(sample.container.output) ? true : undefined), sample.container);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect((await mep.request("GET", instance, { token: adminToken })).body.state).toBe("READY");
    const appToken = await mep.token(app.id, app.secret);
    const services = await mep.request("GET", `/mec_service_mgmt/v1/applications/${app.id}/services`, { token: appToken });
    expect(services.body).toEqual([expect.objectContaining({ serName: "sample-echo", state: "ACTIVE" })]);
    expect((await mep.request("POST", `${instance}/terminate`, { token: adminToken, body: { gracefulTimeoutSeconds: 10 } })).status).toBe(202);
    expect(await within("the sample app's exit", sample.container.exited, 15_000)).toBe(0);
    expect((await mep.request("GET", instance, { token: adminToken })).body.state).toBe("TERMINATED");
  }, 60_000);

  test("the MEP drains and exits 0 on TERM", async () => {
    container.runc("kill", container.id, "TERM");
    expect(await within("the MEP's exit", container.exited, 15_000)).toBe(0);
    expect(container.output).toMatch(/shutting down: draining requests/);
  }, 30_000);
});

test("pause under runc: an orphan of its PID namespace is reparented to it and reaped; TERM makes it exit 0", async () => {
  // A static helper that forks and exits at once: its child, orphaned, lives one second more, then exits. The child
  // closes its stdio first, or `runc exec` (which copies the process's output until every writer is gone) would wait.
  const probe = join(work, "probe");
  mkdirSync(probe);
  writeFileSync(join(probe, "orphan.c"), "#include <unistd.h>\nint main(void) { if (fork() == 0) { close(0); close(1); close(2); sleep(1); } return 0; }\n");
  sh("gcc", ["-static", "-o", join(probe, "orphan"), join(probe, "orphan.c")]);
  const { runtime, container } = startContainer("pause", { binds: [{ source: probe, destination: "/probe" }] });
  expect(runtime.process).toMatchObject({ args: ["/pause"], user: { uid: 65535, gid: 65535 } });
  const pausePid = await container.pid();
  const children = () => readdirSync("/proc").filter((p) => /^\d+$/.test(p)).map((p) => ({ pid: Number(p), status: procStatus(Number(p)) })).filter((p) => p.status?.PPid === String(pausePid));
  container.runc("exec", "--user", "65535:65535", container.id, "/probe/orphan");
  expect(children().map((c) => c.status!.State[0])).toEqual([expect.stringMatching(/[SR]/)]); // the orphan, now pause's
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect(children()).toEqual([]); // exited and reaped: no zombie left
  container.runc("kill", container.id, "TERM");
  expect(await within("pause's exit", container.exited, 5_000)).toBe(0);
}, 60_000);

test("the curl stand-in runs the chart's register.sh as its job does (uid 100, read-only root): token, then PUT, against a local server", async () => {
  const id = "curl-0001";
  const admin = { id: "admin", secret: randomBytes(8).toString("hex") };
  const token = randomBytes(8).toString("hex");
  const body = JSON.stringify({ appName: "curl-test", clientSecret: "s" });
  const seen: string[] = [];
  const server = createServer((req, res) => {
    let data = "";
    req.on("data", (chunk: Buffer) => (data += chunk.toString("utf8")));
    req.on("end", () => {
      seen.push(`${req.method} ${req.url}`);
      if (req.method === "POST" && req.url === "/oauth/token") {
        const ok = req.headers.authorization === `Basic ${Buffer.from(`${admin.id}:${admin.secret}`).toString("base64")}` && data === "grant_type=client_credentials";
        res.writeHead(ok ? 200 : 401, { "Content-Type": "application/json" }).end(ok ? `{\n  "access_token": "${token}",\n  "token_type": "Bearer"\n}` : "{}");
      } else if (req.method === "PUT" && req.url === `/mecaas_mgmt/v1/app_instances/${id}`) {
        const ok = req.headers.authorization === `Bearer ${token}` && req.headers["content-type"] === "application/json" && data === body;
        res.writeHead(ok ? 201 : 400).end(ok ? body : "bad request");
      } else res.writeHead(404).end();
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  try {
    const request = join(work, "curl-request");
    mkdirSync(request);
    writeFileSync(join(request, "body.json"), body);
    const { runtime, container } = startContainer(
      "curl",
      {
        hostNetwork: true,
        tmpfs: ["/tmp"],
        env: [`MEP_URL=http://127.0.0.1:${port}/`, `APP_INSTANCE_ID=${id}`, `ADMIN_CLIENT_ID=${admin.id}`, `ADMIN_CLIENT_SECRET=${admin.secret}`],
        binds: [{ source: join(REPO, "charts/mec-app-instance/files"), destination: "/opt/mecaas" }, { source: request, destination: "/etc/mecaas/request" }],
      },
      (config) => {
        // As the chart's job pod: its command, and runAsUser/runAsGroup 100 (the image's user is 100:101).
        config.process.args = ["/bin/sh", "/opt/mecaas/register.sh"];
        config.process.user = { uid: 100, gid: 100 };
        for (const mount of config.mounts) if (mount.destination === "/tmp") mount.options = mount.options.map((o: string) => o.replace(/^gid=.*/, "gid=100"));
      },
    );
    expect(runtime.process).toMatchObject({ args: ["/entrypoint.sh", "curl"], user: { uid: 100, gid: 101 }, cwd: "/home/curl_user" });
    expect(await within("register.sh's exit", container.exited, 20_000)).toBe(0);
    expect(container.output.trim()).toBe(`app instance ${id} registered on http://127.0.0.1:${port} (HTTP 201)`);
    expect(seen).toEqual(["POST /oauth/token", `PUT /mecaas_mgmt/v1/app_instances/${id}`]);
  } finally {
    server.close();
  }
}, 60_000);

test("the postgres stand-in as uid 999 on a read-only root: initdb on an empty PGDATA, password logins over TCP, a wrong one refused, exit 0 on TERM with a client connected", async () => {
  const port = await freePort();
  const password = randomBytes(12).toString("hex");
  const { runtime, container } = startContainer(
    "postgres",
    { hostNetwork: true, tmpfs: ["/var/lib/postgresql/data", "/var/run/postgresql", "/tmp"], env: [`POSTGRES_PASSWORD=${password}`, "POSTGRES_USER=mep", "POSTGRES_DB=mep", `PGPORT=${port}`] },
    (config) => {
      // As a pod with runAsUser/runAsGroup 999 (the image's user is root, as the official one's), its volumes owned by 999.
      config.process.user = { uid: 999, gid: 999 };
      for (const mount of config.mounts) if (mount.type === "tmpfs" && mount.options.includes("uid=0")) mount.options = mount.options.map((o: string) => o.replace(/^(uid|gid)=0$/, "$1=999"));
    },
  );
  expect(runtime.process).toMatchObject({ args: ["docker-entrypoint.sh", "postgres"], user: { uid: 0, gid: 0 }, cwd: "/" });
  const connect = async (secret: string) => {
    const client = new Client({ host: "127.0.0.1", port, user: "mep", password: secret, database: "mep", connectionTimeoutMillis: 2000 });
    client.on("error", () => {}); // the server's goodbye at shutdown
    try {
      await client.connect();
    } catch (err) {
      await client.end().catch(() => {});
      throw err;
    }
    return client;
  };
  // TCP answers only once initdb is done and the real server runs (the one that creates the database listens on the socket only).
  const client = await until("a password login over TCP", () => connect(password), container, 40_000);
  try {
    await client.query("CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL)");
    await client.query("INSERT INTO notes VALUES ($1, $2), ($3, $4)", [1, "première", 2, "second"]);
    expect((await client.query("SELECT id, body FROM notes ORDER BY id")).rows).toEqual([{ id: 1, body: "première" }, { id: 2, body: "second" }]);
    // PL/pgSQL (the MEP's notify trigger is one) and a contrib extension with its library (pgcrypto: libcrypto).
    await client.query("CREATE FUNCTION note_count() RETURNS bigint LANGUAGE plpgsql AS $$ BEGIN RETURN (SELECT count(*) FROM notes); END $$");
    await client.query("CREATE EXTENSION pgcrypto");
    expect((await client.query("SELECT note_count() AS n, encode(digest('x', 'sha256'), 'hex') AS h")).rows).toEqual([{ n: "2", h: createHash("sha256").update("x").digest("hex") }]);
    const settings = await client.query("SELECT current_setting('listen_addresses') AS listen, current_setting('server_encoding') AS encoding, current_setting('lc_collate') AS collate, current_setting('TimeZone') AS zone");
    expect(settings.rows[0]).toEqual({ listen: "*", encoding: "UTF8", collate: "C.UTF-8", zone: "Etc/UTC" });
    // Every TCP line of pg_hba.conf asks for the password (scram-sha-256), loopback included; the socket is trusted.
    const rules = await client.query("SELECT type, auth_method FROM pg_hba_file_rules");
    expect(new Set(rules.rows.filter((r) => r.type !== "local").map((r) => r.auth_method))).toEqual(new Set(["scram-sha-256"]));
    expect((await client.query("SELECT rolpassword LIKE 'SCRAM-SHA-256$%' AS scram FROM pg_authid WHERE rolname = 'mep'")).rows).toEqual([{ scram: true }]);
    await expect(connect("wrong")).rejects.toThrow(/password authentication failed for user "mep"/);
    // The entrypoint's shell (the container's first process) and its child, the postmaster: both uid 999, no capabilities.
    const shellPid = await container.pid();
    const postmaster = readdirSync("/proc").filter((p) => /^\d+$/.test(p)).map((p) => procStatus(Number(p))).find((st) => st?.PPid === String(shellPid));
    expect(postmaster?.Name).toBe("postgres");
    for (const status of [procStatus(shellPid)!, postmaster!]) {
      expect(status.Uid.split(/\s+/)).toEqual(["999", "999", "999", "999"]);
      expect(status.Gid.split(/\s+/)).toEqual(["999", "999", "999", "999"]);
      expect(status.CapEff).toBe("0000000000000000");
    }
    // TERM (Kubernetes' and runc's stop) while the client stays connected: a fast shutdown, not a smart one waiting for it.
    const stopped = Date.now();
    container.runc("kill", container.id, "TERM");
    expect(await within("postgres's exit", container.exited, 10_000)).toBe(0);
    process.stdout.write(`postgres: exited ${Date.now() - stopped} ms after TERM\n`);
    expect(container.output).toMatch(/received fast shutdown request/);
    expect(container.output).toMatch(/database system is shut down\s*$/);
  } finally {
    await client.end().catch(() => {});
  }
}, 90_000);

describe("mano stand-in (charts/mecaas' image)", () => {
  test("holds the compiled Edge MANO without its specs, the mano workspace's production closure, the toolchain's helm and kubectl, the sample chart", () => {
    const entries = readTar(readLayout(layoutOf("mano")).layer);
    const files = entries.filter((e) => e.type === "0").map((e) => e.name);
    expect(files).toEqual(expect.arrayContaining(["app/dist/mano/src/main.js", "app/dist/mano/src/cli.js", "app/dist/mep/src/http/problem.js", "app/dist/lib/app-descriptor.js",
      "app/dist/lib/assets/mec010-2-appd.schema.json", "opt/mecaas/charts/mec-app-sample/Chart.yaml", "usr/local/bin/helm", "usr/local/bin/kubectl",
      "app/node_modules/fastify/package.json", "app/node_modules/better-sqlite3/build/Release/better_sqlite3.node"]));
    expect(files.filter((n) => /^app\/dist\/.*(\/test\/|\.spec\.js$|\.ts$|\.map$)/.test(n))).toEqual([]);
    const bundle = join(work, "mano-inspect");
    makeBundle(layoutOf("mano"), tagOf("mano"), bundle);
    const tools = process.env.MECAAS_TOOLS || join(homedir(), ".cache/mecaas/tools");
    for (const tool of ["helm", "kubectl"]) {
      expect(createHash("sha256").update(readFileSync(join(bundle, "rootfs/usr/local/bin", tool))).digest("hex"))
        .toBe(createHash("sha256").update(readFileSync(join(tools, "bin", tool))).digest("hex"));
    }
  });

  test("runs under runc as 10001 on a read-only root: serves Mm1 with SQLite on a tmpfs /data, onboards the sample package from its own chart, exits 0 on TERM", async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const secret = randomBytes(16).toString("hex");
    const env = [`MANO_LISTEN_HOST=127.0.0.1`, `MANO_LISTEN_PORT=${port}`, `MANO_API_ROOT=${url}`, "MANO_ADMIN_CLIENT_ID=oss", `MANO_ADMIN_CLIENT_SECRET=${secret}`,
      `MANO_TOKEN_SIGNING_KEY=${randomBytes(32).toString("hex")}`, "MANO_KUBECONFIG=/nonexistent/kubeconfig", "MANO_PACKAGE_DIRS=/opt/mecaas"];
    const { runtime, container } = startContainer("mano", { hostNetwork: true, tmpfs: ["/data", "/tmp"], env });
    expect(runtime.process).toMatchObject({ args: ["node", "/app/dist/mano/src/main.js", "serve"], user: { uid: 10001, gid: 10001 }, cwd: "/app" });
    const client = new HttpClient(url);
    await until("GET /healthz", async () => ((await client.request("GET", "/healthz")).status === 200 ? true : undefined), container);
    expect((await client.request("GET", "/readyz")).status).toBe(200);
    const token = await client.token("oss", secret);
    const appD = parseYaml(readFileSync(join(REPO, "examples/mec-app/sample-app.appd.yaml"), "utf8"));
    const onboarded = await client.request("POST", "/app_pkgm/v1/app_packages", { token, body: { appPkgName: "sample", appPkgVersion: "1.0", appPkgContent: { appD, mciop: "/opt/mecaas/charts/mec-app-sample" } } });
    expect(onboarded.status).toBe(201);
    expect(onboarded.body.softwareImages[0].imagePath).toBe("/opt/mecaas/charts/mec-app-sample");
    const status = procStatus(await container.pid())!;
    expect(status.Uid.split(/\s+/)).toEqual(["10001", "10001", "10001", "10001"]);
    expect(status.CapEff).toBe("0000000000000000");
    container.runc("kill", container.id, "TERM");
    expect(await within("the Edge MANO's exit", container.exited, 10_000)).toBe(0);

  }, 90_000);
});
