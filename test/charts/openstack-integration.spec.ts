import { join } from "path";
import { findManifest, itPassesHelmLint, Manifest, renderChart, renderChartFailure } from "../support/helm";
import { validateManifests } from "../support/kubernetes-schema";

const chart = join(__dirname, "..", "..", "charts", "openstack-integration");

function render(values: object = {}): Manifest[] {
  const manifests = renderChart(chart, values, { releaseName: "openstack", namespace: "kube-system" });
  expect(validateManifests(manifests)).toEqual([]);
  return manifests;
}
const podOf = (manifests: Manifest[], kind: string, name: string) => findManifest(manifests, kind, name).spec.template.spec;
const container = (pod: any, name: string) => pod.containers.find((c: any) => c.name === name);

describe("charts/openstack-integration", () => {
  itPassesHelmLint(chart);

  describe("with default values", () => {
    let manifests: Manifest[];
    beforeAll(() => {
      manifests = render();
    });

    test("renders the CCM, the CSI controller and node plugin, the driver and a default StorageClass, all valid Kubernetes objects", () => {
      expect(manifests.map((m) => `${m.kind}/${m.metadata.name}`).sort()).toEqual([
        "CSIDriver/cinder.csi.openstack.org",
        "ClusterRole/openstack:cloud-controller-manager",
        "ClusterRole/openstack:csi-cinder-controller",
        "ClusterRoleBinding/openstack:cloud-controller-manager",
        "ClusterRoleBinding/openstack:csi-cinder-controller",
        "DaemonSet/csi-cinder-node",
        "DaemonSet/openstack-cloud-controller-manager",
        "Deployment/csi-cinder-controller",
        "Role/csi-cinder-controller-leases",
        "RoleBinding/csi-cinder-controller-leases",
        "ServiceAccount/cloud-controller-manager",
        "ServiceAccount/csi-cinder-controller",
        "ServiceAccount/csi-cinder-node",
        "StorageClass/cinder",
      ]);
    });

    test("the CCM runs on the servers in the host's network, before nodes are initialized, from the cloud.conf Secret", () => {
      const pod = podOf(manifests, "DaemonSet", "openstack-cloud-controller-manager");
      expect(pod.hostNetwork).toBe(true);
      expect(pod.nodeSelector).toEqual({ "node-role.kubernetes.io/control-plane": "true" });
      expect(pod.tolerations).toContainEqual({ key: "node.cloudprovider.kubernetes.io/uninitialized", value: "true", effect: "NoSchedule" });
      const ccm = container(pod, "openstack-cloud-controller-manager");
      expect(ccm.image).toBe("registry.k8s.io/provider-os/openstack-cloud-controller-manager:v1.33.1");
      expect(ccm.args).toEqual(expect.arrayContaining([
        "--cloud-config=/etc/config/cloud.conf", "--cloud-provider=openstack", "--cluster-name=kubernetes",
        "--controllers=cloud-node,cloud-node-lifecycle,service",
      ]));
      expect(ccm.volumeMounts).toContainEqual({ name: "cloud-config", mountPath: "/etc/config", readOnly: true });
      expect(pod.volumes).toContainEqual({ name: "cloud-config", secret: { secretName: "cloud-config" } });
      expect(ccm.securityContext).toMatchObject({ runAsNonRoot: true, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } });
    });

    test("the CSI controller provisions and attaches through one plugin socket, with zones, in the pod network, not root", () => {
      const pod = podOf(manifests, "Deployment", "csi-cinder-controller");
      expect(pod.hostNetwork).toBeUndefined();
      expect(pod.containers.map((c: any) => c.name)).toEqual(["csi-provisioner", "csi-attacher", "cinder-csi-plugin"]);
      expect(container(pod, "csi-provisioner").image).toBe("registry.k8s.io/sig-storage/csi-provisioner:v5.3.0");
      expect(container(pod, "csi-provisioner").args).toContain("--feature-gates=Topology=true");
      const plugin = container(pod, "cinder-csi-plugin");
      expect(plugin.image).toBe("registry.k8s.io/provider-os/cinder-csi-plugin:v1.33.1");
      expect(plugin.args).toEqual(expect.arrayContaining(["--endpoint=unix:///csi/csi.sock", "--cloud-config=/etc/config/cloud.conf", "--provide-node-service=false"]));
      for (const c of pod.containers) {
        expect(c.volumeMounts).toContainEqual({ name: "socket-dir", mountPath: "/csi" });
        expect(c.securityContext.runAsNonRoot).toBe(true);
      }
    });

    test("the node plugin is privileged with the kubelet's folder shared both ways, on every node", () => {
      const pod = podOf(manifests, "DaemonSet", "csi-cinder-node");
      expect(pod.tolerations).toEqual([{ operator: "Exists" }]);
      const plugin = container(pod, "cinder-csi-plugin");
      expect(plugin.securityContext.privileged).toBe(true);
      expect(plugin.volumeMounts).toContainEqual({ name: "kubelet-dir", mountPath: "/var/lib/kubelet", mountPropagation: "Bidirectional" });
      expect(container(pod, "node-driver-registrar").args).toContain("--kubelet-registration-path=/var/lib/kubelet/plugins/cinder.csi.openstack.org/csi.sock");
    });

    test("StorageClass cinder is the cluster's default, deletes its volumes with their claims and binds at once", () => {
      const sc = findManifest(manifests, "StorageClass", "cinder");
      expect(sc).toMatchObject({
        provisioner: "cinder.csi.openstack.org", reclaimPolicy: "Delete", volumeBindingMode: "Immediate", allowVolumeExpansion: false,
        metadata: { annotations: { "storageclass.kubernetes.io/is-default-class": "true" } },
      });
      expect(sc.parameters).toBeUndefined();
    });
  });

  test("attach false: volumes are provisioned only, with no attacher, no node plugin and no zones asked", () => {
    const manifests = render({ csi: { attach: false } });
    expect(manifests.some((m) => m.metadata.name === "csi-cinder-node")).toBe(false);
    const pod = podOf(manifests, "Deployment", "csi-cinder-controller");
    expect(pod.containers.map((c: any) => c.name)).toEqual(["csi-provisioner", "cinder-csi-plugin"]);
    expect(container(pod, "csi-provisioner").args).toContain("--feature-gates=Topology=false");
    const rules = findManifest(manifests, "ClusterRole", "openstack:csi-cinder-controller").rules;
    expect(rules.find((r: any) => r.resources.includes("volumeattachments")).verbs).toEqual(["get", "list", "watch"]);
  });

  test("the controller in the node's network, another Secret, cluster name, StorageClass and images", () => {
    const manifests = render({
      clusterName: "acme", cloudConfigSecret: "acme-cloud", imagePullPolicy: "Never",
      csi: { controller: { hostNetwork: true } },
      storageClass: { name: "fast", default: false, reclaimPolicy: "Retain", volumeBindingMode: "WaitForFirstConsumer", volumeType: "ssd" },
      cloudControllerManager: { image: { repository: "example.org/occm", tag: "v1" } },
    });
    const pod = podOf(manifests, "Deployment", "csi-cinder-controller");
    expect(pod.hostNetwork).toBe(true);
    expect(pod.dnsPolicy).toBe("ClusterFirstWithHostNet");
    expect(container(pod, "cinder-csi-plugin").args).toContain("--cluster=acme");
    expect(pod.volumes).toContainEqual({ name: "cloud-config", secret: { secretName: "acme-cloud" } });
    const ccm = container(podOf(manifests, "DaemonSet", "openstack-cloud-controller-manager"), "openstack-cloud-controller-manager");
    expect(ccm).toMatchObject({ image: "example.org/occm:v1", imagePullPolicy: "Never" });
    expect(ccm.args).toContain("--cluster-name=acme");
    const sc = findManifest(manifests, "StorageClass", "fast");
    expect(sc).toMatchObject({ reclaimPolicy: "Retain", volumeBindingMode: "WaitForFirstConsumer", parameters: { type: "ssd" } });
    expect(sc.metadata.annotations).toBeUndefined();
  });

  test("each part can be left out: no CCM, or no CSI (and then no StorageClass)", () => {
    expect(render({ cloudControllerManager: { enabled: false } }).some((m) => m.metadata.name === "openstack-cloud-controller-manager")).toBe(false);
    const noCsi = render({ csi: { enabled: false } });
    expect(noCsi.map((m) => m.kind)).not.toContain("StorageClass");
    expect(noCsi.map((m) => m.kind)).not.toContain("CSIDriver");
  });

  test("its schema refuses unknown keys and values the components would not take", () => {
    expect(renderChartFailure(chart, { storageClass: { volumeBindingMode: "Later" } })).toContain("volumeBindingMode");
    expect(renderChartFailure(chart, { cloudControllerManager: { controllers: ["nodeipam"] } })).toContain("controllers");
    expect(renderChartFailure(chart, { csi: { hostNetwork: true } })).toContain("hostNetwork");
    expect(renderChartFailure(chart, { cloudConfigSecret: "Cloud Config" })).toContain("cloudConfigSecret");
  });
});
