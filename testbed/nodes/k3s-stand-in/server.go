package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"
)

var (
	serverDir = filepath.Join(dataDir, "server")
	tlsDir    = filepath.Join(serverDir, "tls")
	credDir   = filepath.Join(serverDir, "cred")
)

const localAPI = "https://127.0.0.1:6443"

// The user the API server presents to kubelets (logs, exec, port-forward), bound to system:kubelet-api-admin.
const apiServerKubeletClientUser = "kube-apiserver-kubelet-client"

// The front proxy's client certificate name, the only one the API server accepts request headers from.
const frontProxyUser = "system:auth-proxy"

const coreDNSUser = "system:k3s-stand-in:coredns"

// serverPKI is what the server's processes are started with.
type serverPKI struct {
	serverCA, clientCA, requestHeaderCA *CA
	admin                               [2][]byte
	kubeProxy                           [2][]byte
}

func (s *Stage) server() error {
	cfg := s.cfg
	logf("flannel-backend %q is recorded, not honoured: pod traffic between nodes is routed host-gw style (no overlay)", cfg.FlannelBackend)
	if cfg.Token == "" {
		return fmt.Errorf("no token in the configuration: the stand-in does not generate one")
	}
	token, err := parseJoinToken(cfg.Token)
	if err != nil {
		return err
	}
	pki, err := s.serverCertificates()
	if err != nil {
		return fmt.Errorf("certificates: %w", err)
	}
	logf("certificates ready")

	if s.clustered() {
		err = s.clusteredDatastore(pki, token.Secret)
	} else {
		err = s.startEtcd()
	}
	if err != nil {
		return err
	}
	if err := s.startAPIServer(); err != nil {
		return err
	}
	admin, err := newKube(localAPI, pki.serverCA.CertPEM, pki.admin[0], pki.admin[1])
	if err != nil {
		return err
	}
	if err := s.waitFor("kube-apiserver /readyz", 500*time.Millisecond, func() error {
		_, err := admin.getRaw("/readyz")
		return err
	}); err != nil {
		return err
	}
	logf("kube-apiserver ready")

	coreDNS := fileExists(binary("coredns"))
	if err := s.waitFor("bootstrap objects", 2*time.Second, func() error {
		return applyBootstrapObjects(admin, cfg, s.ip, token.Secret, pki, coreDNS)
	}); err != nil {
		return err
	}
	logf("bootstrap objects applied (bootstrap token, RBAC, join ConfigMap kube-public/%s, StorageClass local-path)", joinConfigMap)

	if err := s.startControllers(); err != nil {
		return err
	}
	if coreDNS {
		if err := s.startCoreDNS(pki); err != nil {
			return err
		}
	} else {
		logf("no %s: cluster DNS is skipped (no CoreDNS, no kube-dns Service)", binary("coredns"))
	}
	s.deployManifests()
	s.runLocalPathProvisioner(admin)
	s.labelServerNode(admin)
	s.approveKubeletServing(admin)
	sdNotify("READY=1")
	logf("server ready (READY=1 sent to systemd)")

	// The server is a node too, as in k3s; it needs no join: it trusts its own CA.
	id, secret := bootstrapToken(token.Secret)
	return s.runNode(JoinInfo{
		Server: localAPI, ServerCA: pki.serverCA.CertPEM, ClientCA: pki.clientCA.CertPEM,
		ClusterDNS: cfg.ClusterDNS, ClusterCIDR: cfg.ClusterCIDR, BootstrapToken: id + "." + secret,
	}, kubeconfig(localAPI, pki.serverCA.CertPEM, pki.kubeProxy[0], pki.kubeProxy[1], ""))
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

func (s *Stage) serverCertificates() (*serverPKI, error) {
	cfg := s.cfg
	pki := &serverPKI{}
	cas := []struct {
		name string
		dst  **CA
	}{{"server-ca", &pki.serverCA}, {"client-ca", &pki.clientCA}, {"request-header-ca", &pki.requestHeaderCA}}
	for _, c := range cas {
		ca, created, err := loadOrCreateCA(filepath.Join(tlsDir, c.name), "k3s-"+c.name)
		if err != nil {
			return nil, err
		}
		if created {
			logf("%s: none seeded, generated one", c.name)
		} else {
			logf("%s: using the seeded %s.crt (%s)", c.name, c.name, ca.Cert.Subject.CommonName)
		}
		*c.dst = ca
	}
	dns, ips, err := apiServerSANs(cfg.TLSSANs, net.ParseIP(s.ip).To4(), cfg.NodeName, cfg.ServiceCIDR)
	if err != nil {
		return nil, err
	}
	if _, _, err := pki.serverCA.ensureLeaf(filepath.Join(tlsDir, "serving-kube-apiserver"),
		LeafSpec{CommonName: "kube-apiserver", DNSNames: dns, IPs: ips, Server: true}); err != nil {
		return nil, err
	}
	clients := []struct {
		file, cn, org string
		ca            *CA
		dst           *[2][]byte
	}{
		{"client-admin", "system:admin", "system:masters", pki.clientCA, &pki.admin},
		{"client-controller", "system:kube-controller-manager", "", pki.clientCA, nil},
		{"client-scheduler", "system:kube-scheduler", "", pki.clientCA, nil},
		{"client-kube-proxy", "system:kube-proxy", "", pki.clientCA, &pki.kubeProxy},
		{"client-kube-apiserver", apiServerKubeletClientUser, "", pki.clientCA, nil},
		{"client-coredns", coreDNSUser, "", pki.clientCA, nil},
		{"client-auth-proxy", frontProxyUser, "", pki.requestHeaderCA, nil},
	}
	for _, c := range clients {
		spec := LeafSpec{CommonName: c.cn, Client: true}
		if c.org != "" {
			spec.Organization = []string{c.org}
		}
		cert, key, err := c.ca.ensureLeaf(filepath.Join(tlsDir, c.file), spec)
		if err != nil {
			return nil, err
		}
		if c.dst != nil {
			*c.dst = [2][]byte{cert, key}
		}
		// Each control-plane process gets a kubeconfig of its own identity against the local API server.
		name := strings.TrimPrefix(c.file, "client-")
		if err := writeFile(filepath.Join(credDir, name+".kubeconfig"), kubeconfig(localAPI, pki.serverCA.CertPEM, cert, key, ""), 0600); err != nil {
			return nil, err
		}
	}
	if err := writeFile(adminKubeconfig, kubeconfig(localAPI, pki.serverCA.CertPEM, pki.admin[0], pki.admin[1], ""), cfg.WriteKubeconfigMode); err != nil {
		return nil, err
	}
	return pki, nil
}

// ensureServerKeys makes the service-account key and the secrets-encryption key when this server has none (of its
// own, or read from the first server's bootstrap data).
func (s *Stage) ensureServerKeys() error {
	if err := ensureServiceAccountKey(filepath.Join(tlsDir, "service.key")); err != nil {
		return err
	}
	if s.cfg.SecretsEncryption {
		return ensureEncryptionConfig(filepath.Join(credDir, "encryption-config.json"))
	}
	return nil
}

// clustered: one of several servers (k3s's embedded etcd): the first with cluster-init, the others joining it.
func (s *Stage) clustered() bool { return s.cfg.ClusterInit || s.cfg.Server != "" }

// clusteredDatastore starts this server's etcd member and shares the keys every server must hold alike.
func (s *Stage) clusteredDatastore(pki *serverPKI, joinSecret string) error {
	joining := s.cfg.Server != ""
	etcd, err := s.etcdCertificates(joining)
	if err != nil {
		return fmt.Errorf("etcd certificates: %w", err)
	}
	if err := s.startClusteredEtcd(pki, etcd); err != nil {
		return err
	}
	local, err := localEtcd(etcd)
	if err != nil {
		return err
	}
	if joining {
		if err := s.waitFor("bootstrap data in etcd", 2*time.Second, func() error { return readBootstrap(local, joinSecret) }); err != nil {
			return err
		}
		logf("etcd: bootstrap data read (the service-account and secrets-encryption keys the other servers use)")
		go s.snapshotLoop(local)
		return s.ensureServerKeys()
	}
	if err := s.ensureServerKeys(); err != nil {
		return err
	}
	if err := s.waitFor("bootstrap data stored in etcd", 2*time.Second, func() error { return storeBootstrap(local, joinSecret) }); err != nil {
		return err
	}
	go s.snapshotLoop(local)
	return nil
}

// ensureServiceAccountKey makes the key that signs service account tokens, once: a new one would invalidate every
// token pods hold.
func ensureServiceAccountKey(path string) error {
	if fileExists(path) {
		return nil
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	der, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		return err
	}
	return writeFile(path, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: der}), 0600)
}

// ensureEncryptionConfig writes the API server's encryption of Secrets at rest (k3s's secrets-encryption), with a
// key generated once: later restarts must decrypt what earlier ones wrote.
func ensureEncryptionConfig(path string) error {
	if fileExists(path) {
		return nil
	}
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return err
	}
	config := map[string]any{
		"kind": "EncryptionConfiguration", "apiVersion": "apiserver.config.k8s.io/v1",
		"resources": []any{map[string]any{
			"resources": []string{"secrets"},
			"providers": []any{
				map[string]any{"aescbc": map[string]any{"keys": []any{map[string]any{"name": "aescbckey", "secret": base64.StdEncoding.EncodeToString(key)}}}},
				map[string]any{"identity": map[string]any{}},
			},
		}},
	}
	data, err := json.MarshalIndent(config, "", "  ")
	if err != nil {
		return err
	}
	return writeFile(path, data, 0600)
}

// startEtcd runs the datastore of a cluster of one on loopback only (a server of several listens on its address for
// peers: etcd.go). Plain HTTP: nothing but this node's processes can reach 127.0.0.1.
func (s *Stage) startEtcd() error {
	if err := s.ensureServerKeys(); err != nil {
		return err
	}
	if err := os.MkdirAll(etcdDataDir, 0700); err != nil {
		return err
	}
	_, err := s.sup.start("etcd", binary("etcd"), []string{
		"--name=" + s.cfg.NodeName, "--data-dir=" + etcdDataDir,
		"--listen-client-urls=http://127.0.0.1:2379", "--advertise-client-urls=http://127.0.0.1:2379",
		"--listen-peer-urls=http://127.0.0.1:2380", "--initial-advertise-peer-urls=http://127.0.0.1:2380",
		"--initial-cluster=" + s.cfg.NodeName + "=http://127.0.0.1:2380",
		"--listen-metrics-urls=http://127.0.0.1:2381", "--log-level=warn",
	}, nil)
	if err != nil {
		return err
	}
	return s.waitForEtcdHealth()
}

// waitForEtcdHealth waits for this member's /health: a leader elected (with several, a quorum up) and data applied.
func (s *Stage) waitForEtcdHealth() error {
	if err := s.waitFor("etcd /health", 300*time.Millisecond, func() error { return httpGetOK("http://127.0.0.1:2381/health") }); err != nil {
		return err
	}
	logf("etcd ready")
	return nil
}

func (s *Stage) startAPIServer() error {
	cfg := s.cfg
	tls := func(name string) string { return filepath.Join(tlsDir, name) }
	args := []string{
		"--bind-address=0.0.0.0", "--secure-port=6443", "--advertise-address=" + s.ip,
		"--tls-cert-file=" + tls("serving-kube-apiserver.crt"), "--tls-private-key-file=" + tls("serving-kube-apiserver.key"),
		"--client-ca-file=" + tls("client-ca.crt"),
		"--authorization-mode=Node,RBAC",
		"--enable-admission-plugins=NodeRestriction",
		"--enable-bootstrap-token-auth=true",
		"--anonymous-auth=true", // the join ConfigMap is read before an agent has credentials
		"--allow-privileged=true",
		"--service-cluster-ip-range=" + cfg.ServiceCIDR,
		"--service-account-key-file=" + tls("service.key"),
		"--service-account-signing-key-file=" + tls("service.key"),
		"--service-account-issuer=https://kubernetes.default.svc.cluster.local",
		"--api-audiences=https://kubernetes.default.svc.cluster.local,k3s",
		"--kubelet-client-certificate=" + tls("client-kube-apiserver.crt"),
		"--kubelet-client-key=" + tls("client-kube-apiserver.key"),
		"--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname",
		"--kubelet-certificate-authority=" + tls("server-ca.crt"),
		"--proxy-client-cert-file=" + tls("client-auth-proxy.crt"),
		"--proxy-client-key-file=" + tls("client-auth-proxy.key"),
		"--requestheader-client-ca-file=" + tls("request-header-ca.crt"),
		"--requestheader-allowed-names=" + frontProxyUser,
		"--requestheader-username-headers=X-Remote-User",
		"--requestheader-group-headers=X-Remote-Group",
		"--requestheader-extra-headers-prefix=X-Remote-Extra-",
		"--profiling=false",
	}
	if cfg.SecretsEncryption {
		args = append(args, "--encryption-provider-config="+filepath.Join(credDir, "encryption-config.json"))
	}
	// Each server's API server uses its own etcd member (with several, over TLS with etcd's client certificate).
	if s.clustered() {
		etcdTLS := func(name string) string { return filepath.Join(etcdTLSDir, name) }
		args = append(args, fmt.Sprintf("--etcd-servers=https://127.0.0.1:%d", etcdClientPort), "--etcd-cafile="+etcdTLS("server-ca.crt"),
			"--etcd-certfile="+etcdTLS("client.crt"), "--etcd-keyfile="+etcdTLS("client.key"))
	} else {
		args = append(args, "--etcd-servers=http://127.0.0.1:2379")
	}
	_, err := s.sup.start("kube-apiserver", binary("kube-apiserver"), args, nil)
	return err
}

func (s *Stage) startControllers() error {
	cfg := s.cfg
	tls := func(name string) string { return filepath.Join(tlsDir, name) }
	controllerKubeconfig := filepath.Join(credDir, "controller.kubeconfig")
	_, err := s.sup.start("kube-controller-manager", binary("kube-controller-manager"), []string{
		"--kubeconfig=" + controllerKubeconfig,
		"--authentication-kubeconfig=" + controllerKubeconfig,
		"--authorization-kubeconfig=" + controllerKubeconfig,
		"--bind-address=127.0.0.1",
		s.leaderElect(),
		"--allocate-node-cidrs=true", "--cluster-cidr=" + cfg.ClusterCIDR, "--node-cidr-mask-size=24",
		"--service-cluster-ip-range=" + cfg.ServiceCIDR,
		"--configure-cloud-routes=false",
		"--controllers=*,bootstrapsigner,tokencleaner",
		"--use-service-account-credentials=true",
		"--service-account-private-key-file=" + tls("service.key"),
		"--root-ca-file=" + tls("server-ca.crt"),
		// Client certificates (kubelets' and others') are signed with the client CA the API server trusts, kubelet
		// serving certificates with the server CA, as k3s signs them.
		"--cluster-signing-kube-apiserver-client-cert-file=" + tls("client-ca.crt"),
		"--cluster-signing-kube-apiserver-client-key-file=" + tls("client-ca.key"),
		"--cluster-signing-kubelet-client-cert-file=" + tls("client-ca.crt"),
		"--cluster-signing-kubelet-client-key-file=" + tls("client-ca.key"),
		"--cluster-signing-kubelet-serving-cert-file=" + tls("server-ca.crt"),
		"--cluster-signing-kubelet-serving-key-file=" + tls("server-ca.key"),
		"--cluster-signing-legacy-unknown-cert-file=" + tls("server-ca.crt"),
		"--cluster-signing-legacy-unknown-key-file=" + tls("server-ca.key"),
		"--profiling=false",
	}, nil)
	if err != nil {
		return err
	}
	schedulerKubeconfig := filepath.Join(credDir, "scheduler.kubeconfig")
	_, err = s.sup.start("kube-scheduler", binary("kube-scheduler"), []string{
		"--kubeconfig=" + schedulerKubeconfig,
		"--authentication-kubeconfig=" + schedulerKubeconfig,
		"--authorization-kubeconfig=" + schedulerKubeconfig,
		"--bind-address=127.0.0.1",
		s.leaderElect(),
		"--profiling=false",
	}, nil)
	return err
}

// leaderElect: with several servers one controller-manager and one scheduler act at a time (leases in the API),
// as in k3s; with one, none waits for a lease a previous run held.
func (s *Stage) leaderElect() string { return fmt.Sprintf("--leader-elect=%t", s.clustered()) }

// startCoreDNS runs CoreDNS as a process on the server's address (k3s runs it as a Deployment in kube-system); the
// kube-dns Service points at it through an EndpointSlice (applyBootstrapObjects).
func (s *Stage) startCoreDNS(pki *serverPKI) error {
	corefile := fmt.Sprintf(`.:53 {
    bind %s
    errors
    health 127.0.0.1:8181
    kubernetes cluster.local in-addr.arpa ip6.arpa {
        kubeconfig %s
        pods insecure
        fallthrough in-addr.arpa ip6.arpa
        ttl 30
    }
    cache 30
    loadbalance
}
`, s.ip, filepath.Join(credDir, "coredns.kubeconfig"))
	path := filepath.Join(serverDir, "etc", "coredns", "Corefile")
	if err := writeFile(path, []byte(corefile), 0644); err != nil {
		return err
	}
	_, err := s.sup.start("coredns", binary("coredns"), []string{"-conf", path}, nil)
	return err
}

// labelServerNode gives the server's node the role labels k3s sets from the server side (a kubelet may not set
// node-role.kubernetes.io/* on itself: NodeRestriction).
func (s *Stage) labelServerNode(admin *Kube) {
	labels := map[string]string{
		"node-role.kubernetes.io/control-plane": "true",
		"node-role.kubernetes.io/master":        "true",
		"node-role.kubernetes.io/etcd":          "true",
	}
	s.every("server node role labels", 5*time.Second, func() error {
		var node Node
		if err := admin.get("/api/v1/nodes/"+s.cfg.NodeName, &node); err != nil {
			if isStatus(err, 404) {
				return nil // not registered yet
			}
			return err
		}
		missing := map[string]any{}
		for k, v := range labels {
			if node.Metadata.Labels[k] != v {
				missing[k] = v
			}
		}
		if len(missing) == 0 {
			return nil
		}
		if err := admin.mergePatch("/api/v1/nodes/"+s.cfg.NodeName, map[string]any{"metadata": map[string]any{"labels": missing}}); err != nil {
			return err
		}
		logf("node %s labelled %v", s.cfg.NodeName, missing)
		return nil
	})
}
