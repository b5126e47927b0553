// A project's testTimeout is ignored when jest runs several projects (as the root configuration does), so it is set here.
jest.setTimeout(60_000);
