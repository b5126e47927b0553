/** Root jest configuration: the IaC project, the MEP workspace, the sample MEC app and the Edge MANO workspace. */
module.exports = {
  projects: ["<rootDir>/jest.iac.config.js", "<rootDir>/jest.e2e.config.js", "<rootDir>/mep", "<rootDir>/mep/sample-app", "<rootDir>/mano"],
  testTimeout: 120000,
};
