/** Root jest configuration: the IaC project and the MEP workspace, with the closing line CI reads. */
module.exports = {
  projects: ["<rootDir>/jest.iac.config.js", "<rootDir>/mep", "<rootDir>/mep/sample-app"],
  reporters: ["default", "<rootDir>/test/summary-reporter.js"],
  testTimeout: 120000,
};
