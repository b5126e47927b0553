import { Construct } from "constructs";
import { TerraformStack } from "cdktf";
import { TlsProvider } from "@cdktf/provider-tls/lib/provider";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { ClusterPki } from "../lib";

export interface CspPkiStackProps {
  readonly clusterName: string;
  /** etcd's CAs too, for a cluster of several servers. @default false */
  readonly embeddedEtcd?: boolean;
}

/**
 * A CSP's cluster PKI in a stack of its own: its state holds CA keys, so it can sit in a more tightly guarded backend
 * than the infrastructure's, and the infrastructure stack stays validatable with the OpenStack provider alone.
 */
export class CspPkiStack extends TerraformStack {
  public readonly pki: ClusterPki;

  constructor(scope: Construct, id: string, props: CspPkiStackProps) {
    super(scope, id);
    new TlsProvider(this, "tls");
    new RandomProvider(this, "random");
    this.pki = new ClusterPki(this, "pki", { clusterName: props.clusterName, embeddedEtcd: props.embeddedEtcd });
  }
}
