package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// nodeIP is the first global IPv4 address of the interface holding the default route, as k3s picks a node's
// address when --node-ip is not given.
func nodeIP() (net.IP, string, error) {
	iface, err := defaultRouteInterface("/proc/net/route")
	if err != nil {
		return nil, "", err
	}
	link, err := net.InterfaceByName(iface)
	if err != nil {
		return nil, "", err
	}
	addrs, err := link.Addrs()
	if err != nil {
		return nil, "", err
	}
	for _, addr := range addrs {
		if ipNet, ok := addr.(*net.IPNet); ok {
			if ip := ipNet.IP.To4(); ip != nil && ip.IsGlobalUnicast() {
				return ip, iface, nil
			}
		}
	}
	return nil, "", fmt.Errorf("interface %s (default route) has no global IPv4 address", iface)
}

func defaultRouteInterface(routeFile string) (string, error) {
	f, err := os.Open(routeFile)
	if err != nil {
		return "", err
	}
	defer f.Close()
	scanner := bufio.NewScanner(f)
	for scanner.Scan() {
		fields := strings.Fields(scanner.Text())
		// Iface Destination Gateway Flags ... Mask: the default route has destination and mask 0.
		if len(fields) >= 8 && fields[1] == "00000000" && fields[7] == "00000000" {
			return fields[0], nil
		}
	}
	return "", fmt.Errorf("no default route in %s", routeFile)
}

// cniConflist is the pod network of one node: a bridge with the node's podCIDR, as flannel's CNI config delegates to
// the bridge plugin. Masquerading is not the bridge plugin's (it would also rewrite pod-to-pod traffic between
// nodes): ensureMasquerade does it for traffic leaving the cluster CIDR, as flannel does. Loopback is not in the
// chain: containerd's CRI sets up each sandbox's lo itself with the loopback plugin.
func cniConflist(podCIDR string) ([]byte, error) {
	conf := map[string]any{
		"cniVersion": "1.0.0",
		"name":       "cbr0",
		"plugins": []any{
			map[string]any{
				"type": "bridge", "bridge": "cni0", "isGateway": true, "ipMasq": false, "hairpinMode": true,
				"ipam": map[string]any{
					"type":   "host-local",
					"ranges": []any{[]any{map[string]any{"subnet": podCIDR}}},
					"routes": []any{map[string]any{"dst": "0.0.0.0/0"}},
				},
			},
			map[string]any{"type": "portmap", "capabilities": map[string]any{"portMappings": true}, "snat": true},
		},
	}
	return json.MarshalIndent(conf, "", "  ")
}

func writeCNIConfig(confDir, podCIDR string) (bool, error) {
	data, err := cniConflist(podCIDR)
	if err != nil {
		return false, err
	}
	path := filepath.Join(confDir, "10-k3s-stand-in.conflist")
	if old, err := os.ReadFile(path); err == nil && string(old) == string(data) {
		return false, nil
	}
	return true, writeFile(path, data, 0644)
}

// ensureMasquerade NATs traffic from pods to anywhere outside the cluster CIDR to the node's address.
func ensureMasquerade(clusterCIDR string) error {
	rule := []string{"POSTROUTING", "-s", clusterCIDR, "!", "-d", clusterCIDR,
		"-m", "comment", "--comment", "k3s-stand-in: pods to outside the cluster", "-j", "MASQUERADE"}
	if _, err := runCommand("iptables", append([]string{"-w", "-t", "nat", "-C"}, rule...)...); err == nil {
		return nil
	}
	_, err := runCommand("iptables", append([]string{"-w", "-t", "nat", "-A"}, rule...)...)
	return err
}

// The routing protocol number marking the routes the stand-in owns, so it can find and remove stale ones after a
// restart (any number unused by the kernel and routing daemons).
const routeProto = "199"

// desiredPodRoutes maps every other node's podCIDR to its InternalIP: flannel's host-gw backend, which works only
// between nodes on one L2 network (onLink). Nodes elsewhere (another site) are returned apart: their pods are not
// reachable from here, which flannel's VXLAN or WireGuard would make them.
func desiredPodRoutes(nodes []Node, self string, onLink func(net.IP) bool) (routes map[string]string, unreachable []string) {
	routes = map[string]string{}
	for _, n := range nodes {
		if n.Metadata.Name == self || n.Spec.PodCIDR == "" || n.internalIP() == "" {
			continue
		}
		if ip := net.ParseIP(n.internalIP()); ip == nil || !onLink(ip) {
			unreachable = append(unreachable, n.Metadata.Name)
			continue
		}
		routes[n.Spec.PodCIDR] = n.internalIP()
	}
	slices.Sort(unreachable)
	return routes, unreachable
}

// onLinkOf says whether an address is in one of the networks of the interface (the nodes' network).
func onLinkOf(iface string) func(net.IP) bool {
	return func(ip net.IP) bool {
		link, err := net.InterfaceByName(iface)
		if err != nil {
			return false
		}
		addrs, _ := link.Addrs()
		for _, addr := range addrs {
			if ipNet, ok := addr.(*net.IPNet); ok && ipNet.Contains(ip) {
				return true
			}
		}
		return false
	}
}

// syncPodRoutes makes the routes with the stand-in's protocol number exactly the desired ones.
func syncPodRoutes(desired map[string]string) error {
	out, err := runCommand("ip", "-4", "route", "show", "proto", routeProto)
	if err != nil {
		return err
	}
	current := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		fields := strings.Fields(line)
		if len(fields) >= 3 && fields[1] == "via" {
			current[fields[0]] = fields[2]
		}
	}
	for cidr, via := range desired {
		if current[cidr] == via {
			continue
		}
		if _, err := runCommand("ip", "-4", "route", "replace", cidr, "via", via, "proto", routeProto); err != nil {
			return err
		}
		logf("pod route %s via %s", cidr, via)
	}
	stale := []string{}
	for cidr := range current {
		if _, ok := desired[cidr]; !ok {
			stale = append(stale, cidr)
		}
	}
	slices.Sort(stale)
	for _, cidr := range stale {
		if _, err := runCommand("ip", "-4", "route", "del", cidr, "proto", routeProto); err != nil {
			return err
		}
		logf("pod route %s removed (its node is gone)", cidr)
	}
	return nil
}

// resolvConf is the host resolver file the kubelet gives pods with dnsPolicy Default and whose search list it
// extends: the node's own nameservers unless they are loopback (unreachable from a pod), else a public one, as k3s
// falls back to 8.8.8.8.
func resolvConf(hostFile string) []byte {
	data, _ := os.ReadFile(hostFile)
	var b strings.Builder
	found := false
	for _, line := range strings.Split(string(data), "\n") {
		fields := strings.Fields(line)
		if len(fields) >= 2 && fields[0] == "nameserver" {
			if ip := net.ParseIP(fields[1]); ip != nil && !ip.IsLoopback() {
				fmt.Fprintf(&b, "nameserver %s\n", fields[1])
				found = true
			}
		}
	}
	if !found {
		b.WriteString("nameserver 8.8.8.8\n")
	}
	return []byte(b.String())
}
