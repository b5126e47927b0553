/** MEP workspace tests: real HTTP, real SQLite files and (through scripts/with-postgres.sh) a real PostgreSQL. */
module.exports = {
  displayName: "mep",
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.spec.ts"],
  transform: { "^.+\\.ts$": "ts-jest" },
  setupFilesAfterEnv: ["<rootDir>/test/support/setup.ts"],
};
