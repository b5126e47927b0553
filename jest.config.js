/** Root jest configuration: the IaC project, the MEP workspace and the sample MEC app. */
module.exports = {
  projects: ["<rootDir>/jest.iac.config.js", "<rootDir>/jest.e2e.config.js", "<rootDir>/mep", "<rootDir>/mep/sample-app"],
  testTimeout: 120000,
};
