package main

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// toolBinary is an upstream binary of the test bed's nodes (built by scripts/toolchain.sh into MECAAS_TOOLS/bin); the
// test is skipped without it.
func toolBinary(t *testing.T, name string) string {
	tools := os.Getenv("MECAAS_TOOLS")
	if tools == "" {
		tools = filepath.Join(os.Getenv("HOME"), ".cache/mecaas/tools")
	}
	path := filepath.Join(tools, "bin", name)
	if !fileExists(path) {
		t.Skipf("no %s at %s (scripts/toolchain.sh builds it)", name, path)
	}
	return path
}

// startTestEtcd runs the upstream etcd as member name on free loopback ports over plain HTTP, with data in dataDir,
// until the test ends; it returns the stand-in's client to it and the member's peer URL.
func startTestEtcd(t *testing.T, name, dataDir string) (*Kube, string) {
	client, peer, metrics := freePort(t), freePort(t), freePort(t)
	clientURL, peerURL := fmt.Sprintf("http://127.0.0.1:%d", client), fmt.Sprintf("http://127.0.0.1:%d", peer)
	cmd := exec.Command(toolBinary(t, "etcd"), "--name="+name, "--data-dir="+dataDir, "--listen-client-urls="+clientURL,
		"--advertise-client-urls="+clientURL, "--listen-peer-urls="+peerURL, "--initial-advertise-peer-urls="+peerURL,
		"--initial-cluster="+name+"="+peerURL, fmt.Sprintf("--listen-metrics-urls=http://127.0.0.1:%d", metrics), "--log-level=error")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	deadline := time.Now().Add(20 * time.Second)
	for httpGetOK(fmt.Sprintf("http://127.0.0.1:%d/health", metrics)) != nil {
		if time.Now().After(deadline) {
			t.Fatal("etcd not healthy within 20 s")
		}
		time.Sleep(200 * time.Millisecond)
	}
	ca, _, _ := loadOrCreateCA(filepath.Join(t.TempDir(), "ca"), "unused") // plain HTTP here; newKube wants a CA
	member, err := newKube(clientURL, ca.CertPEM, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	return member, peerURL
}

// freePort is a loopback TCP port nothing listens on now.
func freePort(t *testing.T) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}
