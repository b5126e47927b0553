/** The IaC project: constructs, stacks, charts and examples. */
module.exports = {
  displayName: "iac",
  rootDir: __dirname,
  testEnvironment: "node",
  roots: ["<rootDir>/lib", "<rootDir>/stacks", "<rootDir>/test", "<rootDir>/examples"],
  testMatch: ["**/*.spec.ts"],
  // Needs the test bed's OpenStack: its own project (jest.e2e.config.js).
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/e2e/"],
  transform: { "^.+\\.ts$": "ts-jest" },
  globalSetup: "<rootDir>/test/global-setup.js",
  setupFilesAfterEnv: ["<rootDir>/test/setup.ts"],
};
