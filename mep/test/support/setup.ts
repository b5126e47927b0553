import { removeScratchDirs } from "./scratch";

// Real servers and databases take longer than jest's 5 s default (testTimeout is not a per-project option).
jest.setTimeout(60000);

afterAll(removeScratchDirs);
