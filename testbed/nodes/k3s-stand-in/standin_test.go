package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func writeTestFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0600); err != nil {
		t.Fatal(err)
	}
}

func TestConfigMergesDropInsInLexicalOrderLaterKeysWin(t *testing.T) {
	dir := t.TempDir()
	writeTestFile(t, filepath.Join(dir, "config.yaml"), `
node-name: 'ctl'
token: 'from-base'
tls-san: ['a.example', '10.0.0.5']
secrets-encryption: true
write-kubeconfig-mode: '0644'
node-taint: ['node-role.kubernetes.io/control-plane:NoSchedule']
disable: [traefik]
`)
	// The project's apply-time drop-in: JSON strings, as Terraform writes them.
	writeTestFile(t, filepath.Join(dir, "config.yaml.d", "50-mecaas-apply-time.yaml"), "token: \"a \\\"quoted\\\": secret\"\ntls-san:\n  - \"192.0.2.7\"\n")
	writeTestFile(t, filepath.Join(dir, "config.yaml.d", "10-first.yaml"), "token: 'overridden by 50'\ncluster-dns: '10.96.0.10'\n")
	writeTestFile(t, filepath.Join(dir, "config.yaml.d", "ignored.yml"), "token: 'not a .yaml file'\n")

	c, err := loadConfig(dir)
	if err != nil {
		t.Fatal(err)
	}
	if c.Token != `a "quoted": secret` {
		t.Errorf("token = %q, want the 50- drop-in's", c.Token)
	}
	if !slices.Equal(c.TLSSANs, []string{"192.0.2.7"}) {
		t.Errorf("tls-san = %v, want the drop-in's list replacing the base's", c.TLSSANs)
	}
	if c.ClusterDNS != "10.96.0.10" || c.ServiceCIDR != "10.43.0.0/16" || c.ClusterCIDR != "10.42.0.0/16" {
		t.Errorf("cluster-dns %q service-cidr %q cluster-cidr %q", c.ClusterDNS, c.ServiceCIDR, c.ClusterCIDR)
	}
	if !c.SecretsEncryption || c.WriteKubeconfigMode != 0644 || c.NodeName != "ctl" {
		t.Errorf("secrets-encryption %v mode %o node-name %q", c.SecretsEncryption, c.WriteKubeconfigMode, c.NodeName)
	}
	if !slices.Equal(c.NodeTaints, []string{"node-role.kubernetes.io/control-plane:NoSchedule"}) {
		t.Errorf("node-taint = %v", c.NodeTaints)
	}
	if !slices.Equal(c.Ignored, []string{"disable"}) {
		t.Errorf("ignored keys = %v, want [disable]", c.Ignored)
	}
}

func TestConfigRejectsAModeThatIsNotOctal(t *testing.T) {
	if _, err := configFromMap(map[string]any{"write-kubeconfig-mode": "0698"}); err == nil {
		t.Fatal("want an error for 0698")
	}
}

func TestConfigTakesASingleValueForAListKey(t *testing.T) {
	c, err := configFromMap(map[string]any{"node-label": "mecaas.io/pool=main"})
	if err != nil || !slices.Equal(c.NodeLabels, []string{"mecaas.io/pool=main"}) {
		t.Fatalf("node-label = %v, %v", c.NodeLabels, err)
	}
}

func TestKubeletArgsBecomeFlagsAfterTheStandInsOwn(t *testing.T) {
	c, err := configFromMap(map[string]any{"node-name": "n1", "kubelet-arg": []any{"cloud-provider=external", "--v=2"}, "disable-cloud-controller": true})
	if err != nil {
		t.Fatal(err)
	}
	args := kubeletArgs(c, "10.0.0.5")
	if !slices.Equal(args[len(args)-2:], []string{"--cloud-provider=external", "--v=2"}) || !c.DisableCloudController || len(c.Ignored) != 0 {
		t.Errorf("kubelet args %v, disable-cloud-controller %v, ignored %v", args, c.DisableCloudController, c.Ignored)
	}
}

const testCAPEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"

func hashOf(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func TestSecureTokenPinsTheCAExactlyAsItsBytes(t *testing.T) {
	token, err := parseJoinToken("K10" + hashOf(testCAPEM) + "::server:s3cr:et")
	if err != nil {
		t.Fatal(err)
	}
	if token.User != "server" || token.Secret != "s3cr:et" {
		t.Errorf("user %q secret %q", token.User, token.Secret)
	}
	if err := token.verifyCA([]byte(testCAPEM)); err != nil {
		t.Errorf("the pinned CA: %v", err)
	}
	// One byte more (a trailing newline) is another CA as far as the pin goes.
	if err := token.verifyCA([]byte(testCAPEM + "\n")); err == nil {
		t.Error("a CA with other bytes passed the pin")
	}
}

func TestBareSecretIsAcceptedWithoutPinning(t *testing.T) {
	token, err := parseJoinToken("just-a-secret")
	if err != nil {
		t.Fatal(err)
	}
	if token.CAHash != "" || token.Secret != "just-a-secret" {
		t.Errorf("%+v", token)
	}
	if err := token.verifyCA([]byte("anything")); err != nil {
		t.Errorf("unpinned token refused a CA: %v", err)
	}
}

func TestMalformedSecureTokensAreRefused(t *testing.T) {
	for _, bad := range []string{"", "K10abc::server:x", "K10" + strings.Repeat("z", 64) + "::server:x", "K10" + hashOf("x") + "::server:", "K10" + hashOf("x") + "::nosecret"} {
		if _, err := parseJoinToken(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestBootstrapTokenIsDerivedStablyInKubernetesFormat(t *testing.T) {
	id, secret := bootstrapToken("join secret")
	id2, secret2 := bootstrapToken("join secret")
	if id != id2 || secret != secret2 {
		t.Fatal("not deterministic")
	}
	if !regexp.MustCompile(`^[a-z0-9]{6}\.[a-z0-9]{16}$`).MatchString(id + "." + secret) {
		t.Errorf("%s.%s is not a bootstrap token", id, secret)
	}
	if other, _ := bootstrapToken("another secret"); other == id {
		t.Error("two secrets gave one token id")
	}
	// The id and the secret must not be the same digest's halves: knowing the id (it is in the Secret's name) must not
	// tell anything of the secret.
	if strings.HasPrefix(hashOf("join secret"), id+secret) {
		t.Error("id and secret are one digest")
	}
}

func TestAPIServerCertificateHoldsTheNamesClientsUse(t *testing.T) {
	dir := t.TempDir()
	ca, created, err := loadOrCreateCA(filepath.Join(dir, "server-ca"), "k3s-server-ca")
	if err != nil || !created {
		t.Fatal(created, err)
	}
	nodeIP := net.ParseIP("10.77.0.10").To4()
	dns, ips, err := apiServerSANs([]string{"192.0.2.40", "10.77.0.10", "api.example"}, nodeIP, "c1-controller", "10.43.0.0/16")
	if err != nil {
		t.Fatal(err)
	}
	certPEM, _, err := ca.ensureLeaf(filepath.Join(dir, "serving"), LeafSpec{CommonName: "kube-apiserver", DNSNames: dns, IPs: ips, Server: true})
	if err != nil {
		t.Fatal(err)
	}
	cert, err := parseCert(certPEM)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(ca.Cert)
	for _, name := range []string{"127.0.0.1", "10.77.0.10", "192.0.2.40", "10.43.0.1", "localhost", "api.example",
		"kubernetes.default.svc", "kubernetes.default.svc.cluster.local", "c1-controller"} {
		if _, err := cert.Verify(x509.VerifyOptions{DNSName: name, Roots: pool}); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := cert.Verify(x509.VerifyOptions{DNSName: "10.43.0.2", Roots: pool}); err == nil {
		t.Error("10.43.0.2 verified: only the service CIDR's first address is the API's")
	}
	if len(ips) != 4 {
		t.Errorf("IP SANs %v: the node address given twice must appear once", ips)
	}
}

func TestSeededCAIsUsedAsGivenAndLeavesAreKeptAcrossRestarts(t *testing.T) {
	dir := t.TempDir()
	seeded, _, err := loadOrCreateCA(filepath.Join(dir, "seed", "client-ca"), "seed")
	if err != nil {
		t.Fatal(err)
	}
	ca, created, err := loadOrCreateCA(filepath.Join(dir, "seed", "client-ca"), "other")
	if err != nil || created || !ca.Cert.Equal(seeded.Cert) {
		t.Fatalf("seeded CA not used as given (created %v, err %v)", created, err)
	}
	spec := LeafSpec{CommonName: "system:admin", Organization: []string{"system:masters"}, Client: true}
	first, _, err := ca.ensureLeaf(filepath.Join(dir, "client-admin"), spec)
	if err != nil {
		t.Fatal(err)
	}
	again, _, _ := ca.ensureLeaf(filepath.Join(dir, "client-admin"), spec)
	if string(first) != string(again) {
		t.Error("an unchanged leaf was issued anew")
	}
	spec.Organization = nil
	changed, _, _ := ca.ensureLeaf(filepath.Join(dir, "client-admin"), spec)
	if string(changed) == string(first) {
		t.Error("a leaf whose subject changed was kept")
	}
	// Only one of the pair present is an error, not a new CA over a seeded half.
	os.Remove(filepath.Join(dir, "seed", "client-ca.key"))
	if _, _, err := loadOrCreateCA(filepath.Join(dir, "seed", "client-ca"), "x"); err == nil {
		t.Error("a CA with its key missing was replaced")
	}
}

func TestKubeletLabelsRefuseWhatNodeRestrictionForbids(t *testing.T) {
	allowed, refused := kubeletLabels([]string{"mecaas.io/pool=main", "node-role.kubernetes.io/worker=true",
		"topology.kubernetes.io/zone=edge-1", "node.kubernetes.io/instance-type=m1", "example.k8s.io/x=y", "plain=1"})
	if !slices.Equal(allowed, []string{"mecaas.io/pool=main", "topology.kubernetes.io/zone=edge-1", "node.kubernetes.io/instance-type=m1", "plain=1"}) {
		t.Errorf("allowed %v", allowed)
	}
	if !slices.Equal(refused, []string{"node-role.kubernetes.io/worker=true", "example.k8s.io/x=y"}) {
		t.Errorf("refused %v", refused)
	}
}

func TestPodRoutesGoToEveryOtherNodesInternalIP(t *testing.T) {
	node := func(name, cidr, ip string) Node {
		var n Node
		n.Metadata.Name, n.Spec.PodCIDR = name, cidr
		if ip != "" {
			n.Status.Addresses = append(n.Status.Addresses, struct {
				Type    string `json:"type"`
				Address string `json:"address"`
			}{"InternalIP", ip})
		}
		return n
	}
	_, local, _ := net.ParseCIDR("10.0.0.0/24")
	got, unreachable := desiredPodRoutes([]Node{node("self", "10.42.0.0/24", "10.0.0.1"), node("b", "10.42.1.0/24", "10.0.0.2"),
		node("no-cidr-yet", "", "10.0.0.3"), node("no-address-yet", "10.42.3.0/24", ""), node("other-site", "10.42.4.0/24", "10.1.0.2")},
		"self", local.Contains)
	if len(got) != 1 || got["10.42.1.0/24"] != "10.0.0.2" {
		t.Errorf("%v", got)
	}
	if !slices.Equal(unreachable, []string{"other-site"}) {
		t.Errorf("unreachable %v", unreachable)
	}
}

func TestDefaultRouteInterfaceFromProcNetRoute(t *testing.T) {
	path := filepath.Join(t.TempDir(), "route")
	writeTestFile(t, path, "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n"+
		"cni0\t00002A0A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n"+
		"eth0\t00000000\t01004D0A\t0003\t0\t0\t0\t00000000\t0\t0\t0\n")
	if iface, err := defaultRouteInterface(path); err != nil || iface != "eth0" {
		t.Errorf("%q %v", iface, err)
	}
}

func TestJoinObjectsPublishTheCAFileBytesAndOnlyThatConfigMapToAnonymous(t *testing.T) {
	cfg, _ := configFromMap(map[string]any{"node-name": "ctl"})
	objects := bootstrapObjects(cfg, "10.0.0.1", "secret", []byte(testCAPEM), []byte("client"), true)
	var found bool
	for _, o := range objects {
		path, object := o[0].(string), o[1].(map[string]any)
		if strings.HasSuffix(path, "/configmaps/"+joinConfigMap) {
			found = object["data"].(map[string]any)[joinKeyServerCA] == testCAPEM
		}
		if strings.HasSuffix(path, "/roles/"+joinConfigMap+"-reader") {
			rule := object["rules"].([]any)[0].(map[string]any)
			if !slices.Equal(rule["resourceNames"].([]string), []string{joinConfigMap}) || !slices.Equal(rule["verbs"].([]string), []string{"get"}) {
				t.Errorf("anonymous may do more than get the join ConfigMap: %v", rule)
			}
		}
	}
	if !found {
		t.Error("join ConfigMap missing or its CA not the file's bytes")
	}
}

func TestKubeletServingRequestsAreApprovedOnlyForTheNodesOwnNamesAndAddresses(t *testing.T) {
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	request := func(cn string, dns []string, ips ...string) CertificateSigningRequest {
		template := &x509.CertificateRequest{Subject: pkix.Name{CommonName: cn, Organization: []string{"system:nodes"}}, DNSNames: dns}
		for _, ip := range ips {
			template.IPAddresses = append(template.IPAddresses, net.ParseIP(ip))
		}
		der, err := x509.CreateCertificateRequest(rand.Reader, template, key)
		if err != nil {
			t.Fatal(err)
		}
		var csr CertificateSigningRequest
		csr.Spec.Request = base64.StdEncoding.EncodeToString(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE REQUEST", Bytes: der}))
		csr.Spec.Username = "system:node:w1"
		return csr
	}
	var node Node
	node.Metadata.Name = "w1"
	node.Status.Addresses = append(node.Status.Addresses,
		struct {
			Type    string `json:"type"`
			Address string `json:"address"`
		}{"InternalIP", "10.0.0.2"},
		struct {
			Type    string `json:"type"`
			Address string `json:"address"`
		}{"Hostname", "w1"})
	if err := checkServingRequest(request("system:node:w1", []string{"w1"}, "10.0.0.2"), node); err != nil {
		t.Errorf("the node's own request: %v", err)
	}
	for what, csr := range map[string]CertificateSigningRequest{
		"another node's name":   request("system:node:w1", []string{"w2"}, "10.0.0.2"),
		"another address":       request("system:node:w1", []string{"w1"}, "10.0.0.10"),
		"another subject":       request("system:node:w2", []string{"w1"}, "10.0.0.2"),
		"the API server's name": request("system:node:w1", []string{"kubernetes.default.svc"}),
	} {
		if checkServingRequest(csr, node) == nil {
			t.Errorf("%s approved", what)
		}
	}
}

func TestReadOnlyCgroupHierarchiesAreFound(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mountinfo")
	writeTestFile(t, path, "30 25 0:26 / /sys/fs/cgroup/cpuset ro,nosuid,nodev,noexec,relatime shared:9 - cgroup cgroup ro,cpuset\n"+
		"31 25 0:27 / /sys/fs/cgroup/memory rw,nosuid,nodev,noexec,relatime shared:10 - cgroup cgroup rw,memory\n"+
		"32 25 0:28 / /sys/fs/cgroup/unified ro,nosuid shared:11 - cgroup2 cgroup2 rw\n")
	if got := readOnlyCgroups(path); !slices.Equal(got, []string{"/sys/fs/cgroup/cpuset"}) {
		t.Errorf("%v", got)
	}
}

func TestNodeTaintsAreReadAsK3sTakesThem(t *testing.T) {
	taints, err := parseTaints([]string{"node-role.kubernetes.io/control-plane:NoSchedule", "dedicated=edge:NoExecute"})
	if err != nil {
		t.Fatal(err)
	}
	if len(taints) != 2 || taints[0]["key"] != "node-role.kubernetes.io/control-plane" || taints[0]["value"] != "" ||
		taints[1]["value"] != "edge" || taints[1]["effect"] != "NoExecute" {
		t.Errorf("%v", taints)
	}
	for _, bad := range []string{"no-effect", "k=v:Sometimes", ":NoSchedule"} {
		if _, err := parseTaints([]string{bad}); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
