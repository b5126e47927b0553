/** Edge MANO workspace tests: real HTTP, real SQLite files, a real `helm` stand-in subprocess. */
module.exports = {
  displayName: "mano",
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.spec.ts"],
  transform: { "^.+\\.ts$": "ts-jest" },
  setupFilesAfterEnv: ["<rootDir>/test/support/setup.ts"],
};
