import { Construct } from "constructs";
import { Annotations } from "../cdk";

/** The project's own images: built by images/build.sh, published to no public registry. */
export const UNPUBLISHED_IMAGES = {
  mep: { repository: "mecaas/mep", archive: "mep" },
  sampleApp: { repository: "mecaas/mec-app-sample", archive: "mec-app-sample" },
} as const;

/**
 * A synth-time warning when a release would pull one of the project's images from Docker Hub, where it is not: the
 * release would wait out its timeout on ImagePullBackOff. Setting `field` (even to the default name, when every node
 * has the image imported) says where the image comes from and silences it.
 */
export function warnOfUnpublishedImage(scope: Construct, field: string, image: keyof typeof UNPUBLISHED_IMAGES): void {
  const { repository, archive } = UNPUBLISHED_IMAGES[image];
  Annotations.of(scope).addWarning(
    `${scope.node.path}: ${field} is not set, so the chart's default image docker.io/${repository} would be pulled, and no ` +
      `public registry has it. Build it (bash images/build.sh ${archive} OUTDIR writes OUTDIR/${archive}.oci.tar), then push ` +
      `it to a registry the cluster pulls from (skopeo copy oci-archive:OUTDIR/${archive}.oci.tar docker://REGISTRY/${repository}:TAG) ` +
      `and set ${field} "REGISTRY/${repository}" (and the tag), or import it on every node (ctr -n k8s.io images import) and set ` +
      `${field} "${repository}" to say so.`,
  );
}
