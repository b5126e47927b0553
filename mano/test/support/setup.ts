import { removeScratchDirs } from "../../../mep/test/support/scratch";

// Real servers, files and subprocesses take longer than jest's 5 s default.
jest.setTimeout(60000);

afterAll(removeScratchDirs);
