#!/usr/bin/env node
// `npx mecaas-mano`: the built CLI (npm run build -w mano), or its TypeScript through ts-node in a checkout.
const { existsSync } = require("fs");
const { join } = require("path");
const built = join(__dirname, "..", "dist", "mano", "src", "cli.js");
if (existsSync(built)) {
  require(built).main();
} else {
  require("ts-node").register({ transpileOnly: true, project: join(__dirname, "..", "tsconfig.json") });
  require(join(__dirname, "..", "src", "cli.ts")).main();
}
