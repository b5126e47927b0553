package main

import (
	"crypto/x509"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestConfigReadsClusterInitForTheFirstOfSeveralServers(t *testing.T) {
	c, err := configFromMap(map[string]any{"cluster-init": true, "token": "s"})
	if err != nil {
		t.Fatal(err)
	}
	if !c.ClusterInit || len(c.Ignored) != 0 {
		t.Errorf("cluster-init %v, ignored %v", c.ClusterInit, c.Ignored)
	}
	if s := (&Stage{cfg: c}); !s.clustered() {
		t.Error("a cluster-init server is not clustered")
	}
	joining, _ := configFromMap(map[string]any{"server": "https://10.20.0.5:6443"})
	single, _ := configFromMap(map[string]any{})
	if !(&Stage{cfg: joining}).clustered() || (&Stage{cfg: single}).clustered() {
		t.Error("a server naming another must join its etcd; one naming none keeps etcd to itself")
	}
}

func TestInitialClusterNamesEveryMemberAndThisOneBeforeItStarted(t *testing.T) {
	members := []etcdMember{
		{ID: "1", Name: "acme-controller", PeerURLs: []string{"https://10.20.0.10:2380"}},
		{ID: "2", PeerURLs: []string{"https://10.20.0.9:2380"}}, // just added: no name until it starts
	}
	got, err := initialCluster(members, "acme-controller-1", "https://10.20.0.9:2380")
	if err != nil {
		t.Fatal(err)
	}
	if want := "acme-controller=https://10.20.0.10:2380,acme-controller-1=https://10.20.0.9:2380"; got != want {
		t.Errorf("initial cluster %q, want %q", got, want)
	}
	// Another server added but not started: its name is unknown, so this one must wait (etcd would refuse the start).
	members = append(members, etcdMember{ID: "3", PeerURLs: []string{"https://10.20.0.8:2380"}})
	if _, err := initialCluster(members, "acme-controller-1", "https://10.20.0.9:2380"); err == nil || !strings.Contains(err.Error(), "has not started yet") {
		t.Errorf("with another unstarted member: %v", err)
	}
	if _, err := initialCluster(members[:1], "acme-controller-1", "https://10.20.0.9:2380"); err == nil {
		t.Error("a member list without this server's peer URL was taken")
	}
}

func TestEtcdOfSeveralServersSpeaksTLSOnlyOnTheNodeAddressAndLoopback(t *testing.T) {
	args := etcdArgs("acme-controller", "10.20.0.10", "/data", "acme-controller=https://10.20.0.10:2380", "new")
	for _, want := range []string{
		"--listen-client-urls=https://127.0.0.1:2379,https://10.20.0.10:2379", "--advertise-client-urls=https://10.20.0.10:2379",
		"--listen-peer-urls=https://10.20.0.10:2380", "--initial-advertise-peer-urls=https://10.20.0.10:2380",
		"--client-cert-auth", "--peer-client-cert-auth", "--initial-cluster-state=new",
		"--trusted-ca-file=" + filepath.Join(etcdTLSDir, "server-ca.crt"), "--peer-trusted-ca-file=" + filepath.Join(etcdTLSDir, "peer-ca.crt"),
	} {
		if !slices.Contains(args, want) {
			t.Errorf("etcd args lack %s: %v", want, args)
		}
	}
	for _, a := range args {
		if strings.Contains(a, "http://") && !strings.HasPrefix(a, "--listen-metrics-urls=http://127.0.0.1:") {
			t.Errorf("plain HTTP beyond loopback metrics: %s", a)
		}
	}
}

// withEtcdTLSDir points the etcd certificates at a temporary folder for one test.
func withEtcdTLSDir(t *testing.T) string {
	saved := etcdTLSDir
	etcdTLSDir = t.TempDir()
	t.Cleanup(func() { etcdTLSDir = saved })
	return etcdTLSDir
}

func TestAJoiningServerIssuesItsEtcdCertificatesFromTheSeededCAsOnly(t *testing.T) {
	dir := withEtcdTLSDir(t)
	s := &Stage{cfg: &Config{NodeName: "acme-controller-1"}, ip: "10.20.0.9"}
	if _, err := s.etcdCertificates(true); err == nil || !strings.Contains(err.Error(), "etcd/peer-ca.crt and .key are not seeded") {
		t.Fatalf("joining with no etcd CA seeded: %v", err)
	}
	for _, name := range []string{"peer-ca", "server-ca"} {
		if _, _, err := loadOrCreateCA(filepath.Join(dir, name), "seeded-"+name); err != nil {
			t.Fatal(err)
		}
	}
	pki, err := s.etcdCertificates(true)
	if err != nil {
		t.Fatal(err)
	}
	verify := func(leaf, ca string, usage x509.ExtKeyUsage, ips ...string) {
		t.Helper()
		cert, err := parseCert(mustRead(t, filepath.Join(dir, leaf+".crt")))
		if err != nil {
			t.Fatal(err)
		}
		caCert, _ := parseCert(mustRead(t, filepath.Join(dir, ca+".crt")))
		pool := x509.NewCertPool()
		pool.AddCert(caCert)
		if _, err := cert.Verify(x509.VerifyOptions{Roots: pool, KeyUsages: []x509.ExtKeyUsage{usage}}); err != nil {
			t.Errorf("%s against %s: %v", leaf, ca, err)
		}
		for _, ip := range ips {
			if !slices.ContainsFunc(cert.IPAddresses, net.ParseIP(ip).Equal) {
				t.Errorf("%s lacks %s: %v", leaf, ip, cert.IPAddresses)
			}
		}
	}
	verify("server-client", "server-ca", x509.ExtKeyUsageServerAuth, "10.20.0.9", "127.0.0.1")
	verify("peer-server-client", "peer-ca", x509.ExtKeyUsageServerAuth, "10.20.0.9")
	verify("peer-server-client", "peer-ca", x509.ExtKeyUsageClientAuth)
	verify("client", "server-ca", x509.ExtKeyUsageClientAuth)
	if string(pki.client[0]) != string(mustRead(t, filepath.Join(dir, "client.crt"))) {
		t.Error("the client certificate returned is not the one written")
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestBootstrapDataOpensOnlyWithTheJoinSecretAndKeepsFilesThere(t *testing.T) {
	first, joining := t.TempDir(), t.TempDir()
	writeTestFile(t, filepath.Join(first, "tls/service.key"), "SA KEY")
	writeTestFile(t, filepath.Join(first, "cred/encryption-config.json"), "ENCRYPTION")
	sealed, err := sealBootstrap(first, "join-secret")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(sealed), "SA KEY") {
		t.Fatal("bootstrap data stored in the clear")
	}
	if err := openBootstrap(joining, "another-secret", sealed); err == nil {
		t.Error("opened with another secret")
	}
	writeTestFile(t, filepath.Join(joining, "cred/encryption-config.json"), "OWN")
	if err := openBootstrap(joining, "join-secret", sealed); err != nil {
		t.Fatal(err)
	}
	if got := string(mustRead(t, filepath.Join(joining, "tls/service.key"))); got != "SA KEY" {
		t.Errorf("service.key = %q", got)
	}
	if got := string(mustRead(t, filepath.Join(joining, "cred/encryption-config.json"))); got != "OWN" {
		t.Errorf("a file the server had was replaced: %q", got)
	}
}

// The JSON gateway requests the stand-in makes, against the upstream etcd the test bed's nodes run (built by
// scripts/toolchain.sh; the test is skipped without it): the bootstrap data stored once and read, a member added.
func TestEtcdGatewayKeepsTheBootstrapDataAndAddsAMember(t *testing.T) {
	member, peerURL := startTestEtcd(t, "first", t.TempDir())

	saved := serverDir
	t.Cleanup(func() { serverDir = saved })
	serverDir = t.TempDir()
	writeTestFile(t, filepath.Join(serverDir, "tls/service.key"), "FIRST SA KEY")
	if err := readBootstrap(member, "secret"); err == nil {
		t.Error("read bootstrap data nobody stored")
	}
	if err := storeBootstrap(member, "secret"); err != nil {
		t.Fatal(err)
	}
	// Stored once: the first server's restart with other files must not replace what the others read.
	writeTestFile(t, filepath.Join(serverDir, "tls/service.key"), "CHANGED")
	if err := storeBootstrap(member, "secret"); err != nil {
		t.Fatal(err)
	}
	serverDir = t.TempDir()
	if err := readBootstrap(member, "secret"); err != nil {
		t.Fatal(err)
	}
	if got := string(mustRead(t, filepath.Join(serverDir, "tls/service.key"))); got != "FIRST SA KEY" {
		t.Errorf("the joining server got service.key %q", got)
	}

	// Last: a member added and not started takes the quorum of one away (the next write would time out).
	// A learner-less add: a second member at a new peer URL, unstarted (so unnamed), and the same call again changes nothing.
	joiner := "https://127.0.0.9:2380"
	members, err := addMember(member, joiner)
	if err != nil {
		t.Fatal(err)
	}
	again, err := addMember(member, joiner)
	if err != nil || len(members) != 2 || len(again) != 2 {
		t.Fatalf("members after add %v, after a second add %v (%v)", members, again, err)
	}
	initial, err := initialCluster(members, "second", joiner)
	entries := strings.Split(initial, ",")
	slices.Sort(entries) // etcd lists members by id
	if err != nil || !slices.Equal(entries, []string{"first=" + peerURL, "second=" + joiner}) {
		t.Errorf("initial cluster %q (%v)", initial, err)
	}

}
