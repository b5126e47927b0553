// A client that nobody here wrote the MEP for: `interop/mp1_client.py` drives a real MEP with Python's `requests`
// as third-party Mp1 clients do (`Content-Type: */*` on every request, headers read from `dict(response.headers)`)
// and fails on any status code or header that such a client would not find. The Python comes from the tools venv
// that scripts/setup.sh makes (`requests` pinned there).
import { execFile } from "child_process";
import { existsSync } from "fs";
import { homedir } from "os";
import { join } from "path";
import { backends } from "./support/backends";
import { ADMIN, Mep } from "./support/mep";

const python = join(process.env.MECAAS_TOOLS || join(homedir(), ".cache", "mecaas", "tools"), "venv", "bin", "python");

function runClient(...args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(python, [join(__dirname, "interop", "mp1_client.py"), ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, output: `${stdout}${stderr}` });
    });
  });
}

describe.each(backends)("a Python requests client on $name", (backend) => {
  let mep: Mep;

  beforeAll(async () => {
    if (!existsSync(python)) throw new Error(`${python} is missing: run scripts/setup.sh (it makes the tools venv with requests)`);
    mep = await Mep.start(await backend.create());
  });
  afterAll(() => mep?.close());

  test("every check of interop/mp1_client.py passes: statuses, Content-Type, Location, ETag, Allow, WWW-Authenticate as dict keys", async () => {
    const { code, output } = await runClient(mep.url, mep.config.apiRoot, ADMIN.id, ADMIN.secret);
    const failed = output.split("\n").filter((line) => !line.startsWith("ok   ") && line !== "all checks passed" && line !== "");
    expect(failed).toEqual([]);
    expect(code).toBe(0);
    // The script ran its whole sequence, not a prefix of it.
    expect(output.split("\n").filter((line) => line.startsWith("ok   ")).length).toBeGreaterThan(50);
  });
});
