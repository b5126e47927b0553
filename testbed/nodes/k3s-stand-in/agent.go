package main

import (
	"crypto/tls"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"
)

var (
	agentDir      = filepath.Join(dataDir, "agent")
	agentEtcDir   = filepath.Join(agentDir, "etc")
	cniConfDir    = filepath.Join(agentEtcDir, "cni", "net.d")
	imagesDir     = filepath.Join(agentDir, "images")
	kubeletConfig = filepath.Join(agentDir, "kubelet.kubeconfig")
)

const defaultSandboxImage = "docker.io/rancher/mirrored-pause:3.6"

// JoinInfo is what a node needs from its server before its kubelet can start.
type JoinInfo struct {
	Server         string
	ServerCA       []byte
	ClientCA       []byte
	ClusterDNS     string
	ClusterCIDR    string
	BootstrapToken string // "<id>.<secret>"
}

func (s *Stage) agent() error {
	cfg := s.cfg
	if cfg.Server == "" {
		return fmt.Errorf("no server in the configuration: an agent needs one")
	}
	token, err := parseJoinToken(cfg.Token)
	if err != nil {
		return err
	}
	if token.CAHash == "" {
		logf("the token is a bare secret: the server's CA is accepted without pinning (as k3s does)")
	}
	var join JoinInfo
	lastErr := ""
	if err := s.waitFor("the server's join ConfigMap", 2*time.Second, func() error {
		info, err := fetchJoinInfo(cfg.Server, token)
		if err != nil {
			// Each new reason once (waitFor repeats the latest every 30 s): a refused CA is said at once.
			if err.Error() != lastErr {
				logf("join: %v (retrying every 2 s)", err)
				lastErr = err.Error()
			}
			return err
		}
		join = info
		return nil
	}); err != nil {
		return err
	}
	logf("joined %s: server CA %s", cfg.Server, map[bool]string{true: "matches the token's hash", false: "taken unpinned"}[token.CAHash != ""])
	id, secret := bootstrapToken(token.Secret)
	join.BootstrapToken = id + "." + secret
	return s.runNode(join, nil)
}

// fetchJoinInfo reads the join ConfigMap with certificate verification off (the agent does not have the CA yet),
// then trusts its server CA only if it hashes to what the token pins.
func fetchJoinInfo(server string, token JoinToken) (JoinInfo, error) {
	insecure := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
	resp, err := insecure.Get(strings.TrimSuffix(server, "/") + "/api/v1/namespaces/kube-public/configmaps/" + joinConfigMap)
	if err != nil {
		return JoinInfo{}, err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		return JoinInfo{}, fmt.Errorf("join ConfigMap: HTTP %d: %s", resp.StatusCode, strings.TrimSpace(string(body)))
	}
	var cm struct {
		Data map[string]string `json:"data"`
	}
	if err := json.Unmarshal(body, &cm); err != nil {
		return JoinInfo{}, err
	}
	serverCA := []byte(cm.Data[joinKeyServerCA])
	if err := token.verifyCA(serverCA); err != nil {
		return JoinInfo{}, fmt.Errorf("refusing server %s: %v", server, err)
	}
	// From here on the pinned CA verifies the server: read the ConfigMap again over a verified connection, so the
	// rest of it (client CA, cluster DNS) cannot come from someone else.
	pinned, err := newKube(strings.TrimSuffix(server, "/"), serverCA, nil, nil)
	if err != nil {
		return JoinInfo{}, err
	}
	if err := pinned.get("/api/v1/namespaces/kube-public/configmaps/"+joinConfigMap, &cm); err != nil {
		return JoinInfo{}, fmt.Errorf("join ConfigMap over the pinned CA: %w", err)
	}
	if string(serverCA) != cm.Data[joinKeyServerCA] {
		return JoinInfo{}, fmt.Errorf("the server CA changed between two reads")
	}
	return JoinInfo{
		Server: strings.TrimSuffix(server, "/"), ServerCA: serverCA, ClientCA: []byte(cm.Data[joinKeyClientCA]),
		ClusterDNS: cm.Data[joinKeyClusterDNS], ClusterCIDR: cm.Data[joinKeyClusterCIDR],
	}, nil
}

// runNode runs this node: containerd, the air-gap images, the kubelet (TLS bootstrap), kube-proxy and the pod
// network. kubeProxyKubeconfig nil means kube-proxy uses the kubelet's credentials.
func (s *Stage) runNode(join JoinInfo, kubeProxyKubeconfig []byte) error {
	cfg := s.cfg
	for _, dir := range []string{agentEtcDir, cniConfDir, imagesDir, filepath.Join(agentDir, "pod-manifests"), storageDir} {
		if err := os.MkdirAll(dir, 0755); err != nil {
			return err
		}
	}
	taints, err := parseTaints(cfg.NodeTaints)
	if err != nil {
		return err
	}
	files := map[string][]byte{
		filepath.Join(agentDir, "server-ca.crt"):  join.ServerCA,
		filepath.Join(agentDir, "client-ca.crt"):  join.ClientCA,
		filepath.Join(agentEtcDir, "resolv.conf"): resolvConf("/etc/resolv.conf"),
		// The bootstrap kubeconfig, used only while the kubelet has no client certificate of its own.
		filepath.Join(agentDir, "kubelet-bootstrap.kubeconfig"): kubeconfig(join.Server, join.ServerCA, nil, nil, join.BootstrapToken),
		filepath.Join(agentEtcDir, "kubelet.yaml"):              kubeletConfiguration(join, taints),
		filepath.Join(agentEtcDir, "containerd", "config.toml"): []byte(containerdConfig(sandboxImage())),
	}
	kubeProxyConfigPath := kubeletConfig
	if kubeProxyKubeconfig != nil {
		kubeProxyConfigPath = filepath.Join(agentDir, "kube-proxy.kubeconfig")
		files[kubeProxyConfigPath] = kubeProxyKubeconfig
	}
	files[filepath.Join(agentEtcDir, "kube-proxy.yaml")] = kubeProxyConfiguration(cfg, join.ClusterCIDR, kubeProxyConfigPath)
	for path, data := range files {
		if err := writeFile(path, data, 0600); err != nil {
			return err
		}
	}

	ensureKmsg()
	for _, hierarchy := range readOnlyCgroups("/proc/self/mountinfo") {
		logf("cgroup hierarchy %s is mounted read-only: the kubelet cannot create its kubepods cgroups there and will exit. "+
			"The node must mount it read-write (in a container: mount -o remount,bind,rw %s)", hierarchy, hierarchy)
	}
	if err := s.startContainerd(); err != nil {
		return err
	}
	s.importImages()

	if _, err := s.sup.start("kubelet", binary("kubelet"), kubeletArgs(cfg, s.ip), nil); err != nil {
		return err
	}
	if err := s.waitFor("the kubelet's TLS bootstrap and Node registration", time.Second, func() error {
		k, err := kubeFromKubeconfig(kubeletConfig)
		if err != nil {
			return err
		}
		var n Node
		if err := k.get("/api/v1/nodes/"+cfg.NodeName, &n); err != nil {
			return err
		}
		return nil
	}); err != nil {
		return err
	}
	logf("node %s registered", cfg.NodeName)
	if s.role == "agent" {
		sdNotify("READY=1")
		logf("agent ready (READY=1 sent to systemd)")
	}
	if _, err := s.sup.start("kube-proxy", binary("kube-proxy"), []string{"--config=" + filepath.Join(agentEtcDir, "kube-proxy.yaml")}, nil); err != nil {
		return err
	}
	if cfg.NodeExternalIP != "" {
		s.annotateExternalIP()
	}
	s.runPodNetwork(join.ClusterCIDR)
	s.runLocalVolumeDirs()
	return nil
}

// ensureKmsg gives the kubelet a /dev/kmsg where the node has none (a container, such as the test bed's nspawn
// nodes, has no kernel log device; the kubelet refuses to start without one): /dev/null, so its OOM watcher reads
// nothing. OOM kills are then not reported as node events, as on a VM they would be.
func ensureKmsg() {
	if _, err := os.Lstat("/dev/kmsg"); err == nil {
		return
	}
	if err := os.Symlink("/dev/null", "/dev/kmsg"); err != nil {
		logf("no /dev/kmsg, and linking it to /dev/null failed: %v", err)
		return
	}
	logf("no /dev/kmsg (a container): linked to /dev/null for the kubelet, which then reports no OOM kills")
}

// readOnlyCgroups lists the cgroup v1 hierarchies mounted read-only (systemd-nspawn mounts them so), for a log line
// that names the cause before the kubelet fails on it.
func readOnlyCgroups(mountinfo string) []string {
	data, err := os.ReadFile(mountinfo)
	if err != nil {
		return nil
	}
	var readOnly []string
	for _, line := range strings.Split(string(data), "\n") {
		// id parent major:minor root mountpoint options ... - fstype source superoptions
		fields := strings.Fields(line)
		sep := slices.Index(fields, "-")
		if sep < 6 || sep+1 >= len(fields) || fields[sep+1] != "cgroup" {
			continue
		}
		if slices.Contains(strings.Split(fields[5], ","), "ro") && !strings.HasSuffix(fields[4], "/systemd") {
			readOnly = append(readOnly, fields[4])
		}
	}
	return readOnly
}

func sandboxImage() string {
	data, err := os.ReadFile(filepath.Join(imagesDir, "sandbox-image"))
	if err == nil {
		if ref := strings.TrimSpace(string(data)); ref != "" {
			return ref
		}
	}
	return defaultSandboxImage
}

// containerdConfig is k3s's containerd, with Debian's binaries: its own root, state and socket; cgroupfs
// (SystemdCgroup false) and restrict_oom_score_adj, without which runc cannot start a sandbox where the capability
// bounding set lacks CAP_SYS_RESOURCE (as in the test bed's nodes).
func containerdConfig(sandbox string) string {
	return fmt.Sprintf(`version = 2
root = %q
state = "/run/k3s/containerd"

[grpc]
  address = %q

[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = %q
  restrict_oom_score_adj = true
  enable_unprivileged_ports = true
  enable_unprivileged_icmp = true

[plugins."io.containerd.grpc.v1.cri".containerd]
  snapshotter = "overlayfs"
  default_runtime_name = "runc"

[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
  runtime_type = "io.containerd.runc.v2"

[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
  SystemdCgroup = false

[plugins."io.containerd.grpc.v1.cri".cni]
  bin_dir = "/usr/lib/cni"
  conf_dir = %q
`, filepath.Join(agentDir, "containerd"), containerdSocket, sandbox, cniConfDir)
}

func (s *Stage) startContainerd() error {
	if _, err := s.sup.start("containerd", "/usr/bin/containerd",
		[]string{"--config", filepath.Join(agentEtcDir, "containerd", "config.toml")}, nil); err != nil {
		return err
	}
	if err := s.waitFor("containerd", 300*time.Millisecond, func() error {
		_, err := runCommand("/usr/bin/ctr", "--address", containerdSocket, "version")
		return err
	}); err != nil {
		return err
	}
	logf("containerd ready")
	return nil
}

// importImages imports the air-gap image archives in agent/images before the kubelet starts (so a pod of a
// pre-loaded image never tries a registry). An archive already imported into this containerd root, unchanged since
// (same size and modification time), is not imported again: the record lives in containerd's root, so a new root
// imports everything. k3s keeps such a record too.
func (s *Stage) importImages() {
	entries, _ := os.ReadDir(imagesDir)
	names := []string{}
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".tar") {
			names = append(names, e.Name())
		} else if e.Name() != "sandbox-image" {
			logf("images: %s skipped (the stand-in imports uncompressed .tar archives only)", e.Name())
		}
	}
	sort.Strings(names)
	recordPath := filepath.Join(agentDir, "containerd", "k3s-stand-in-imported.json")
	imported := map[string]string{}
	if data, err := os.ReadFile(recordPath); err == nil {
		json.Unmarshal(data, &imported)
	}
	for _, name := range names {
		path := filepath.Join(imagesDir, name)
		info, err := os.Stat(path)
		if err != nil {
			continue
		}
		stamp := fmt.Sprintf("%d:%d", info.Size(), info.ModTime().UnixNano())
		if imported[name] == stamp {
			logf("images: %s imported before, unchanged", name)
			continue
		}
		t := time.Now()
		if _, err := runCommand("/usr/bin/ctr", "--address", containerdSocket, "-n", "k8s.io", "images", "import", path); err != nil {
			logf("images: %v", err)
			continue
		}
		logf("images: imported %s in %.1fs", name, time.Since(t).Seconds())
		imported[name] = stamp
		if data, err := json.Marshal(imported); err == nil {
			if err := writeFile(recordPath, data, 0600); err != nil {
				logf("images: %v", err)
			}
		}
	}
}

// parseTaints reads node-taint entries as k3s takes them, "key[=value]:Effect", for the kubelet's
// registerWithTaints (the flag of that name is deprecated).
func parseTaints(specs []string) ([]map[string]string, error) {
	var taints []map[string]string
	for _, spec := range specs {
		keyValue, effect, ok := strings.Cut(spec, ":")
		switch effect {
		case "NoSchedule", "PreferNoSchedule", "NoExecute":
		default:
			ok = false
		}
		key, value, _ := strings.Cut(keyValue, "=")
		if !ok || key == "" {
			return nil, fmt.Errorf("node-taint %q: want key[=value]:NoSchedule|PreferNoSchedule|NoExecute", spec)
		}
		taint := map[string]string{"key": key, "effect": effect}
		if value != "" {
			taint["value"] = value
		}
		taints = append(taints, taint)
	}
	return taints, nil
}

func kubeletConfiguration(join JoinInfo, taints []map[string]string) []byte {
	conf := map[string]any{
		"apiVersion": "kubelet.config.k8s.io/v1beta1", "kind": "KubeletConfiguration",
		"cgroupDriver": "cgroupfs", "failSwapOn": false,
		"containerRuntimeEndpoint": "unix://" + containerdSocket,
		"clusterDomain":            "cluster.local",
		"resolvConf":               filepath.Join(agentEtcDir, "resolv.conf"),
		"authentication": map[string]any{
			"x509":      map[string]any{"clientCAFile": filepath.Join(agentDir, "client-ca.crt")},
			"webhook":   map[string]any{"enabled": true},
			"anonymous": map[string]any{"enabled": false},
		},
		"authorization":      map[string]any{"mode": "Webhook"},
		"rotateCertificates": true,
		// The serving certificate from server-ca (approveKubeletServing), not self-signed: the API server verifies it.
		"serverTLSBootstrap": true,
		"staticPodPath":      filepath.Join(agentDir, "pod-manifests"),
		"healthzBindAddress": "127.0.0.1",
		"readOnlyPort":       0,
		// k3s's eviction thresholds: the test bed's nodes share one host disk.
		"evictionHard":           map[string]any{"imagefs.available": "5%", "nodefs.available": "5%"},
		"evictionMinimumReclaim": map[string]any{"imagefs.available": "10%", "nodefs.available": "10%"},
	}
	if join.ClusterDNS != "" {
		conf["clusterDNS"] = []string{join.ClusterDNS}
	}
	if len(taints) > 0 {
		conf["registerWithTaints"] = taints
	}
	data, _ := json.MarshalIndent(conf, "", "  ")
	return data
}

// kubeletLabels splits node-label into what the kubelet may set on its own Node and what NodeRestriction refuses
// (kubernetes.io and k8s.io labels outside the kubelet's allowed set, node-role.kubernetes.io/* among them).
func kubeletLabels(labels []string) (allowed, refused []string) {
	for _, label := range labels {
		key, _, _ := strings.Cut(label, "=")
		if kubeletMaySet(key) {
			allowed = append(allowed, label)
		} else {
			refused = append(refused, label)
		}
	}
	return allowed, refused
}

func kubeletMaySet(key string) bool {
	prefix, _, hasPrefix := strings.Cut(key, "/")
	if !hasPrefix {
		return true
	}
	restricted := func(domain string) bool { return prefix == domain || strings.HasSuffix(prefix, "."+domain) }
	if !restricted("kubernetes.io") && !restricted("k8s.io") {
		return true
	}
	for _, ns := range []string{"kubelet.kubernetes.io", "node.kubernetes.io"} {
		if prefix == ns || strings.HasSuffix(prefix, "."+ns) {
			return true
		}
	}
	switch key {
	case "kubernetes.io/hostname", "kubernetes.io/arch", "kubernetes.io/os", "beta.kubernetes.io/instance-type",
		"node.kubernetes.io/instance-type", "failure-domain.beta.kubernetes.io/region", "failure-domain.beta.kubernetes.io/zone",
		"topology.kubernetes.io/region", "topology.kubernetes.io/zone":
		return true
	}
	return false
}

func kubeletArgs(cfg *Config, ip string) []string {
	args := []string{
		"--config=" + filepath.Join(agentEtcDir, "kubelet.yaml"),
		"--bootstrap-kubeconfig=" + filepath.Join(agentDir, "kubelet-bootstrap.kubeconfig"),
		"--kubeconfig=" + kubeletConfig,
		"--cert-dir=" + filepath.Join(agentDir, "kubelet-pki"),
		"--node-ip=" + ip,
		"--hostname-override=" + cfg.NodeName,
	}
	allowed, refused := kubeletLabels(cfg.NodeLabels)
	for _, label := range refused {
		logf("node-label %s: a kubelet may not set it on its Node (NodeRestriction); not set", label)
	}
	if len(allowed) > 0 {
		args = append(args, "--node-labels="+strings.Join(allowed, ","))
	}
	for _, arg := range cfg.KubeletArgs {
		args = append(args, "--"+strings.TrimPrefix(arg, "--"))
	}
	return args
}

func kubeProxyConfiguration(cfg *Config, clusterCIDR, kubeconfigPath string) []byte {
	conf := map[string]any{
		"apiVersion": "kubeproxy.config.k8s.io/v1alpha1", "kind": "KubeProxyConfiguration",
		"clientConnection": map[string]any{"kubeconfig": kubeconfigPath},
		"mode":             "iptables",
		"clusterCIDR":      clusterCIDR,
		"hostnameOverride": cfg.NodeName,
		// NodePorts on 127.0.0.1 need route_localnet, a sysctl the nodes cannot write.
		"iptables": map[string]any{"localhostNodePorts": false},
		// 0: leave the conntrack table size and timeouts as the host set them (read-only /proc/sys).
		"conntrack":          map[string]any{"maxPerCore": 0, "tcpEstablishedTimeout": "0s", "tcpCloseWaitTimeout": "0s"},
		"healthzBindAddress": "127.0.0.1:10256",
		"metricsBindAddress": "127.0.0.1:10249",
	}
	data, _ := json.MarshalIndent(conf, "", "  ")
	return data
}

// annotateExternalIP records node-external-ip where k3s does (the k3s.io/external-ip annotation). k3s's cloud
// provider also adds it to the Node's addresses as ExternalIP; the stand-in has no cloud provider, and the kubelet
// overwrites status.addresses, so it does not.
func (s *Stage) annotateExternalIP() {
	s.every("node-external-ip annotation", 10*time.Second, func() error {
		k, err := kubeFromKubeconfig(kubeletConfig)
		if err != nil {
			return err
		}
		var n Node
		if err := k.get("/api/v1/nodes/"+url.PathEscape(s.cfg.NodeName), &n); err != nil {
			return err
		}
		if n.Metadata.Annotations["k3s.io/external-ip"] == s.cfg.NodeExternalIP {
			return nil
		}
		logf("node %s: annotation k3s.io/external-ip=%s", s.cfg.NodeName, s.cfg.NodeExternalIP)
		return k.mergePatch("/api/v1/nodes/"+url.PathEscape(s.cfg.NodeName),
			map[string]any{"metadata": map[string]any{"annotations": map[string]any{"k3s.io/external-ip": s.cfg.NodeExternalIP}}})
	})
}

// runPodNetwork writes the CNI config once the Node has its podCIDR, and keeps routes to the other nodes' podCIDRs.
func (s *Stage) runPodNetwork(clusterCIDR string) {
	if clusterCIDR != "" {
		if err := ensureMasquerade(clusterCIDR); err != nil {
			logf("pod network: %v", err)
		}
	}
	lastUnreachable := ""
	s.every("pod network", 3*time.Second, func() error {
		k, err := kubeFromKubeconfig(kubeletConfig)
		if err != nil {
			return err
		}
		var nodes NodeList
		if err := k.get("/api/v1/nodes", &nodes); err != nil {
			return err
		}
		for _, n := range nodes.Items {
			if n.Metadata.Name == s.cfg.NodeName && n.Spec.PodCIDR != "" {
				changed, err := writeCNIConfig(cniConfDir, n.Spec.PodCIDR)
				if err != nil {
					return err
				}
				if changed {
					logf("pod network: podCIDR %s, CNI config written (bridge cni0)", n.Spec.PodCIDR)
				}
			}
		}
		routes, unreachable := desiredPodRoutes(nodes.Items, s.cfg.NodeName, onLinkOf(s.iface))
		if key := strings.Join(unreachable, ","); key != lastUnreachable {
			if key != "" {
				logf("pod network: no route to the pods of %s: not on this node's network (host-gw only, no overlay in the stand-in)", key)
			}
			lastUnreachable = key
		}
		return syncPodRoutes(routes)
	})
}
