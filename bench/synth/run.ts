/*
 * Synth benchmark of the Main MANO app (issue 4): synth time and peak memory for catalogs of N CSPs, beside a
 * plain-cdktf baseline that emits the same stacks from already-resolved configuration. Prints one table and the
 * target checks; it never fails on a missed target (only on a broken run or a baseline that differs from ours).
 *
 *   npx ts-node --transpile-only bench/synth/run.ts [--sizes 1,10,50,200] [--reps 3] [--keep] [--workdir DIR] [--diagnose]
 *
 * --diagnose adds, at the largest N, the same repetitions of each side (a) with V8's plain stack formatting (ts-node's
 * source-map-support off) and (b) without cdktf's per-token stack capture, to show how much of the time and memory
 * is cdktf recording a creation stack trace for every token.
 */
import { spawn } from "child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "fs";
import { loadavg, tmpdir } from "os";
import { join, resolve } from "path";
import { writeCatalog, GeneratedCatalogStats } from "./catalog-gen";
import { buildBaselineInput } from "./baseline-input";
import { compareOutputs, Comparison, total } from "./compare";
import { readFileSync } from "fs";

const ROOT = resolve(__dirname, "..", "..");
const TARGET = { ratio: 1.5, seconds: 60, rssMb: 2048, linearSlack: 1.25 };

interface Sample { procMs: number; phaseMs: number; cpuMs: number; maxRssKb: number }

function args(): { sizes: number[]; reps: number; keep: boolean; workdir?: string; diagnose: boolean } {
  const a = process.argv.slice(2);
  const get = (flag: string) => { const i = a.indexOf(flag); return i >= 0 ? a[i + 1] : undefined; };
  return {
    sizes: (get("--sizes") ?? "1,10,50,200").split(",").map(Number),
    reps: Number(get("--reps") ?? 3),
    keep: a.includes("--keep"),
    workdir: get("--workdir"),
    diagnose: a.includes("--diagnose"),
  };
}

/** The Node flags of the app command in cdktf.json (`node FLAGS… -r ts-node/register/transpile-only main.ts`). */
function appNodeFlags(): string[] {
  const words = (JSON.parse(readFileSync(join(ROOT, "cdktf.json"), "utf8")).app as string).split(/\s+/);
  return words[0] === "node" ? words.slice(1, words.indexOf("-r")) : [];
}
const NODE_FLAGS = appNodeFlags();

/**
 * One child process: node with the app's flags + ts-node (as `cdktf synth` runs the app), cwd the repository so
 * state paths agree. Both sides run with the same flags.
 */
function child(script: string, argv: string[], env: NodeJS.ProcessEnv = {}): Promise<Sample> {
  return new Promise((ok, fail) => {
    const t0 = process.hrtime.bigint();
    const p = spawn(process.execPath, [...NODE_FLAGS, "-r", "ts-node/register/transpile-only", join(__dirname, script), ...argv], {
      cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env },
    });
    let out = "";
    let err = "";
    p.stdout.on("data", (d) => (out += d));
    p.stderr.on("data", (d) => (err += d));
    p.on("error", fail);
    p.on("close", (code) => {
      const procMs = Number(process.hrtime.bigint() - t0) / 1e6;
      if (code !== 0) return fail(new Error(`${script} ${argv.join(" ")} exited ${code}:\n${err.slice(-3000)}`));
      const last = out.trim().split("\n").pop()!;
      ok({ procMs, ...JSON.parse(last) });
    });
  });
}

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const med = (ss: Sample[], k: keyof Sample) => median(ss.map((s) => s[k]));
const sec = (ms: number) => (ms / 1000).toFixed(2);
const mb = (kb: number) => (kb / 1024).toFixed(0);
const pad = (s: string | number, w: number) => String(s).padStart(w);

interface Row { n: number; stats: GeneratedCatalogStats; ours: Sample[]; base: Sample[]; cmp: Comparison; diag?: { label: string; ours: Sample[]; base: Sample[] }[] }

async function main(): Promise<void> {
  const { sizes, reps, keep, workdir: wd, diagnose } = args();
  const workdir = wd ? resolve(wd) : mkdtempSync(join(tmpdir(), "mecaas-bench-synth-"));
  mkdirSync(workdir, { recursive: true });
  console.log(`synth benchmark: sizes ${sizes.join(", ")}, ${reps} repetition(s), median reported; work dir ${workdir}`);
  console.log(`node ${process.version} ${NODE_FLAGS.join(" ")} (the app's flags in cdktf.json), load average at start ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  const rows: Row[] = [];
  for (const n of sizes) {
    const catalog = join(workdir, `catalog-${n}.yaml`);
    const stats = writeCatalog(n, catalog);
    const ours: Sample[] = [];
    const base: Sample[] = [];
    const oursOut = (r: number) => join(workdir, `ours-${n}-${r}`);
    const baseOut = (r: number) => join(workdir, `baseline-${n}-${r}`);
    const assets = join(workdir, `assets-${n}.json`);
    const input = join(workdir, `baseline-input-${n}.json`);
    // Ours and the baseline alternate, so a change in the machine's load hits both alike.
    for (let r = 0; r < reps; r++) {
      ours.push(await child("child-ours.ts", r === 0 ? [catalog, oursOut(r), assets] : [catalog, oursOut(r)]));
      if (r === 0) writeFileSync(input, JSON.stringify(buildBaselineInput(oursOut(0), JSON.parse(readFileSync(assets, "utf8")))));
      base.push(await child("child-baseline.ts", [input, baseOut(r)]));
      if (r > 0 && !keep) { rmSync(oursOut(r), { recursive: true }); rmSync(baseOut(r), { recursive: true }); }
      process.stderr.write(`  N=${n} rep ${r + 1}/${reps}: ours ${sec(ours[r].phaseMs)} s, baseline ${sec(base[r].phaseMs)} s\n`);
    }
    const cmp = compareOutputs(oursOut(0), baseOut(0));
    if (!keep) { rmSync(oursOut(0), { recursive: true }); rmSync(baseOut(0), { recursive: true }); }
    const diag: Row["diag"] = [];
    if (diagnose && n === Math.max(...sizes)) {
      const variants: [string, string, NodeJS.ProcessEnv][] = [
        ["floor", "baseline without the bindings' attribute mapping (resolved JSON only: the cheapest way to emit the same output)", { BENCH_BASELINE_RESOLVED: "1" }],
        ["stacks", "cdktf's default: a stack trace captured per token (the app switches it off)", { BENCH_CREATION_STACK: "1" }],
        ["plain", "stack traces per token, V8's plain formatting (ts-node's source-map-support off)", { BENCH_CREATION_STACK: "1", BENCH_PLAIN_STACKS: "1" }],
      ];
      for (const [tag, label, env] of variants) {
        const d = { label, ours: [] as Sample[], base: [] as Sample[] };
        for (let r = 0; r < reps; r++) {
          const o = join(workdir, `ours-${n}-${tag}-${r}`), b = join(workdir, `baseline-${n}-${tag}-${r}`);
          d.ours.push(await child("child-ours.ts", [catalog, o], env));
          d.base.push(await child("child-baseline.ts", [input, b], env));
          if (!keep) for (const dir of [o, b]) rmSync(dir, { recursive: true });
          process.stderr.write(`  N=${n} ${tag} rep ${r + 1}/${reps}: ours ${sec(d.ours[r].phaseMs)} s, baseline ${sec(d.base[r].phaseMs)} s\n`);
        }
        diag.push(d);
      }
    }
    rows.push({ n, stats, ours, base, cmp, diag });
  }
  report(rows);
  console.log(`load average at end ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  if (!keep && !wd) rmSync(workdir, { recursive: true });
  if (rows.some((r) => !r.cmp.countsMatch || r.cmp.differingStacks.length || !r.cmp.dependenciesMatch)) process.exitCode = 1;
}

function report(rows: Row[]): void {
  console.log("\nCatalogs (generated, seed 4; N is a prefix of one sequence):");
  for (const { n, stats: s } of rows) {
    console.log(`  N=${n}: ${s.b2b2c} b2b2c + ${s.b2c} b2c, ${s.multiVim} with a pool on a second VIM, ${s.pools} pools, ${s.workers} workers, ${s.apps} MEC apps`);
  }

  console.log("\nSame resources? (ours vs baseline, first repetition)");
  for (const { n, cmp: c } of rows) {
    const t = (counts: Map<string, number>) =>
      `${total(counts, "resource ")} resources, ${total(counts, "data ")} data sources, ${total(counts, "provider ")} providers, ${total(counts, "output")} outputs`;
    console.log(`  N=${n}: ${c.stacks} stacks; ours ${t(c.ours)}; baseline ${t(c.baseline)}`);
    console.log(`         counts per type equal: ${c.countsMatch ? "yes" : "NO"}; stack JSON equal except cdktf "//" metadata: ${c.differingStacks.length ? `NO (${c.differingStacks.slice(0, 5).join(", ")})` : "yes"}; ` +
      `stack dependencies equal: ${c.dependenciesMatch ? "yes" : "NO"}; files written ${c.assetFiles.ours} vs ${c.assetFiles.baseline}; ` +
      `cross-stack reference uses in ours: ${c.crossStackRefs}`);
  }
  const last = rows[rows.length - 1];
  console.log(`  per type at N=${last.n} (ours = baseline?):`);
  const keys = [...new Set([...last.cmp.ours.keys(), ...last.cmp.baseline.keys()])].sort();
  for (const k of keys) {
    const o = last.cmp.ours.get(k) ?? 0;
    const b = last.cmp.baseline.get(k) ?? 0;
    console.log(`    ${k.padEnd(52)} ${pad(o, 6)} ${pad(b, 6)} ${o === b ? "" : "DIFFERS"}`);
  }

  console.log("\nSynth phase (construct tree + app.synth(), each run in a fresh child process; median):");
  console.log("     N | ours s | base s | ratio | ours MB | base MB | ratio | ours cpu s | base cpu s | ratio | ours proc s | base proc s");
  for (const { n, ours, base } of rows) {
    const [ot, bt, oc, bc, om, bm] = [med(ours, "phaseMs"), med(base, "phaseMs"), med(ours, "cpuMs"), med(base, "cpuMs"), med(ours, "maxRssKb"), med(base, "maxRssKb")];
    console.log(`  ${pad(n, 4)} | ${pad(sec(ot), 6)} | ${pad(sec(bt), 6)} | ${pad((ot / bt).toFixed(1), 5)} | ${pad(mb(om), 7)} | ${pad(mb(bm), 7)} | ${pad((om / bm).toFixed(2), 5)} | ` +
      `${pad(sec(oc), 10)} | ${pad(sec(bc), 10)} | ${pad((oc / bc).toFixed(1), 5)} | ${pad(sec(med(ours, "procMs")), 11)} | ${pad(sec(med(base, "procMs")), 11)}`);
  }
  console.log("  time = wall time of the synth phase; MB = max RSS of the child; cpu = user+sys of the phase;");
  console.log("  proc = whole child process as a user waits for it (node start, ts-node, module loading, synth).");

  for (const { n, diag, ours, base } of rows) {
    if (!diag?.length) continue;
    console.log(`\nDiagnosis at N=${n} (medians of ${ours.length} run(s) per side and variant):`);
    console.log(`  as measured: ours ${sec(med(ours, "phaseMs"))} s, ${sec(med(ours, "cpuMs"))} s cpu, ${mb(med(ours, "maxRssKb"))} MB; ` +
      `baseline ${sec(med(base, "phaseMs"))} s, ${sec(med(base, "cpuMs"))} s cpu, ${mb(med(base, "maxRssKb"))} MB`);
    for (const d of diag) {
      console.log(`  ${d.label}:`);
      const [ot, oc, om, bt, bc, bm] = [med(d.ours, "phaseMs"), med(d.ours, "cpuMs"), med(d.ours, "maxRssKb"), med(d.base, "phaseMs"), med(d.base, "cpuMs"), med(d.base, "maxRssKb")];
      console.log(`    ours ${sec(ot)} s, ${sec(oc)} s cpu, ${mb(om)} MB; baseline ${sec(bt)} s, ${sec(bc)} s cpu, ${mb(bm)} MB; ` +
        `ratio time ${(ot / bt).toFixed(1)}x, cpu ${(oc / bc).toFixed(1)}x, memory ${(om / bm).toFixed(2)}x`);
    }
  }

  console.log("\nLinearity (ours): time and memory per CSP, and the marginal cost of each added CSP:");
  console.log("     N | ms/CSP | cpu ms/CSP | MB/CSP | marginal ms/CSP | marginal cpu ms/CSP | marginal MB/CSP");
  const marg: { n: number; ms: number; cpu: number; mb: number }[] = [];
  rows.forEach((r, i) => {
    const t = med(r.ours, "phaseMs"), c = med(r.ours, "cpuMs"), m = med(r.ours, "maxRssKb") / 1024;
    let mm = "";
    if (i > 0) {
      const p = rows[i - 1];
      const dn = r.n - p.n;
      const d = { n: r.n, ms: (t - med(p.ours, "phaseMs")) / dn, cpu: (c - med(p.ours, "cpuMs")) / dn, mb: (m - med(p.ours, "maxRssKb") / 1024) / dn };
      marg.push(d);
      mm = `${pad(d.ms.toFixed(0), 15)} | ${pad(d.cpu.toFixed(0), 19)} | ${pad(d.mb.toFixed(2), 15)}`;
    }
    console.log(`  ${pad(r.n, 4)} | ${pad((t / r.n).toFixed(0), 6)} | ${pad((c / r.n).toFixed(0), 10)} | ${pad((m / r.n).toFixed(2), 6)} | ${mm}`);
  });

  console.log("\nTargets:");
  const worst = (k: "phaseMs" | "maxRssKb" | "cpuMs") => Math.max(...rows.map((r) => med(r.ours, k) / med(r.base, k)));
  const big = rows.filter((r) => r.n >= 10);
  const ratioRows = big.length ? big : rows;
  const worstOn = (k: "phaseMs" | "maxRssKb" | "cpuMs") => Math.max(...ratioRows.map((r) => med(r.ours, k) / med(r.base, k)));
  const ok = (b: boolean | undefined) => (b === undefined ? "inconclusive (noise: the smaller step cost nothing)" : b ? "holds" : "MISSED");
  console.log(`  overhead <= ${TARGET.ratio}x baseline: time ${ok(worstOn("phaseMs") <= TARGET.ratio)} (worst ${worstOn("phaseMs").toFixed(1)}x${big.length ? " at N>=10" : ""}, ${worst("phaseMs").toFixed(1)}x over all N), ` +
    `cpu ${ok(worstOn("cpuMs") <= TARGET.ratio)} (worst ${worstOn("cpuMs").toFixed(1)}x), memory ${ok(worstOn("maxRssKb") <= TARGET.ratio)} (worst ${worstOn("maxRssKb").toFixed(2)}x)`);
  if (marg.length >= 2) {
    // Linear: adding CSPs at the large end costs no more per CSP than in the middle (fixed start-up cost aside).
    const first = marg[marg.length - 2], lastM = marg[marg.length - 1];
    const lin = (a: number, b: number) => (a <= 0 ? undefined : b <= a * TARGET.linearSlack);
    console.log(`  growth linear in N (marginal cost per CSP up to N=${lastM.n} within ${TARGET.linearSlack}x of that up to N=${first.n}): ` +
      `cpu ${ok(lin(first.cpu, lastM.cpu))} (${first.cpu.toFixed(0)} -> ${lastM.cpu.toFixed(0)} ms/CSP), ` +
      `wall ${ok(lin(first.ms, lastM.ms))} (${first.ms.toFixed(0)} -> ${lastM.ms.toFixed(0)} ms/CSP), ` +
      `memory ${ok(lin(first.mb, lastM.mb))} (${first.mb.toFixed(2)} -> ${lastM.mb.toFixed(2)} MB/CSP)`);
  } else {
    console.log("  growth linear in N: needs at least three sizes");
  }
  const r200 = rows.find((r) => r.n === 200);
  if (r200) {
    const p = med(r200.ours, "procMs"), m = med(r200.ours, "maxRssKb") / 1024;
    console.log(`  200 CSPs in under ${TARGET.seconds} s within ${TARGET.rssMb / 1024} GiB: ${ok(p < TARGET.seconds * 1000 && m <= TARGET.rssMb)} ` +
      `(whole process ${sec(p)} s, synth phase ${sec(med(r200.ours, "phaseMs"))} s, peak ${m.toFixed(0)} MB)`);
  } else {
    console.log("  200 CSPs under 60 s within 2 GiB: not measured (no N=200 in --sizes)");
  }
}

main().catch((e) => { console.error(e); process.exit(2); });
