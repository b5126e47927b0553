import { readFileSync, readdirSync } from "fs";
import { join } from "path";
import * as mecaas from "../../lib";

/*
 * lib/index.ts is the package's public API: every class a lib/*.ts module exports is exported there too, and the
 * Main MANO app (main.ts, stacks/) reaches the library through it alone, as a user's app does.
 */
const REPO = join(__dirname, "..", "..");
const sources = (dir: string) => readdirSync(join(REPO, dir)).filter((f) => f.endsWith(".ts") && !f.endsWith(".spec.ts") && !f.endsWith(".d.ts"));

test("every class the modules of lib/ export is exported by the entry point", () => {
  const exported = new Set<unknown>(Object.values(mecaas));
  // lib/cdk.ts re-exports cdktf for the constructs; users take cdktf from cdktf.
  const missing = sources("lib").filter((file) => !["index.ts", "cdk.ts"].includes(file)).flatMap((file) => {
    const module = require(join(REPO, "lib", file)) as Record<string, unknown>;
    return Object.entries(module).filter(([, value]) => typeof value === "function" && /^class\b/.test(String(value)) && !exported.has(value))
      .map(([name]) => `${name} (lib/${file})`);
  });
  expect(missing).toEqual([]);
});

test("main.ts and stacks/ import the library only through lib/index.ts", () => {
  const files = ["main.ts", ...sources("stacks").map((file) => `stacks/${file}`)];
  const internal = files.flatMap((file) => [...readFileSync(join(REPO, file), "utf8").matchAll(/from "((?:\.\.?\/)+(?:lib|\.gen)\/[^"]+)"/g)]
    .map(([, path]) => `${file}: ${path}`));
  expect(internal).toEqual([]);
});
