// Points Terraform at the providers built by scripts/toolchain.sh (no registry here), for every test worker.
const { execFileSync } = require("child_process");
const path = require("path");

module.exports = async () => {
  const script = path.join(__dirname, "..", "scripts", "terraform-env.sh");
  const env = execFileSync("bash", ["-c", `source "${script}" && env -0`], { encoding: "utf8" });
  for (const entry of env.split("\0")) {
    const eq = entry.indexOf("=");
    if (eq > 0) process.env[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
};
