/**
 * End-to-end specs: the example catalogs applied with real Terraform and the real OpenStack provider to the test
 * bed's OpenStack (testbed/openstack), which scripts/test.sh starts around the run. They share one cloud, so they
 * run one file at a time, in order.
 */
module.exports = {
  displayName: "e2e",
  rootDir: __dirname,
  testEnvironment: "node",
  roots: ["<rootDir>/test/e2e"],
  testMatch: ["**/*.spec.ts"],
  transform: { "^.+\\.ts$": "ts-jest" },
  globalSetup: "<rootDir>/test/global-setup.js",
  // Their 15-minute timeout is set in test/e2e/setup.ts: a project's testTimeout is ignored when jest runs several.
  setupFilesAfterEnv: ["<rootDir>/test/setup.ts", "<rootDir>/test/e2e/setup.ts"],
};
