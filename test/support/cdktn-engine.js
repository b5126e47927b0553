/*
 * What `"cdktf": "npm:cdktn@0.24.0"` (with `"overrides": { "cdktf": "$cdktf" }`) does in a user's package.json, for
 * this repository's own specs, which have both engines installed: every require of cdktf (mecaas's, the generated
 * OpenStack bindings', the @cdktf/provider-* packages') loads CDK Terrain instead. Loaded with `node -r`.
 */
const Module = require("module");
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const engine = request === "cdktf" ? "cdktn" : request.startsWith("cdktf/") ? `cdktn/${request.slice("cdktf/".length)}` : request;
  return resolveFilename.call(this, engine, ...rest);
};
