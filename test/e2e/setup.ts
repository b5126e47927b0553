// A project's testTimeout is ignored when jest runs several projects (the root's 2 minutes would apply): an apply of
// a multi-site cluster on a loaded machine takes longer than that.
jest.setTimeout(15 * 60 * 1000);
