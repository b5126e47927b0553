import { Construct } from "constructs";
import { Fn, Precondition, TerraformLocal, Token } from "../cdk";
import { NetworkingPortV2 } from "../../.gen/providers/openstack/networking-port-v2";
import { ComputeInstanceV2 } from "../../.gen/providers/openstack/compute-instance-v2";
import { ComputeServergroupV2 } from "../../.gen/providers/openstack/compute-servergroup-v2";
import type { K8sClusterVnfProps } from "../k8s-cluster-vnf";
import { jsonString } from "../encoding";
import { ApiVirtualIp, ApplyTimeScalar, BootstrapFile, renderK3sCloudConfig } from "../bootstrap/k3s-cloud-config";
import { AttributeReader, Site } from "./cluster-network";
import { DEFAULT_K3S_VERSION } from "./cluster-validation";

/** One node's server: where it runs, what it boots, and how Terraform treats it. */
export interface NodeServerSpec {
  readonly name: string;
  readonly site: Site;
  readonly port: NetworkingPortV2;
  readonly flavor: string;
  readonly imageId: string;
  readonly volumeSize: number;
  readonly availabilityZone?: string;
  readonly stopBeforeDestroy: boolean;
  readonly serverGroup?: ComputeServergroupV2;
  readonly userData: string;
  readonly preconditions?: Precondition[];
}

/**
 * The servers of a K8sClusterVnf, k3s servers and agents alike: a VM booting from a volume made of its VIM's image,
 * on its port, bootstrapped by cloud-init, and the token they join with. Not a construct: what it makes are the
 * cluster's own children.
 */
export class NodeServers {
  /**
   * The kubelet's settings of every node with `openstackIntegration` (none without): k3s's own cloud controller would
   * set provider ids and addresses the OpenStack CCM then refuses to overwrite.
   */
  readonly cloudProvider: Readonly<Record<string, unknown>>;
  private token?: ApplyTimeScalar;

  constructor(
    private readonly cluster: Construct,
    private readonly clusterName: string,
    private readonly props: K8sClusterVnfProps,
    private readonly attr: AttributeReader,
  ) {
    this.cloudProvider = props.openstackIntegration ? { "kubelet-arg": ["cloud-provider=external"] } : {};
  }

  /**
   * The token agents and joining servers present: the server CA pinned by the secure format K10<sha256 of the CA
   * bundle>::server:<secret>, as a JSON string. A Terraform local, computed once instead of once per node (plans stay
   * small), made when the first node needs it (a cluster of one server and no worker has none).
   */
  joinToken(): ApplyTimeScalar {
    if (!this.token) {
      const { credentials } = this.props;
      const secret = credentials.joinSecret;
      const caHash = Fn.sha256(credentials.serverCa.certificatePem);
      // The hash is hex: a secret known at synth (which cdktf cannot pass to jsonencode()) is encoded around it.
      this.token = ApplyTimeScalar.json(new TerraformLocal(this.cluster, "agent-join-token",
        Token.isUnresolved(secret) ? jsonString(`K10${caHash}::server:${secret}`) : `"K10${caHash}::server:${jsonString(secret).slice(1, -1)}"`).asString);
    }
    return this.token;
  }

  /** A node's user-data: k3s of the cluster's release, its settings and files, and the SSH key when there is one. */
  cloudConfig(role: "server" | "agent", nodeName: string, k3sConfig: Record<string, unknown>, files: BootstrapFile[],
    apiVirtualIp?: ApiVirtualIp): string {
    const props = this.props;
    return renderK3sCloudConfig({
      role,
      nodeName,
      k3sVersion: props.k3sVersion ?? DEFAULT_K3S_VERSION,
      k3sDownloadUrl: props.k3sDownloadUrl ?? "https://github.com/k3s-io/k3s/releases/download",
      k3sSha256: props.k3sSha256,
      k3sConfig,
      files,
      sshAuthorizedKeys: props.sshPublicKey ? [props.sshPublicKey] : undefined,
      apiVirtualIp,
    });
  }

  /** The server of the node `key` (construct id `<key>-server`). */
  server(key: string, spec: NodeServerSpec): ComputeInstanceV2 {
    return new ComputeInstanceV2(this.cluster, `${key}-server`, {
      provider: spec.site.vim.provider,
      name: spec.name,
      flavorName: spec.flavor,
      availabilityZone: spec.availabilityZone,
      userData: spec.userData,
      network: [{ port: spec.port.id }],
      blockDevice: [{
        uuid: spec.imageId, sourceType: "image", destinationType: "volume",
        volumeSize: spec.volumeSize, bootIndex: 0, deleteOnTermination: true,
      }],
      schedulerHints: spec.serverGroup ? [{ group: this.attr(spec.serverGroup, "id") }] : undefined,
      stopBeforeDestroy: spec.stopBeforeDestroy,
      metadata: { "mecaas-cluster": this.clusterName, "mecaas-node": spec.name },
      // A new image, bootstrap or default zone must never silently replace a running node: roll workers on purpose
      // with `terraform apply -replace`, never the controller (its boot volume, deleted with it, holds the datastore).
      lifecycle: { ignoreChanges: ["user_data", "block_device", "image_id", "availability_zone"], precondition: spec.preconditions },
    });
  }
}
