import { parse } from "yaml";

/**
 * The k3s configuration a node's user-data gives it: config.yaml (base64, known at synth) merged with the drop-in of
 * apply-time values (text with Terraform references), as k3s merges config.yaml.d.
 */
export function k3sConfigOf(userData: string): Record<string, unknown> {
  const files = parse(userData).write_files as { path: string; encoding?: string; content: string }[];
  const text = (f: { encoding?: string; content: string }) => (f.encoding === "b64" ? Buffer.from(f.content, "base64").toString("utf8") : f.content);
  return Object.assign({}, ...files.filter((f) => f.path === "/etc/rancher/k3s/config.yaml" || f.path.startsWith("/etc/rancher/k3s/config.yaml.d/"))
    .map((f) => parse(text(f))));
}
