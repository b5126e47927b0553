package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// The config.yaml keys the project writes (lib/k8s-cluster-vnf.ts); any other key is logged and ignored.
var knownKeys = map[string]bool{
	"token": true, "node-name": true, "tls-san": true, "cluster-cidr": true, "service-cidr": true,
	"cluster-dns": true, "flannel-backend": true, "secrets-encryption": true, "write-kubeconfig-mode": true,
	"node-taint": true, "node-external-ip": true, "flannel-external-ip": true, "server": true, "node-label": true,
	"cluster-init": true, "kubelet-arg": true, "disable-cloud-controller": true,
}

// Config is k3s's configuration as the stand-in reads it.
type Config struct {
	Token               string
	NodeName            string
	TLSSANs             []string
	ClusterCIDR         string
	ServiceCIDR         string
	ClusterDNS          string
	FlannelBackend      string
	SecretsEncryption   bool
	WriteKubeconfigMode os.FileMode
	NodeTaints          []string
	NodeExternalIP      string
	FlannelExternalIP   bool
	Server              string
	// The first server of several: starts etcd's cluster (the others name it in server).
	ClusterInit bool
	NodeLabels  []string
	// Scheduled etcd snapshots of a server of several (snapshot.go).
	Snapshots SnapshotConfig
	// Extra kubelet flags, "name=value" each, given as --name=value (k3s's kubelet-arg).
	KubeletArgs []string
	// k3s without its embedded cloud controller (an external one, the OpenStack CCM, initializes the nodes). The
	// stand-in runs no cloud controller either way: recorded for the log.
	DisableCloudController bool
	// Keys found that the stand-in does not know, for the log.
	Ignored []string
}

// loadConfig reads config.yaml and then config.yaml.d/*.yaml in lexical order; a key in a later file replaces the
// earlier value, lists included (k3s appends only for keys written "key+:", which the project does not use).
func loadConfig(dir string) (*Config, error) {
	files := []string{filepath.Join(dir, "config.yaml")}
	dropIns, _ := filepath.Glob(filepath.Join(dir, "config.yaml.d", "*.yaml"))
	sort.Strings(dropIns)
	files = append(files, dropIns...)
	merged := map[string]any{}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			return nil, err
		}
		var values map[string]any
		if err := yaml.Unmarshal(data, &values); err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		for k, v := range values {
			merged[k] = v
		}
	}
	return configFromMap(merged)
}

func configFromMap(m map[string]any) (*Config, error) {
	c := &Config{
		ClusterCIDR: "10.42.0.0/16", ServiceCIDR: "10.43.0.0/16", ClusterDNS: "10.43.0.10",
		FlannelBackend: "vxlan", WriteKubeconfigMode: 0600,
	}
	var err error
	str := func(key string) string {
		v, ok := m[key]
		if !ok || v == nil {
			return ""
		}
		switch t := v.(type) {
		case string:
			return t
		case bool, int, float64:
			return fmt.Sprint(t)
		}
		err = fmt.Errorf("config key %s: want a string, got %T", key, v)
		return ""
	}
	list := func(key string) []string {
		v, ok := m[key]
		if !ok || v == nil {
			return nil
		}
		switch t := v.(type) {
		case string: // k3s accepts a single value for a list flag
			return []string{t}
		case []any:
			out := make([]string, 0, len(t))
			for _, item := range t {
				out = append(out, fmt.Sprint(item))
			}
			return out
		}
		err = fmt.Errorf("config key %s: want a list, got %T", key, v)
		return nil
	}
	boolean := func(key string) bool {
		switch t := m[key].(type) {
		case bool:
			return t
		case string:
			return t == "true"
		}
		return false
	}
	setIf := func(dst *string, key string) {
		if s := str(key); s != "" {
			*dst = s
		}
	}
	c.Token = str("token")
	c.NodeName = str("node-name")
	c.TLSSANs = list("tls-san")
	setIf(&c.ClusterCIDR, "cluster-cidr")
	setIf(&c.ServiceCIDR, "service-cidr")
	setIf(&c.ClusterDNS, "cluster-dns")
	setIf(&c.FlannelBackend, "flannel-backend")
	c.SecretsEncryption = boolean("secrets-encryption")
	switch mode := m["write-kubeconfig-mode"].(type) {
	case nil:
	case int: // unquoted in YAML: 0644 is read as octal already, 644 as decimal digits meant as octal
		if mode > 0777 {
			parsed, parseErr := strconv.ParseUint(strconv.Itoa(mode), 8, 32)
			if parseErr != nil || parsed > 0777 {
				return nil, fmt.Errorf("config key write-kubeconfig-mode: %d is not a file mode", mode)
			}
			mode = int(parsed)
		}
		c.WriteKubeconfigMode = os.FileMode(mode)
	default:
		text := str("write-kubeconfig-mode")
		parsed, parseErr := strconv.ParseUint(text, 8, 32)
		if parseErr != nil || parsed > 0777 {
			return nil, fmt.Errorf("config key write-kubeconfig-mode: %q is not an octal file mode", text)
		}
		c.WriteKubeconfigMode = os.FileMode(parsed)
	}
	c.NodeTaints = list("node-taint")
	c.NodeExternalIP = str("node-external-ip")
	c.FlannelExternalIP = boolean("flannel-external-ip")
	c.Server = str("server")
	c.ClusterInit = boolean("cluster-init")
	c.NodeLabels = list("node-label")
	snapshots, snapshotErr := snapshotConfigFromMap(str, boolean)
	if snapshotErr != nil {
		return nil, snapshotErr
	}
	c.Snapshots = snapshots
	c.KubeletArgs = list("kubelet-arg")
	c.DisableCloudController = boolean("disable-cloud-controller")
	for k := range m {
		if !knownKeys[k] {
			c.Ignored = append(c.Ignored, k)
		}
	}
	sort.Strings(c.Ignored)
	if err != nil {
		return nil, err
	}
	if c.NodeName == "" {
		host, _ := os.Hostname()
		c.NodeName = strings.ToLower(host)
	}
	return c, nil
}
