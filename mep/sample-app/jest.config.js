/** The sample MEC app's end-to-end test: the real MEP (SQLite in a temp dir) and two app instances on loopback. */
module.exports = {
  displayName: "sample-app",
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.spec.ts"],
  transform: { "^.+\\.ts$": "ts-jest" },
  setupFilesAfterEnv: ["<rootDir>/test/setup.ts"],
};
