/**
 * What the schema derivations of the MEP (scripts/derive-schemas.js) and the Edge MANO (mano/scripts/derive-schemas.js)
 * share: reading the ETSI files, normalizing names and references, dropping documentation-only keywords, and writing
 * the sorted result once every reference resolves.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const YAML = require("yaml");

/** ../shared/specs beside the repository, or the folder given on the command line. */
const specsDirFrom = (argv, repoRoot) => path.resolve(argv[2] || path.join(repoRoot, "..", "shared", "specs"));
const reader = (specsDir) => ({
  json: (rel) => JSON.parse(fs.readFileSync(path.join(specsDir, rel), "utf8")),
  yaml: (rel) => YAML.parse(fs.readFileSync(path.join(specsDir, rel), "utf8")),
});

/** "TimingCaps.NtpServers" -> "TimingCapsNtpServers": dots are not valid in JSON pointer-friendly schema ids. */
const normalName = (name) => name.replace(/[._]/g, "");
const ref = (name) => ({ $ref: `#/components/schemas/${name}` });

/** Drops documentation-only keywords and rewrites $refs to the names `rename` gives (normalized by default). */
function clean(schema, rename = normalName) {
  return JSON.parse(
    JSON.stringify(schema, (key, value) => {
      if (["examples", "example", "title", "x-etsi-ref", "x-etsi-notes", "contentEncoding", "description'"].includes(key)) return undefined;
      if (key.startsWith("x-etsi-mec")) return undefined;
      if (key === "format" && !["uri", "date-time"].includes(value)) return undefined;
      if (key === "$ref") return `#/components/schemas/${rename(value.split("/").pop())}`;
      return value;
    }),
  );
}

/** Writes `{ $comment, schemas }` sorted by name; throws when a reference names no schema. */
function writeSchemas(outFile, schemas, comment) {
  const sorted = Object.fromEntries(Object.keys(schemas).sort().map((k) => [k, schemas[k]]));
  const unresolved = (JSON.stringify(sorted).match(/#\/components\/schemas\/[A-Za-z0-9]+/g) ?? []).map((r) => r.split("/").pop()).filter((n) => !sorted[n]);
  if (unresolved.length) throw new Error(`unresolved references: ${[...new Set(unresolved)].join(", ")}`);
  fs.writeFileSync(outFile, JSON.stringify({ $comment: comment, schemas: sorted }, null, 2) + "\n");
  console.log(`wrote ${Object.keys(sorted).length} schemas to ${path.relative(process.cwd(), outFile)}`);
}

module.exports = { specsDirFrom, reader, normalName, ref, clean, writeSchemas };
