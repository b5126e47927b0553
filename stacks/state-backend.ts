import { LocalBackend, S3Backend, TerraformStack } from "cdktf";
import { resolve } from "path";
import { StateEntry } from "./catalog";

/** Stacks whose state holds CA keys and generated secrets: they may go to a separate, more guarded place. */
const isSecretsStack = (stack: TerraformStack) => stack.node.id.endsWith("-pki");

/**
 * Where a stack keeps its Terraform state, from the catalog's `state`: one object per stack in an S3-compatible
 * bucket (Ceph RGW, or OpenStack object storage's S3 API), or one local file per stack. Credentials never come from
 * the catalog: the S3 backend reads AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, as Terraform does. Cross-stack
 * references read the producing stack's state from the same place.
 */
export function applyStateBackend(stack: TerraformStack, state: StateEntry | undefined): void {
  const name = stack.node.id;
  const secrets = isSecretsStack(stack);
  switch (state?.backend ?? "local") {
    case "local":
      // Absolute, as Terraform runs each stack in its own folder under cdktf.out.
      new LocalBackend(stack, { path: resolve((secrets && state?.secretsPath) || (state?.path ?? "state"), `${name}.tfstate`) });
      return;
    case "s3":
      new S3Backend(stack, {
        bucket: secrets && state!.secretsBucket ? state!.secretsBucket : state!.bucket!,
        key: `mecaas/${name}.tfstate`,
        region: state!.region ?? "us-east-1",
        endpoints: state!.endpoint ? { s3: state!.endpoint } : undefined,
        encrypt: true,
        // An S3-compatible store is not AWS: no account, region or metadata service to check.
        usePathStyle: state!.endpoint !== undefined,
        skipCredentialsValidation: state!.endpoint !== undefined,
        skipRegionValidation: state!.endpoint !== undefined,
        skipRequestingAccountId: state!.endpoint !== undefined,
        skipMetadataApiCheck: state!.endpoint !== undefined,
        skipS3Checksum: state!.endpoint !== undefined,
      });
      return;
  }
}
