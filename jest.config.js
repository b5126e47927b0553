/** Root jest configuration: the IaC project (constructs, stacks, charts) and the MEP workspace. */
module.exports = {
  projects: [
    {
      displayName: "iac",
      testEnvironment: "node",
      roots: ["<rootDir>/lib", "<rootDir>/stacks", "<rootDir>/test", "<rootDir>/examples"],
      testMatch: ["**/*.spec.ts"],
      transform: { "^.+\\.ts$": ["ts-jest", { isolatedModules: true }] },
      setupFilesAfterEnv: ["<rootDir>/test/setup.ts"],
    },
    "<rootDir>/mep",
  ],
  reporters: ["default", "<rootDir>/test/summary-reporter.js"],
};
