// Command k3s is a STAND-IN for the k3s binary on the test bed's nodes: it keeps the part of k3s's contract the
// project relies on (the server and agent commands, config.yaml and config.yaml.d, the seeded CAs, the CA-pinned
// join token, Type=notify, the kubectl/ctr symlinks) and runs the upstream Kubernetes components, etcd, containerd and
// CoreDNS as separate processes. README.md says what it keeps and what it does not prove.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// The k3s release this stand-in answers for; the components it runs are the upstream v1.33.4 ones.
const standInVersion = "v1.33.4+k3s1"

const (
	// Where the node launcher bind-mounts the upstream binaries.
	upstreamBinDir   = "/opt/mecaas/k3s-stand-in/bin"
	dataDir          = "/var/lib/rancher/k3s"
	configDir        = "/etc/rancher/k3s"
	adminKubeconfig  = "/etc/rancher/k3s/k3s.yaml"
	containerdSocket = "/run/k3s/containerd/containerd.sock"
)

const helpText = `k3s ` + standInVersion + ` -- k3s STAND-IN (mecaas test bed), not the real k3s

Usage:
  k3s server     run a control plane (etcd, kube-apiserver, controller-manager, scheduler, CoreDNS)
                 and an agent for this node
  k3s agent      join the server named in config.yaml and run this node (containerd, kubelet, kube-proxy)
  k3s kubectl    the upstream kubectl, with /etc/rancher/k3s/k3s.yaml as default kubeconfig
  k3s ctr        containerd's ctr against the k3s containerd socket
  k3s --version

Configuration: /etc/rancher/k3s/config.yaml merged with /etc/rancher/k3s/config.yaml.d/*.yaml (lexical order).
Upstream binaries are taken from ` + upstreamBinDir + `.
See testbed/nodes/k3s-stand-in/README.md for what of k3s this keeps and what it does not prove.
`

func main() {
	// Multi-call: install-k3s.sh symlinks kubectl, crictl and ctr to this binary, as k3s's installer does.
	switch filepath.Base(os.Args[0]) {
	case "kubectl":
		execKubectl(os.Args[1:])
	case "ctr":
		execCtr(os.Args[1:])
	case "crictl":
		execCrictl()
	}
	if len(os.Args) < 2 {
		fmt.Print(helpText)
		os.Exit(1)
	}
	switch os.Args[1] {
	case "server", "agent":
		os.Exit(run(os.Args[1], os.Args[2:]))
	case "kubectl":
		execKubectl(os.Args[2:])
	case "ctr":
		execCtr(os.Args[2:])
	case "crictl":
		execCrictl()
	case "--version", "-v", "version":
		fmt.Printf("k3s version %s (k3s STAND-IN for the mecaas test bed; upstream components v1.33.4)\n", standInVersion)
	case "--help", "-h", "help":
		fmt.Print(helpText)
	default:
		fmt.Fprintf(os.Stderr, "k3s stand-in: unknown command %q\n\n%s", os.Args[1], helpText)
		os.Exit(64)
	}
}

func execKubectl(args []string) {
	if os.Getenv("KUBECONFIG") == "" && !hasFlag(args, "--kubeconfig") {
		if _, err := os.Stat(adminKubeconfig); err == nil {
			os.Setenv("KUBECONFIG", adminKubeconfig)
		}
	}
	execOrDie(filepath.Join(upstreamBinDir, "kubectl"), append([]string{"kubectl"}, args...))
}

func execCtr(args []string) {
	// k3s's ctr talks to k3s's own containerd, in the namespace the kubelet's images live in.
	if os.Getenv("CONTAINERD_NAMESPACE") == "" {
		os.Setenv("CONTAINERD_NAMESPACE", "k8s.io")
	}
	execOrDie("/usr/bin/ctr", append([]string{"ctr", "--address", containerdSocket}, args...))
}

func execCrictl() {
	fmt.Fprintln(os.Stderr, "crictl is not part of the k3s stand-in (use ctr, or kubectl)")
	os.Exit(1)
}

func hasFlag(args []string, name string) bool {
	for _, a := range args {
		if a == name || len(a) > len(name) && a[:len(name)+1] == name+"=" {
			return true
		}
	}
	return false
}

func execOrDie(path string, argv []string) {
	err := syscall.Exec(path, argv, os.Environ())
	fmt.Fprintf(os.Stderr, "k3s stand-in: exec %s: %v\n", path, err)
	os.Exit(127)
}
