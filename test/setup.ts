import "cdktf/lib/testing/adapters/jest"; // the matchers' types, for every spec
import { Testing } from "../lib/cdk";

// Adds cdktf's matchers (toHaveResource, toHaveResourceWithProperties, toBeValidTerraform, ...) to expect.
Testing.setupJest();
