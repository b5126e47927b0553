#!/usr/bin/env node
/**
 * Builds the project's images as OCI image archives, without Docker (images/README.md):
 *   mep             docker.io/mecaas/mep:<mep version>, the `mep` target of mep/Dockerfile
 *   mec-app-sample  docker.io/mecaas/mec-app-sample:<mep version>, its `sample-app` target
 *   pause           registry.k8s.io/pause:3.10, images/pause/pause.c built with `gcc -static`
 *   curl            docker.io/curlimages/curl:8.11.1, a STAND-IN for that image (the chart mec-app-instance's jobs
 *                   run it; no registry can give it here): this machine's Debian busybox-static, curl and its
 *                   libraries, CA certificates, curl_user as uid 100 (images/README.md says what differs)
 *   postgres        docker.io/library/postgres:15, a STAND-IN for the official image (the MEP's database in the test
 *                   bed; no registry can give it here): this machine's Debian PostgreSQL 15 and busybox-static, an
 *                   entrypoint written here with the official one's environment (POSTGRES_PASSWORD, ...), postgres
 *                   as uid 999 (images/README.md says what differs)
 *
 *   mano            docker.io/mecaas/mano:<mano version>, a STAND-IN for the Edge MANO's image (charts/mecaas): no
 *                   Dockerfile of its own yet; laid out as mep/Dockerfile lays out the MEP (the same Node base, users
 *                   and production closure, of the mano workspace), with the helm and kubectl scripts/toolchain.sh
 *                   built, and charts/mec-app-sample under /opt/mecaas/charts for file: packages
 *
 *   openstack-cloud-controller-manager, cinder-csi-plugin, csi-provisioner
 *                   registry.k8s.io/provider-os/...:<release>, registry.k8s.io/sig-storage/csi-provisioner:<release>:
 *                   STAND-INS for the upstream images charts/openstack-integration runs (no registry here): the
 *                   static Go binary scripts/toolchain.sh built from the same module and release, a CA bundle, /tmp
 *
 *   node images/build.js [--force] mep|mec-app-sample|pause|curl|postgres|<a stand-in above>|all OUTDIR (or: bash images/build.sh ...)
 *
 * Writes OUTDIR/<image>.oci.tar, skipped when OUTDIR/<image>.oci.tar.inputs shows the same inputs (--force
 * rebuilds). The Node binary in the images is the one running this program; its version must be the Dockerfile's.
 */
"use strict";
const { execFileSync } = require("child_process");
const crypto = require("crypto");
const fs = require("fs");
const os = require("os");
const path = require("path");

const REPO = path.resolve(__dirname, "..");
const DOCKERFILE = path.join(REPO, "mep", "Dockerfile");
const VERSION = JSON.parse(fs.readFileSync(path.join(REPO, "mep", "package.json"), "utf8")).version;
// Reproducible: every file's mtime and the config's creation time (SOURCE_DATE_EPOCH, the usual knob; else 0).
const EPOCH = Number(process.env.SOURCE_DATE_EPOCH ?? 0);
const ARCH = { x64: "amd64", arm64: "arm64" }[process.arch];
// The one production dependency with a native addon (the lockfile's hasInstallScript): its addon is copied as the
// workspace's `npm ci` built it; the build fails if another such dependency appears.
const NATIVE_ADDONS = { "better-sqlite3": ["build/Release/better_sqlite3.node"] };
// Kubernetes v1.33's pod sandbox image (kubeadm's PauseVersion), so a node configured as usual finds it here.
const PAUSE_IMAGE = "registry.k8s.io/pause:3.10";
// The image charts/mec-app-instance's hook jobs run (its values' image.repository and image.tag, as containerd
// names a Docker Hub image): only a stand-in of it is built here, from Debian packages.
const CURL_IMAGE = "docker.io/curlimages/curl:8.11.1";
const BUSYBOX = "/bin/busybox"; // Debian's busybox-static
const CURL = "/usr/bin/curl";
// The official PostgreSQL image's name (Docker Hub's library/postgres, as containerd names it): only a stand-in of
// it is built here, from this machine's Debian 12 packages postgresql-15 and postgresql-client-15, laid out where
// the official image (Debian too, PGDG's packages) has them.
const POSTGRES_IMAGE = "docker.io/library/postgres:15";
const PG_MAJOR = "15";
const PG_BIN = `/usr/lib/postgresql/${PG_MAJOR}/bin`;
const PG_LIB = `/usr/lib/postgresql/${PG_MAJOR}/lib`;
const PG_SHARE = `/usr/share/postgresql/${PG_MAJOR}`;
// Left out: JIT (llvmjit.so needs the 100 MB libLLVM; without it PostgreSQL runs without JIT, silently) and its
// bitcode, sepgsql (SELinux only), the manual pages.
const PG_LEFT_OUT = [`${PG_LIB}/llvmjit.so`, `${PG_LIB}/llvmjit_types.bc`, `${PG_LIB}/bitcode`, `${PG_LIB}/sepgsql.so`, `${PG_LIB}/pgxs`, `${PG_SHARE}/man`, `${PG_SHARE}/contrib`];
// Debian's PostgreSQL uses the system's zone data (--with-system-tzdata): only UTC is carried, the zone initdb
// picks from /etc/localtime as in the official image (Etc/UTC); glibc's C.UTF-8 is a directory, no locale archive.
const ZONEINFO = ["/usr/share/zoneinfo/Etc/UTC", "/usr/share/zoneinfo/UTC"];
const C_UTF8 = "/usr/lib/locale/C.utf8";
const LOCALE = "/usr/bin/locale"; // initdb runs `locale -a` to make pg_collation's libc collations

// The OpenStack integration's binaries, as scripts/toolchain.sh builds them (its versions, read from it: one place).
const TOOLS_BIN = path.join(process.env.MECAAS_TOOLS || path.join(os.homedir(), ".cache/mecaas/tools"), "bin");
const toolchainVersion = (variable) => {
  const found = new RegExp(`^${variable}=(\\S+)$`, "m").exec(fs.readFileSync(path.join(REPO, "scripts/toolchain.sh"), "utf8"));
  if (!found) throw new Error(`scripts/toolchain.sh sets no ${variable}`);
  return found[1];
};
const GO_STAND_INS = {
  "openstack-cloud-controller-manager": () => `registry.k8s.io/provider-os/openstack-cloud-controller-manager:${toolchainVersion("CPO_VERSION")}`,
  "cinder-csi-plugin": () => `registry.k8s.io/provider-os/cinder-csi-plugin:${toolchainVersion("CPO_VERSION")}`,
  "csi-provisioner": () => `registry.k8s.io/sig-storage/csi-provisioner:${toolchainVersion("CSI_PROVISIONER_VERSION")}`,
};

const MANO_VERSION = JSON.parse(fs.readFileSync(path.join(REPO, "mano", "package.json"), "utf8")).version;
const IMAGES = {
  mep: { name: `docker.io/mecaas/mep:${VERSION}`, build: (work) => fromDockerfile(work, "mep") },
  mano: { name: `docker.io/mecaas/mano:${MANO_VERSION}`, build: manoStandIn },
  "mec-app-sample": { name: `docker.io/mecaas/mec-app-sample:${VERSION}`, build: (work) => fromDockerfile(work, "sample-app") },
  pause: { name: PAUSE_IMAGE, build: pause },
  curl: { name: CURL_IMAGE, build: curlStandIn },
  postgres: { name: POSTGRES_IMAGE, build: postgresStandIn },
  ...Object.fromEntries(Object.entries(GO_STAND_INS).map(([binary, name]) => [binary, { get name() { return name(); }, build: (work) => goStandIn(work, binary) }])),
};

/** Runs a command, returning its output; on failure its output is in the error (tsc reports on stdout). */
function run(command, args, options = {}) {
  try {
    return execFileSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], ...options });
  } catch (err) {
    throw new Error(`${command} ${args.join(" ")} failed (${err.status ?? err.message})\n${err.stdout ?? ""}`);
  }
}
const present = (file) => {
  try {
    return Boolean(fs.lstatSync(file));
  } catch {
    return false;
  }
};
const copyTree = (from, to) => {
  fs.mkdirSync(to, { recursive: true });
  run("cp", ["-a", `${from}/.`, to]);
};

// ---------------------------------------------------------------------------------------------------------------
// mep/Dockerfile, read as BuildKit reads the parts used here (test/images checks the result against BuildKit's
// own parser): continuation lines joined, comment lines dropped, ARGs before the first FROM substituted in FROM.

function parseDockerfile(file) {
  const args = {};
  const stages = [];
  let pending = "";
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    if (/^\s*#/.test(line)) continue;
    pending += " " + line.replace(/\\\s*$/, "");
    if (/\\\s*$/.test(line)) continue;
    const [keyword, ...words] = pending.trim().split(/\s+/);
    pending = "";
    if (!keyword) continue;
    const instruction = { keyword: keyword.toUpperCase(), args: words.join(" ") };
    instruction.text = `${instruction.keyword} ${instruction.args}`;
    if (instruction.keyword === "FROM") {
      const [, image, name] = /^(\S+)(?: AS (\S+))?$/i.exec(instruction.args) ?? [];
      if (!image) throw new Error(`mep/Dockerfile: cannot read "${instruction.text}"`);
      const base = image.replace(/\$\{(\w+)\}/g, (_, arg) => args[arg] ?? "");
      stages.push({ name, base, instructions: [] });
    } else if (stages.length) {
      stages[stages.length - 1].instructions.push(instruction);
    } else if (instruction.keyword === "ARG") {
      const [arg, value] = instruction.args.split("=");
      args[arg] = value;
    }
  }
  return stages;
}

/** Applies an instruction that sets the image config, as Docker does; false for any other instruction. */
function applyConfig(config, stage, { keyword, args }) {
  const jsonArray = () => {
    const value = JSON.parse(args);
    if (!Array.isArray(value)) throw new Error(`mep/Dockerfile: ${keyword} must be a JSON array here`);
    return value;
  };
  if (["ENV", "WORKDIR", "USER", "EXPOSE"].includes(keyword) && /[$"'\\]/.test(args)) {
    throw new Error(`mep/Dockerfile: ${keyword} ${args}: variables and quoting are not supported by images/build.js`);
  }
  switch (keyword) {
    case "ENV":
      for (const pair of args.split(" ")) {
        const eq = pair.indexOf("=");
        if (eq < 1) throw new Error(`mep/Dockerfile: ENV ${args}: only the KEY=value form is supported`);
        config.env.set(pair.slice(0, eq), pair.slice(eq + 1));
      }
      return true;
    case "WORKDIR":
      config.WorkingDir = path.posix.resolve(config.WorkingDir, args);
      return true;
    case "USER":
      config.User = args;
      return true;
    case "EXPOSE":
      for (const port of args.split(" ")) config.ExposedPorts[port.includes("/") ? port : `${port}/tcp`] = {};
      return true;
    case "VOLUME":
      for (const volume of jsonArray()) config.Volumes[volume] = {};
      return true;
    case "ENTRYPOINT":
      config.Entrypoint = jsonArray();
      if (!stage.cmdSet) delete config.Cmd; // a new ENTRYPOINT drops a CMD inherited from an earlier stage
      return true;
    case "CMD":
      config.Cmd = jsonArray();
      stage.cmdSet = true;
      return true;
    case "LABEL":
    case "STOPSIGNAL":
    case "HEALTHCHECK":
    case "SHELL":
    case "ONBUILD":
      throw new Error(`mep/Dockerfile: ${keyword} is not supported by images/build.js yet`);
    default:
      return false;
  }
}

/**
 * Each RUN and COPY of the runtime stages, done here without Docker, keyed by the instruction's text (whitespace
 * collapsed). A new or changed instruction fails the build until it has its equivalent here. `at` resolves a
 * destination against the current WORKDIR inside the rootfs.
 */
const STEPS = {
  "RUN groupadd --system --gid 10001 mec && useradd --system --uid 10001 --gid mec --home-dir /nonexistent --shell /usr/sbin/nologin mec": ({ rootfs }) => {
    fs.appendFileSync(path.join(rootfs, "etc/group"), "mec:x:10001:\n");
    fs.appendFileSync(path.join(rootfs, "etc/passwd"), "mec:x:10001:10001::/nonexistent:/usr/sbin/nologin\n");
  },
  "COPY --from=build --chown=root:root /src/mep/sample-app/dist/ ./": ({ at, inputs }) => copyTree(inputs.sampleAppDist(), at("./")),
  "COPY --from=deps --chown=root:root /src/node_modules/ ./node_modules/": ({ at, inputs }) => copyTree(inputs.productionNodeModules(), at("./node_modules/")),
  "COPY --from=build --chown=root:root /src/mep/package.json ./mep/package.json": ({ at }) => {
    fs.mkdirSync(path.dirname(at("./mep/package.json")), { recursive: true });
    fs.copyFileSync(path.join(REPO, "mep/package.json"), at("./mep/package.json"));
  },
  "COPY --from=build --chown=root:root /src/mep/dist/src/ ./mep/dist/src/": ({ at, inputs }) => copyTree(path.join(inputs.mepDist(), "src"), at("./mep/dist/src/")),
  "RUN mkdir -p /data && chown 10001:10001 /data": ({ rootfs, owners }) => {
    fs.mkdirSync(path.join(rootfs, "data"));
    owners.set("data", "10001:10001");
  },
};

/** What the Dockerfile's build stages produce, made on this machine, once per image. */
function buildInputs(work) {
  const once = (make) => {
    let made;
    return () => (made ??= make());
  };
  return {
    // Stage "build": `npm run build --workspace mep` (into the work dir, not the tree); the image takes dist/src.
    mepDist: once(() => {
      const out = path.join(work, "mep-dist");
      run("npm", ["run", "--silent", "build", "--workspace", "mep", "--", "--outDir", out], { cwd: REPO });
      if (!fs.existsSync(path.join(out, "src/main.js"))) throw new Error("npm run build -w mep made no src/main.js");
      return out;
    }),
    // Stage "build": `npx tsc -p mep/sample-app/tsconfig.json`.
    sampleAppDist: once(() => {
      const out = path.join(work, "sample-app-dist");
      run(path.join(REPO, "node_modules/.bin/tsc"), ["-p", "mep/sample-app/tsconfig.json", "--outDir", out], { cwd: REPO });
      return out;
    }),
    // Stage "deps": the same npm ci, from npm's cache when it has the packages; install scripts are not run, the
    // native addon is copied from the workspace's node_modules (the same lockfile, so the same version).
    productionNodeModules: once(() => productionClosure(work, "mep")),
  };
}

/** A workspace's `npm ci --omit=dev` (stage "deps"), its native addons copied as the workspace's npm ci built them. */
function productionClosure(work, workspace) {
      const dir = path.join(work, "deps");
      fs.mkdirSync(path.join(dir, workspace), { recursive: true });
      for (const file of ["package.json", "package-lock.json", `${workspace}/package.json`]) fs.copyFileSync(path.join(REPO, file), path.join(dir, file));
      run("npm", ["ci", "--omit=dev", "--workspace", workspace, "--include-workspace-root=false", "--no-audit", "--no-fund", "--ignore-scripts", "--prefer-offline", "--loglevel=error"], { cwd: dir });
      const lock = JSON.parse(fs.readFileSync(path.join(dir, "package-lock.json"), "utf8"));
      for (const [key, entry] of Object.entries(lock.packages)) {
        if (!entry.hasInstallScript || !fs.existsSync(path.join(dir, key))) continue;
        const name = key.replace(/^.*node_modules\//, "");
        if (!NATIVE_ADDONS[name]) throw new Error(`${key} has an install script; images/build.js knows how to carry only ${Object.keys(NATIVE_ADDONS)}`);
        const built = path.join(REPO, key);
        const builtVersion = JSON.parse(fs.readFileSync(path.join(built, "package.json"), "utf8")).version;
        if (builtVersion !== entry.version) throw new Error(`${key}: the workspace has ${builtVersion}, the lockfile ${entry.version} (run npm ci)`);
        for (const file of NATIVE_ADDONS[name]) {
          fs.mkdirSync(path.dirname(path.join(dir, key, file)), { recursive: true });
          fs.copyFileSync(path.join(built, file), path.join(dir, key, file));
        }
      }
      return path.join(dir, "node_modules");
}

/** The `node:<version>-bookworm-slim` base: this Node binary, its libraries (added last), users, CA certificates. */
function nodeBase(rootfs, baseImage) {
  const [, wanted] = /^node:(\d+\.\d+\.\d+)-bookworm-slim$/.exec(baseImage) ?? [];
  if (!wanted) throw new Error(`mep/Dockerfile's base is ${baseImage}; images/build.js knows node:<version>-bookworm-slim`);
  if (process.version !== `v${wanted}`) {
    throw new Error(`mep/Dockerfile's base has Node ${wanted}, ${process.execPath} is ${process.version}: run this with that Node (NODE=... for build.sh)`);
  }
  fs.mkdirSync(path.join(rootfs, "usr/local/bin"), { recursive: true });
  fs.copyFileSync(process.execPath, path.join(rootfs, "usr/local/bin/node")); // where the official image has it
  glibcBase(rootfs, "root:x:0:0:root:/root:/usr/sbin/nologin\n", "root:x:0:\n");
  // The base image's environment, less YARN_VERSION (no yarn here).
  return new Map([
    ["PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
    ["NODE_VERSION", wanted],
  ]);
}

/**
 * What every image of a glibc program from this machine needs (the Node images and the curl stand-in): the users,
 * glibc's lookups as Debian's (its default without nsswitch.conf tries DNS before /etc/hosts), Debian's CA bundle,
 * and /tmp (1777 by normalizeModes).
 */
function glibcBase(rootfs, passwd, group) {
  fs.mkdirSync(path.join(rootfs, "etc/ssl/certs"), { recursive: true });
  fs.writeFileSync(path.join(rootfs, "etc/passwd"), passwd);
  fs.writeFileSync(path.join(rootfs, "etc/group"), group);
  fs.writeFileSync(path.join(rootfs, "etc/nsswitch.conf"), "passwd: files\ngroup: files\nhosts: files dns\n");
  fs.copyFileSync("/etc/ssl/certs/ca-certificates.crt", path.join(rootfs, "etc/ssl/certs/ca-certificates.crt"));
  fs.mkdirSync(path.join(rootfs, "tmp"));
}

/** Copies a host path into the rootfs at the same place, with each symlink on the way (e.g. /lib -> usr/lib). */
function copyHostPath(rootfs, hostPath) {
  let resolved = "/";
  for (const part of hostPath.split("/").filter(Boolean)) {
    const host = path.join(resolved, part);
    const inside = path.join(rootfs, host);
    const stat = fs.lstatSync(host);
    if (stat.isSymbolicLink()) {
      const target = fs.readlinkSync(host);
      if (!present(inside)) fs.symlinkSync(target, inside);
      copyHostPath(rootfs, path.resolve(path.dirname(host), target));
      resolved = fs.realpathSync(host);
    } else if (stat.isDirectory()) {
      fs.mkdirSync(inside, { recursive: true });
      resolved = host;
    } else {
      if (!present(inside)) fs.copyFileSync(host, inside);
      resolved = host;
    }
  }
}

/** The shared libraries `ldd` lists for the given objects (default: the Node binary) and every native addon in the rootfs, and the loader. */
function sharedLibraries(rootfs, objects = [path.join(rootfs, "usr/local/bin/node")]) {
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.isFile() && entry.name.endsWith(".node")) objects.push(file);
    }
  };
  walk(rootfs);
  const libraries = new Set();
  for (const object of objects) {
    for (const line of run("ldd", [object]).split("\n")) {
      if (/not found/.test(line)) throw new Error(`ldd ${object}: ${line.trim()}`);
      const [, library] = /(?:=>\s*)?(\/\S+)\s+\(0x/.exec(line) ?? [];
      if (library) libraries.add(library);
    }
  }
  return [...libraries].sort();
}

/** Read-only-root-friendly modes: directories 0755, files 0644 or 0755 when executable, /tmp 1777. */
function normalizeModes(rootfs) {
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isSymbolicLink()) continue;
      if (entry.isDirectory()) {
        fs.chmodSync(file, 0o755);
        walk(file);
      } else {
        fs.chmodSync(file, fs.statSync(file).mode & 0o111 ? 0o755 : 0o644);
      }
    }
  };
  walk(rootfs);
  if (fs.existsSync(path.join(rootfs, "tmp"))) fs.chmodSync(path.join(rootfs, "tmp"), 0o1777);
}

function fromDockerfile(work, target) {
  const stages = parseDockerfile(DOCKERFILE);
  const chain = [];
  for (let stage = stages.find((s) => s.name === target); stage; stage = stages.find((s) => s.name === stage.base)) chain.unshift(stage);
  if (!chain.length) throw new Error(`mep/Dockerfile has no stage ${target}`);
  const rootfs = path.join(work, "rootfs");
  fs.mkdirSync(rootfs);
  const config = { env: nodeBase(rootfs, chain[0].base), WorkingDir: "/", ExposedPorts: {}, Volumes: {} };
  const owners = new Map();
  const inputs = buildInputs(work);
  for (const stage of chain) {
    for (const instruction of stage.instructions) {
      if (applyConfig(config, stage, instruction)) {
        if (instruction.keyword === "WORKDIR") fs.mkdirSync(path.join(rootfs, config.WorkingDir), { recursive: true });
        continue;
      }
      const step = STEPS[instruction.text];
      if (!step) throw new Error(`mep/Dockerfile, stage ${stage.name}: images/build.js has no equivalent of "${instruction.text}"`);
      step({ rootfs, owners, inputs, at: (dest) => path.join(rootfs, path.posix.resolve(config.WorkingDir, dest)) });
    }
  }
  if (!config.Entrypoint) throw new Error(`mep/Dockerfile, stage ${target}: no ENTRYPOINT (the base image's is not in this rootfs)`);
  for (const library of sharedLibraries(rootfs)) copyHostPath(rootfs, library);
  normalizeModes(rootfs);
  const { env, ...rest } = config;
  return { rootfs, owners, config: { ...rest, Env: [...env].map(([k, v]) => `${k}=${v}`) } };
}

/**
 * A STAND-IN for the Edge MANO's image (charts/mecaas runs docker.io/mecaas/mano): the MEP image's base (mep/Dockerfile's
 * runtime-base: this Node, its libraries, the mec user 10001), the mano workspace compiled (`npm run build -w mano`,
 * whose root is the repository: mano/src with the mep/src and lib/ it imports) in /app/dist, its production closure
 * in /app/node_modules, helm and kubectl (static, as scripts/toolchain.sh built them) in /usr/local/bin, the sample
 * app's chart in /opt/mecaas/charts, /data for SQLite; `node /app/dist/mano/src/main.js serve` as 10001.
 */
function manoStandIn(work) {
  const runtime = parseDockerfile(DOCKERFILE).find((s) => s.name === "runtime-base");
  const rootfs = path.join(work, "rootfs");
  fs.mkdirSync(rootfs);
  const env = nodeBase(rootfs, runtime.base);
  STEPS[runtime.instructions.find((i) => i.keyword === "RUN").text]({ rootfs });
  const dist = path.join(work, "mano-dist");
  run("npm", ["run", "--silent", "build", "--workspace", "mano", "--", "--outDir", dist], { cwd: REPO });
  if (!fs.existsSync(path.join(dist, "mano/src/main.js"))) throw new Error("npm run build -w mano made no mano/src/main.js");
  // The service only: the build also compiles the specs (mano/test, and the mep test helpers they import).
  for (const part of ["mano/src", "mep/src", "lib"]) copyTree(path.join(dist, part), path.join(rootfs, "app/dist", part));
  // lib/app-descriptor.ts reads the AppD schema beside it at run time.
  copyTree(path.join(REPO, "lib/assets"), path.join(rootfs, "app/dist/lib/assets"));
  copyTree(productionClosure(work, "mano"), path.join(rootfs, "app/node_modules"));
  for (const tool of ["helm", "kubectl"]) {
    const built = path.join(TOOLS_BIN, tool);
    if (!present(built)) throw new Error(`${built} is missing: run scripts/toolchain.sh`);
    fs.copyFileSync(built, path.join(rootfs, "usr/local/bin", tool));
  }
  copyTree(path.join(REPO, "charts/mec-app-sample"), path.join(rootfs, "opt/mecaas/charts/mec-app-sample"));
  fs.mkdirSync(path.join(rootfs, "data"));
  for (const library of sharedLibraries(rootfs)) copyHostPath(rootfs, library);
  normalizeModes(rootfs);
  env.set("NODE_ENV", "production");
  // helm and kubectl keep caches and configuration under HOME; /tmp is the writable place on a read-only root.
  env.set("HOME", "/tmp");
  env.set("MANO_LISTEN_HOST", "0.0.0.0").set("MANO_LISTEN_PORT", "8090").set("MANO_SQLITE_PATH", "/data/mano.db");
  return {
    rootfs, owners: new Map([["data", "10001:10001"]]),
    config: {
      Env: [...env].map(([k, v]) => `${k}=${v}`), User: "10001:10001", WorkingDir: "/app", ExposedPorts: { "8090/tcp": {} }, Volumes: { "/data": {} },
      Entrypoint: ["node", "/app/dist/mano/src/main.js"], Cmd: ["serve"],
    },
  };
}

/** As registry.k8s.io/pause's Dockerfile: FROM scratch, the static binary at /pause, USER 65535:65535. */
function pause(work) {
  const rootfs = path.join(work, "rootfs");
  fs.mkdirSync(rootfs);
  run("gcc", ["-static", "-Os", "-s", "-Wall", "-Wextra", "-Werror", "-o", path.join(rootfs, "pause"), path.join(__dirname, "pause/pause.c")]);
  normalizeModes(rootfs);
  return { rootfs, owners: new Map(), config: { Entrypoint: ["/pause"], User: "65535:65535", WorkingDir: "/" } };
}

/** Busybox as on Alpine: /bin/busybox (Debian's busybox-static), each applet a symlink to it at the path busybox names (/bin/sh, ...). */
function busybox(rootfs) {
  fs.mkdirSync(path.join(rootfs, "bin"), { recursive: true });
  fs.copyFileSync(BUSYBOX, path.join(rootfs, "bin/busybox"));
  for (const applet of run(BUSYBOX, ["--list-full"]).split("\n").filter(Boolean).sort()) {
    const at = path.join(rootfs, applet);
    if (present(at)) continue;
    fs.mkdirSync(path.dirname(at), { recursive: true });
    fs.symlinkSync("/bin/busybox", at);
  }
}

/**
 * A STAND-IN for an upstream image of one static Go program (the OpenStack integration's): /bin/<binary>, built by
 * scripts/toolchain.sh from the upstream module at the image's release, as the upstream Dockerfiles place it; nobody
 * (65534) as the user; a CA bundle and /tmp. Upstream's images are distroless (cinder-csi-plugin's adds the mount and
 * disk tools its node service runs: not here, so this one serves the controller only). images/README.md.
 */
function goStandIn(work, binary) {
  const rootfs = path.join(work, "rootfs");
  fs.mkdirSync(path.join(rootfs, "bin"), { recursive: true });
  const built = path.join(TOOLS_BIN, binary);
  if (!present(built)) throw new Error(`${built} is missing: run scripts/toolchain.sh (ONLY=${binary})`);
  // The image carries no shared library: the binary must need none (toolchain.sh builds with CGO_ENABLED=0).
  let linked = "";
  try {
    linked = execFileSync("ldd", [built], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch {
    // ldd exits 1 for "not a dynamic executable"
  }
  if (linked.includes("=>")) throw new Error(`${built} is dynamically linked:\n${linked}`);
  fs.copyFileSync(built, path.join(rootfs, "bin", binary));
  glibcBase(rootfs, "root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n", "root:x:0:\nnogroup:x:65534:\n");
  normalizeModes(rootfs);
  return { rootfs, owners: new Map(), config: { Entrypoint: [`/bin/${binary}`], User: "65534:65534", WorkingDir: "/", Env: ["PATH=/bin"] } };
}

/**
 * A STAND-IN for curlimages/curl:8.11.1 (curl/curl-container: Alpine, curl built from source, busybox), made from
 * this machine's Debian packages: what charts/mec-app-instance's jobs use of it (/bin/sh and busybox's applets,
 * curl, CA certificates, curl_user as uid 100) and its config (entrypoint, cmd, user, workdir, CURL_CA_BUNDLE).
 * Its curl is Debian's (7.88.1 on Debian 12), not 8.11.1: images/README.md lists what differs.
 */
function curlStandIn(work) {
  const rootfs = path.join(work, "rootfs");
  fs.mkdirSync(rootfs);
  // As curl-container's `addgroup -S curl_group; adduser -S curl_user -G curl_group` on Alpine: uid 100, gid 101
  // (Alpine's gid 100 is users).
  glibcBase(rootfs,
    "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/sbin/nologin\ncurl_user:x:100:101:Linux User,,,:/home/curl_user:/sbin/nologin\n",
    "root:x:0:root\nusers:x:100:\ncurl_group:x:101:curl_user\nnobody:x:65534:\n");
  fs.mkdirSync(path.join(rootfs, "home/curl_user"), { recursive: true });
  busybox(rootfs);
  fs.mkdirSync(path.join(rootfs, "usr/bin"), { recursive: true });
  fs.copyFileSync(CURL, path.join(rootfs, "usr/bin/curl"));
  // The real image's CA bundle is curl.se's /cacert.pem (CURL_CA_BUNDLE); here the same path is Debian's bundle.
  fs.symlinkSync("etc/ssl/certs/ca-certificates.crt", path.join(rootfs, "cacert.pem"));
  // The real entrypoint's behaviour, written here: arguments that start with "-" or name no command go to curl.
  fs.writeFileSync(path.join(rootfs, "entrypoint.sh"), [
    "#!/bin/sh",
    "# images/build.js (the curlimages/curl stand-in): `curl` is prepended to an option or to a word that is no command.",
    "set -e",
    'case "${1:-}" in',
    '  -*) set -- curl "$@" ;;',
    '  *) command -v "${1:-}" >/dev/null 2>&1 || set -- curl "$@" ;;',
    "esac",
    'exec "$@"',
    "",
  ].join("\n"), { mode: 0o755 });
  for (const library of sharedLibraries(rootfs, [path.join(rootfs, "usr/bin/curl")])) copyHostPath(rootfs, library);
  normalizeModes(rootfs);
  const config = {
    Entrypoint: ["/entrypoint.sh"],
    Cmd: ["curl"],
    User: "curl_user",
    WorkingDir: "/home/curl_user",
    Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "CURL_CA_BUNDLE=/cacert.pem"],
    Labels: { "org.opencontainers.image.description": `a stand-in for ${CURL_IMAGE} built by mecaas images/build.js from Debian's busybox-static and curl` },
  };
  return { rootfs, owners: new Map(), config };
}

/**
 * A STAND-IN for the official postgres:15 (docker-library/postgres: Debian, PGDG's packages, gosu), made from this
 * machine's Debian 12 postgresql-15 and postgresql-client-15 at the official image's paths: every program of
 * /usr/lib/postgresql/15/bin, the server's modules (contrib included; no JIT, no sepgsql), /usr/share/postgresql/15
 * (listen_addresses = '*' in postgresql.conf.sample, as the official image sets it), the libraries ldd lists for all
 * of them, busybox for the entrypoint (images/postgres/docker-entrypoint.sh), UTC zone data, glibc's C.UTF-8, the
 * user postgres as uid/gid 999 owning PGDATA and /var/run/postgresql. images/README.md lists what differs.
 */
function postgresStandIn(work) {
  const rootfs = path.join(work, "rootfs");
  fs.mkdirSync(rootfs);
  // As the official image's `groupadd -r postgres --gid=999; useradd -r -g postgres --uid=999
  // --home-dir=/var/lib/postgresql` (its shell is bash; busybox's sh here).
  glibcBase(rootfs, "root:x:0:0:root:/root:/bin/sh\npostgres:x:999:999::/var/lib/postgresql:/bin/sh\n", "root:x:0:\npostgres:x:999:\n");
  busybox(rootfs);
  const packaged = run("dpkg", ["-L", `postgresql-${PG_MAJOR}`, `postgresql-client-${PG_MAJOR}`]).split("\n");
  const leftOut = (file) => PG_LEFT_OUT.some((p) => file === p || file.startsWith(`${p}/`));
  const files = packaged.filter((f) => [PG_BIN, PG_LIB, PG_SHARE].some((d) => f.startsWith(`${d}/`)) && !leftOut(f) && !fs.statSync(f).isDirectory());
  for (const file of [...new Set(files)].sort()) copyHostPath(rootfs, file);
  const sample = path.join(rootfs, PG_SHARE, "postgresql.conf.sample");
  const conf = fs.readFileSync(sample, "utf8");
  if (!/^#listen_addresses = 'localhost'/m.test(conf)) throw new Error(`${PG_SHARE}/postgresql.conf.sample: no #listen_addresses = 'localhost' line to change`);
  fs.writeFileSync(sample, conf.replace(/^#listen_addresses = 'localhost'/m, "listen_addresses = '*'"));
  for (const file of [...ZONEINFO, C_UTF8, LOCALE]) {
    if (fs.statSync(file).isDirectory()) for (const f of listFiles(file)) copyHostPath(rootfs, f);
    else copyHostPath(rootfs, file);
  }
  fs.symlinkSync("/usr/share/zoneinfo/Etc/UTC", path.join(rootfs, "etc/localtime"));
  fs.mkdirSync(path.join(rootfs, "usr/local/bin"), { recursive: true });
  fs.copyFileSync(path.join(__dirname, "postgres/docker-entrypoint.sh"), path.join(rootfs, "usr/local/bin/docker-entrypoint.sh"));
  fs.chmodSync(path.join(rootfs, "usr/local/bin/docker-entrypoint.sh"), 0o755); // whatever the checkout's mode
  fs.mkdirSync(path.join(rootfs, "docker-entrypoint-initdb.d"));
  for (const dir of ["var/lib/postgresql/data", "var/run/postgresql"]) fs.mkdirSync(path.join(rootfs, dir), { recursive: true });
  const objects = [...files.filter((f) => f.startsWith(`${PG_BIN}/`) || f.endsWith(".so")).filter((f) => !fs.lstatSync(f).isSymbolicLink()), LOCALE];
  for (const library of sharedLibraries(rootfs, objects)) copyHostPath(rootfs, library);
  normalizeModes(rootfs);
  fs.chmodSync(path.join(rootfs, "var/lib/postgresql/data"), 0o700);
  const owners = new Map([["var/lib/postgresql", "999:999"], ["var/lib/postgresql/data", "999:999"], ["var/run/postgresql", "999:999"]]);
  const config = {
    Entrypoint: ["docker-entrypoint.sh"],
    Cmd: ["postgres"],
    // The official image's environment, but LANG (its en_US.utf8 is generated there; C.UTF-8 is glibc's own) and
    // PG_VERSION (Debian's, not PGDG's); no GOSU_VERSION.
    Env: [
      `PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:${PG_BIN}`,
      "LANG=C.UTF-8",
      `PG_MAJOR=${PG_MAJOR}`,
      `PG_VERSION=${run("dpkg-query", ["--showformat=${Version}", "--show", `postgresql-${PG_MAJOR}`]).trim()}`,
      "PGDATA=/var/lib/postgresql/data",
    ],
    WorkingDir: "/",
    ExposedPorts: { "5432/tcp": {} },
    Volumes: { "/var/lib/postgresql/data": {} },
    StopSignal: "SIGINT",
    Labels: { "org.opencontainers.image.description": `a stand-in for ${POSTGRES_IMAGE} built by mecaas images/build.js from Debian's postgresql-${PG_MAJOR} and busybox-static` },
  };
  return { rootfs, owners, config };
}

// ---------------------------------------------------------------------------------------------------------------
// The OCI image layout (image-spec v1.0), written by hand: one uncompressed layer, then the whole tarred.

// GNU tar, reproducible: names sorted, one mtime, numeric owners, no atime/ctime or PID in pax headers.
const TAR = ["--sort=name", "--format=posix", "--pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime", `--mtime=@${EPOCH}`, "--numeric-owner"];

/**
 * The rootfs as one layer: root-owned, but for the paths in owners ("uid:gid", each with what it holds). A directory
 * above such a path is appended alone, then its entries one by one, so the names stay in tar's sorted order.
 */
function writeLayer(rootfs, owners, file, dir = "") {
  for (const name of fs.readdirSync(path.join(rootfs, dir)).sort()) {
    const entry = dir ? `${dir}/${name}` : name;
    const [uid, gid] = (owners.get(entry) ?? owners.get(dir) ?? "0:0").split(":");
    const below = [...owners.keys()].some((p) => p.startsWith(`${entry}/`));
    run("tar", ["--append", "--file", file, ...TAR, `--owner=${uid}`, `--group=${gid}`, ...(below ? ["--no-recursion"] : []), "--directory", rootfs, entry]);
    if (below) writeLayer(rootfs, new Map([...owners, [entry, `${uid}:${gid}`]]), file, entry);
  }
}

function writeBlob(layout, content) {
  const digest = `sha256:${crypto.createHash("sha256").update(content).digest("hex")}`;
  fs.writeFileSync(path.join(layout, "blobs/sha256", digest.slice(7)), content);
  return { digest, size: content.length };
}

function writeArchive({ name, rootfs, owners, config }, work, archive) {
  const layout = path.join(work, "layout");
  fs.mkdirSync(path.join(layout, "blobs/sha256"), { recursive: true });
  const layerFile = path.join(work, "layer.tar");
  writeLayer(rootfs, owners, layerFile);
  const layerDigest = `sha256:${run("sha256sum", [layerFile]).split(" ")[0]}`;
  fs.renameSync(layerFile, path.join(layout, "blobs/sha256", layerDigest.slice(7)));
  const layer = { mediaType: "application/vnd.oci.image.layer.v1.tar", digest: layerDigest, size: fs.statSync(path.join(layout, "blobs/sha256", layerDigest.slice(7))).size };
  const created = new Date(EPOCH * 1000).toISOString().replace(/\.000Z$/, "Z");
  const imageConfig = {
    created,
    architecture: ARCH,
    os: "linux",
    config,
    rootfs: { type: "layers", diff_ids: [layerDigest] },
    history: [{ created, created_by: `images/build.js (${name})` }],
  };
  const manifest = {
    schemaVersion: 2,
    mediaType: "application/vnd.oci.image.manifest.v1+json",
    config: { mediaType: "application/vnd.oci.image.config.v1+json", ...writeBlob(layout, Buffer.from(JSON.stringify(imageConfig))) },
    layers: [layer],
  };
  const index = {
    schemaVersion: 2,
    mediaType: "application/vnd.oci.image.index.v1+json",
    manifests: [{
      mediaType: manifest.mediaType,
      ...writeBlob(layout, Buffer.from(JSON.stringify(manifest))),
      platform: { architecture: ARCH, os: "linux" },
      // containerd names the image from the first (ctr images import); tools of the OCI layout select by the tag.
      annotations: { "io.containerd.image.name": name, "org.opencontainers.image.ref.name": name.slice(name.lastIndexOf(":") + 1) },
    }],
  };
  fs.writeFileSync(path.join(layout, "index.json"), JSON.stringify(index));
  fs.writeFileSync(path.join(layout, "oci-layout"), JSON.stringify({ imageLayoutVersion: "1.0.0" }));
  run("tar", ["--create", "--file", `${archive}.partial`, ...TAR, "--owner=0", "--group=0", "--directory", layout, "blobs", "index.json", "oci-layout"]);
  fs.renameSync(`${archive}.partial`, archive);
}

// ---------------------------------------------------------------------------------------------------------------
// Inputs, for skipping a build whose inputs have not changed.

function inputsDigest(image) {
  const files = [__filename, path.join(__dirname, "build.sh")];
  if (image === "pause") {
    files.push(path.join(__dirname, "pause/pause.c"), run("gcc", ["-print-file-name=libc.a"]).trim());
  } else if (GO_STAND_INS[image]) {
    files.push(path.join(TOOLS_BIN, image), "/etc/ssl/certs/ca-certificates.crt");
  } else if (image === "mano") {
    files.push(DOCKERFILE, process.execPath, "/etc/ssl/certs/ca-certificates.crt", ...sharedLibrariesOf(process.execPath), path.join(TOOLS_BIN, "helm"), path.join(TOOLS_BIN, "kubectl"));
    files.push(...["package.json", "package-lock.json", "mano/package.json", "mano/tsconfig.json", "mep/tsconfig.json", "node_modules/typescript/package.json"].map((f) => path.join(REPO, f)));
    for (const dir of ["mano/src", "mep/src", "lib", "charts/mec-app-sample"]) files.push(...listFiles(path.join(REPO, dir)));
    for (const [name, addons] of Object.entries(NATIVE_ADDONS)) files.push(...addons.map((a) => path.join(REPO, "node_modules", name, a)));
  } else if (image === "curl") {
    files.push(BUSYBOX, CURL, "/etc/ssl/certs/ca-certificates.crt", ...sharedLibrariesOf(CURL));
  } else if (image === "postgres") {
    // The packages' versions stand for their files (the dpkg database), then the rest by content.
    files.push(BUSYBOX, "/etc/ssl/certs/ca-certificates.crt", path.join(__dirname, "postgres/docker-entrypoint.sh"), `${PG_SHARE}/postgresql.conf.sample`, ...ZONEINFO, ...listFiles(C_UTF8), LOCALE);
    files.push(...sharedLibrariesOf(`${PG_BIN}/postgres`), ...sharedLibrariesOf(`${PG_BIN}/psql`));
  } else {
    files.push(DOCKERFILE, process.execPath, "/etc/ssl/certs/ca-certificates.crt", ...sharedLibrariesOf(process.execPath));
    files.push(...["package.json", "package-lock.json", "mep/package.json", "node_modules/typescript/package.json"].map((f) => path.join(REPO, f)));
    const dirs = image === "mep" ? ["mep/src", "mep/tsconfig.json"] : ["mep/sample-app/src", "mep/sample-app/tsconfig.json"];
    for (const dir of dirs) files.push(...listFiles(path.join(REPO, dir)));
    if (image === "mep") for (const [name, addons] of Object.entries(NATIVE_ADDONS)) files.push(...addons.map((a) => path.join(REPO, "node_modules", name, a)));
  }
  const pgPackages = () => run("dpkg-query", ["--showformat=${Package} ${Version}\\n", "--show", `postgresql-${PG_MAJOR}`, `postgresql-client-${PG_MAJOR}`, "libpq5"]);
  const tool = { pause: () => run("gcc", ["--version"]), curl: () => "", postgres: pgPackages }[image] ?? (GO_STAND_INS[image] ? () => IMAGES[image].name : () => run("npm", ["--version"]));
  const hash = crypto.createHash("sha256").update(`${EPOCH} ${tool()}`);
  for (const file of files.sort()) hash.update(`${file}\0`).update(fs.existsSync(file) ? fs.readFileSync(file) : "(none)");
  return hash.digest("hex");
}
const listFiles = (p) => (fs.statSync(p).isDirectory() ? fs.readdirSync(p).flatMap((e) => listFiles(path.join(p, e))) : [p]);
const sharedLibrariesOf = (binary) => [...run("ldd", [binary]).matchAll(/(\/\S+)\s+\(0x/g)].map((m) => fs.realpathSync(m[1]));

function main(argv) {
  const force = argv[0] === "--force";
  const [which, outdir] = force ? argv.slice(1) : argv;
  const names = which === "all" ? Object.keys(IMAGES) : [which];
  if (!outdir || !names.every((n) => IMAGES[n])) {
    console.error(`usage: node images/build.js [--force] ${Object.keys(IMAGES).join("|")}|all OUTDIR`);
    process.exit(2);
  }
  if (!ARCH) throw new Error(`no OCI architecture for ${process.arch}`);
  fs.mkdirSync(outdir, { recursive: true });
  for (const image of names) {
    const archive = path.resolve(outdir, `${image}.oci.tar`);
    const inputs = inputsDigest(image);
    if (!force && fs.existsSync(archive) && fs.existsSync(`${archive}.inputs`) && fs.readFileSync(`${archive}.inputs`, "utf8") === inputs) {
      console.log(`${image}: ${archive} is up to date`);
      continue;
    }
    const started = Date.now();
    const work = fs.mkdtempSync(path.join(os.tmpdir(), `mecaas-image-${image}-`));
    try {
      writeArchive({ name: IMAGES[image].name, ...IMAGES[image].build(work) }, work, archive);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
    fs.writeFileSync(`${archive}.inputs`, inputs);
    const mb = (fs.statSync(archive).size / 1e6).toFixed(1);
    console.log(`${image}: ${IMAGES[image].name} -> ${archive} (${mb} MB, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
}

main(process.argv.slice(2));
