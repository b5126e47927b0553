import { TerraformStack, TerraformVariable, Testing } from "./cdk";
import { ClusterProviders } from "./cluster-providers";
import { OpenStackIntegrationCnf, OpenStackIntegrationCnfProps } from "./openstack-integration-cnf";
import { projectChartDir } from "./helm-chart-source";
import { findManifest, renderChart } from "../test/support/helm";
import { validateManifests } from "../test/support/kubernetes-schema";
import { placeholderAccess } from "../test/support/cluster-credentials";

const access = placeholderAccess;

function synth(props: Partial<OpenStackIntegrationCnfProps> = {}) {
  const stack = new TerraformStack(Testing.app(), "acme-platform");
  const cluster = new ClusterProviders(stack, "cluster", { access });
  const cloudConfig = new TerraformVariable(stack, "cloud_conf", { type: "string", sensitive: true }).stringValue;
  const cnf = new OpenStackIntegrationCnf(stack, "openstack", { cluster, cloudConfig, clusterName: "acme", ...props });
  const json = JSON.parse(Testing.synth(stack));
  const [release] = Object.values<any>(json.resource.helm_release);
  const [secret] = Object.entries<any>(json.resource.kubernetes_secret_v1);
  return { cnf, json, release, values: JSON.parse(release.values[0]), secret: { address: `kubernetes_secret_v1.${secret[0]}`, ...secret[1] } };
}

describe("OpenStackIntegrationCnf", () => {
  it("keeps the cloud.conf in a Secret of kube-system, never in Helm values, and installs the chart after it, waiting", () => {
    const { release, values, secret } = synth();
    expect(secret.metadata).toMatchObject({ name: "openstack-cloud-config", namespace: "kube-system" });
    expect(secret.data).toEqual({ "cloud.conf": "${var.cloud_conf}" });
    expect(release).toMatchObject({ name: "openstack-integration", namespace: "kube-system", wait: true, atomic: true, depends_on: [secret.address] });
    expect(release.values[0]).not.toContain("var.cloud_conf");
    expect(values).toMatchObject({ clusterName: "acme", cloudConfigSecret: "openstack-cloud-config" });
  });

  it("by default: the CCM, the CSI driver attaching volumes, and `cinder` as the cluster's default StorageClass, as the chart renders it", () => {
    const { cnf, values } = synth();
    expect(cnf.storageClassName).toBe("cinder");
    const manifests = renderChart(projectChartDir("openstack-integration"), values, { releaseName: "openstack-integration", namespace: "kube-system" });
    expect(validateManifests(manifests)).toEqual([]);
    expect(findManifest(manifests, "StorageClass", "cinder").metadata.annotations).toEqual({ "storageclass.kubernetes.io/is-default-class": "true" });
    expect(manifests.map((m) => `${m.kind}/${m.metadata.name}`)).toEqual(expect.arrayContaining([
      "DaemonSet/openstack-cloud-controller-manager", "Deployment/csi-cinder-controller", "DaemonSet/csi-cinder-node",
    ]));
    for (const pod of [findManifest(manifests, "DaemonSet", "openstack-cloud-controller-manager"), findManifest(manifests, "Deployment", "csi-cinder-controller")]) {
      expect(pod.spec.template.spec.volumes).toContainEqual({ name: "cloud-config", secret: { secretName: "openstack-cloud-config" } });
    }
  });

  it("provisioning only, in the node's network, another class: what a cloud without block devices on its servers takes", () => {
    const { cnf, values } = synth({
      attachVolumes: false, csiControllerHostNetwork: true, storageClassName: "fast", defaultStorageClass: false,
      volumeBindingMode: "WaitForFirstConsumer", volumeType: "ssd", extraValues: { imagePullPolicy: "Never", csi: { attach: true } },
    });
    expect(cnf.storageClassName).toBe("fast");
    // The props win over extraValues.
    expect(values.csi).toEqual({ enabled: true, attach: false, controller: { hostNetwork: true } });
    const manifests = renderChart(projectChartDir("openstack-integration"), values, { releaseName: "openstack-integration", namespace: "kube-system" });
    expect(validateManifests(manifests)).toEqual([]);
    expect(manifests.some((m) => m.metadata.name === "csi-cinder-node")).toBe(false);
    expect(findManifest(manifests, "StorageClass", "fast")).toMatchObject({ volumeBindingMode: "WaitForFirstConsumer", parameters: { type: "ssd" } });
    expect(findManifest(manifests, "Deployment", "csi-cinder-controller").spec.template.spec.containers[0].imagePullPolicy).toBe("Never");
  });

  it("another namespace and helm timeout; a namespace that is no DNS label refused", () => {
    const { release, secret } = synth({ namespace: "openstack-system", timeoutSeconds: 600 });
    expect(release).toMatchObject({ namespace: "openstack-system", timeout: 600 });
    expect(secret.metadata.namespace).toBe("openstack-system");
    expect(() => synth({ namespace: "Kube_System" })).toThrow(/namespace/);
  });

  it("without the CSI driver: the CCM only, no StorageClass, and CSI settings refused", () => {
    const { cnf, values } = synth({ csi: false });
    expect(cnf.storageClassName).toBeUndefined();
    expect(values.storageClass.enabled).toBe(false);
    expect(() => synth({ csi: false, attachVolumes: false })).toThrow(/attachVolumes false is invalid: it configures the CSI driver, which csi false leaves out/);
    expect(() => synth({ storageClassName: "Cinder SSD" })).toThrow(/storageClassName/);
  });
});
