/**
 * Placeholder day-1 credentials for construct specs: every PEM a recognizable word, so a spec can find where each
 * one lands (user-data, kubeconfig) without a real CA. `withEtcdCas` adds the etcd CAs of an HA cluster's pki;
 * `placeholderAccess` is a cluster as the platform constructs reach it.
 */
import type { ClusterAccess } from "../../lib/cluster-access";
import type { ClusterCredentials } from "../../lib/cluster-pki";

export const placeholderCredentials: ClusterCredentials = {
  serverCa: { certificatePem: "SERVER-CA-CERT", privateKeyPem: "SERVER-CA-KEY" },
  clientCa: { certificatePem: "CLIENT-CA-CERT", privateKeyPem: "CLIENT-CA-KEY" },
  requestHeaderCa: { certificatePem: "RH-CA-CERT", privateKeyPem: "RH-CA-KEY" },
  admin: { certificatePem: "ADMIN-CERT", privateKeyPem: "ADMIN-KEY" },
  nodeDrainer: { certificatePem: "DRAINER-CERT", privateKeyPem: "DRAINER-KEY" },
  joinSecret: "join-secret",
};

export const withEtcdCas = (credentials: ClusterCredentials = placeholderCredentials): ClusterCredentials => ({
  ...credentials,
  etcdPeerCa: { certificatePem: "ETCD-PEER-CA-CERT", privateKeyPem: "ETCD-PEER-CA-KEY" },
  etcdServerCa: { certificatePem: "ETCD-SERVER-CA-CERT", privateKeyPem: "ETCD-SERVER-CA-KEY" },
});

/** How a platform construct's providers reach a cluster, in placeholders (a documentation address, fake PEMs). */
export const placeholderAccess: ClusterAccess = {
  apiEndpoint: "https://198.51.100.7:6443",
  clusterCaCertificatePem: "-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n",
  clientCertificatePem: "-----BEGIN CERTIFICATE-----\nCLIENT\n-----END CERTIFICATE-----\n",
  clientKeyPem: "-----BEGIN EC PRIVATE KEY-----\nKEY\n-----END EC PRIVATE KEY-----\n",
};

/** An object store for etcd snapshots at a documentation address, with placeholder keys (no real credential). */
export const placeholderSnapshotStore = {
  etcdS3Endpoint: "http://192.0.2.10:8080", etcdS3AccessKey: "placeholder-access-key", etcdS3SecretKey: "placeholder-secret-key",
} as const;
