package main

import "fmt"

// The ConfigMap in kube-public that stands in for k3s's /cacerts and /v1-k3s/* supervisor endpoints: what an agent
// needs before it has credentials. Anyone may read it (the CAs are public); agents trust it only when the server CA's
// hash matches their token's.
const joinConfigMap = "k3s-stand-in-join"

// The data keys of the join ConfigMap.
const (
	joinKeyServerCA    = "server-ca.crt"
	joinKeyClientCA    = "client-ca.crt"
	joinKeyClusterDNS  = "cluster-dns"
	joinKeyClusterCIDR = "cluster-cidr"
)

const managedBy = "k3s-stand-in"

func meta(name, namespace string) map[string]any {
	m := map[string]any{"name": name, "labels": map[string]any{"app.kubernetes.io/managed-by": managedBy}}
	if namespace != "" {
		m["namespace"] = namespace
	}
	return m
}

func clusterRoleBinding(name, role, kind, subject string) (string, map[string]any) {
	return "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/" + name, map[string]any{
		"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding", "metadata": meta(name, ""),
		"roleRef":  map[string]any{"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": role},
		"subjects": []any{map[string]any{"apiGroup": "rbac.authorization.k8s.io", "kind": kind, "name": subject}},
	}
}

// bootstrapObjects are what the server makes at each start (server-side apply, so restarts change nothing).
func bootstrapObjects(cfg *Config, nodeIP, joinSecret string, serverCAPEM, clientCAPEM []byte, coreDNS bool) [][2]any {
	var objects [][2]any
	add := func(path string, object map[string]any) { objects = append(objects, [2]any{path, object}) }

	// The bootstrap token agents' kubelets authenticate with for their TLS bootstrap, derived from the join secret.
	id, secret := bootstrapToken(joinSecret)
	add("/api/v1/namespaces/kube-system/secrets/bootstrap-token-"+id, map[string]any{
		"apiVersion": "v1", "kind": "Secret", "metadata": meta("bootstrap-token-"+id, "kube-system"),
		"type": "bootstrap.kubernetes.io/token",
		"stringData": map[string]any{
			"description": "k3s stand-in: node join token derived from the cluster's join secret",
			"token-id":    id, "token-secret": secret,
			"usage-bootstrap-authentication": "true", "usage-bootstrap-signing": "true",
		},
	})
	// The bindings kubeadm makes for the kubelet TLS bootstrap and certificate rotation.
	add(clusterRoleBinding("kubeadm:kubelet-bootstrap", "system:node-bootstrapper", "Group", "system:bootstrappers"))
	add(clusterRoleBinding("kubeadm:node-autoapprove-bootstrap",
		"system:certificates.k8s.io:certificatesigningrequests:nodeclient", "Group", "system:bootstrappers"))
	add(clusterRoleBinding("kubeadm:node-autoapprove-certificate-rotation",
		"system:certificates.k8s.io:certificatesigningrequests:selfnodeclient", "Group", "system:nodes"))
	// kube-proxy on agents runs with the kubelet's credentials.
	add(clusterRoleBinding("k3s-stand-in:node-proxier", "system:node-proxier", "Group", "system:nodes"))
	add(clusterRoleBinding("k3s-stand-in:kube-apiserver-kubelet-admin", "system:kubelet-api-admin", "User", apiServerKubeletClientUser))

	// The join ConfigMap, readable by anyone, that one object only.
	add("/api/v1/namespaces/kube-public/configmaps/"+joinConfigMap, map[string]any{
		"apiVersion": "v1", "kind": "ConfigMap", "metadata": meta(joinConfigMap, "kube-public"),
		"data": map[string]any{
			joinKeyServerCA: string(serverCAPEM), joinKeyClientCA: string(clientCAPEM),
			joinKeyClusterDNS: cfg.ClusterDNS, joinKeyClusterCIDR: cfg.ClusterCIDR,
		},
	})
	add("/apis/rbac.authorization.k8s.io/v1/namespaces/kube-public/roles/"+joinConfigMap+"-reader", map[string]any{
		"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role", "metadata": meta(joinConfigMap+"-reader", "kube-public"),
		"rules": []any{map[string]any{"apiGroups": []string{""}, "resources": []string{"configmaps"},
			"resourceNames": []string{joinConfigMap}, "verbs": []string{"get"}}},
	})
	add("/apis/rbac.authorization.k8s.io/v1/namespaces/kube-public/rolebindings/"+joinConfigMap+"-reader", map[string]any{
		"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding", "metadata": meta(joinConfigMap+"-reader", "kube-public"),
		"roleRef":  map[string]any{"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": joinConfigMap + "-reader"},
		"subjects": []any{map[string]any{"apiGroup": "rbac.authorization.k8s.io", "kind": "Group", "name": "system:unauthenticated"}},
	})

	// k3s's local-path StorageClass; the provisioner is localpath.go.
	add("/apis/storage.k8s.io/v1/storageclasses/"+localPathClass, map[string]any{
		"apiVersion": "storage.k8s.io/v1", "kind": "StorageClass",
		"metadata": map[string]any{"name": localPathClass, "labels": map[string]any{"app.kubernetes.io/managed-by": managedBy},
			"annotations": map[string]any{"storageclass.kubernetes.io/is-default-class": "true"}},
		"provisioner": localPathProvisioner, "volumeBindingMode": "WaitForFirstConsumer", "reclaimPolicy": "Delete",
	})

	if coreDNS {
		add("/apis/rbac.authorization.k8s.io/v1/clusterroles/k3s-stand-in:coredns", map[string]any{
			"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": meta("k3s-stand-in:coredns", ""),
			"rules": []any{
				map[string]any{"apiGroups": []string{""}, "resources": []string{"endpoints", "services", "pods", "namespaces"}, "verbs": []string{"list", "watch"}},
				map[string]any{"apiGroups": []string{"discovery.k8s.io"}, "resources": []string{"endpointslices"}, "verbs": []string{"list", "watch"}},
			},
		})
		add(clusterRoleBinding("k3s-stand-in:coredns", "k3s-stand-in:coredns", "User", coreDNSUser))
		ports := []any{
			map[string]any{"name": "dns", "port": 53, "protocol": "UDP"},
			map[string]any{"name": "dns-tcp", "port": 53, "protocol": "TCP"},
		}
		// No selector: CoreDNS is a process on the server, not a pod; its address is given as an EndpointSlice.
		add("/api/v1/namespaces/kube-system/services/kube-dns", map[string]any{
			"apiVersion": "v1", "kind": "Service",
			"metadata": map[string]any{"name": "kube-dns", "namespace": "kube-system",
				"labels": map[string]any{"k8s-app": "kube-dns", "kubernetes.io/name": "CoreDNS", "app.kubernetes.io/managed-by": managedBy}},
			"spec": map[string]any{"clusterIP": cfg.ClusterDNS, "ports": ports},
		})
		// One slice per server: with several, each runs a CoreDNS of its own.
		slice := "kube-dns-k3s-stand-in-" + cfg.NodeName
		add("/apis/discovery.k8s.io/v1/namespaces/kube-system/endpointslices/"+slice, map[string]any{
			"apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice",
			"metadata": map[string]any{"name": slice, "namespace": "kube-system",
				"labels": map[string]any{"kubernetes.io/service-name": "kube-dns", "endpointslice.kubernetes.io/managed-by": managedBy}},
			"addressType": "IPv4",
			"endpoints":   []any{map[string]any{"addresses": []string{nodeIP}, "conditions": map[string]any{"ready": true}, "nodeName": cfg.NodeName}},
			"ports":       ports,
		})
	}
	return objects
}

func applyBootstrapObjects(admin *Kube, cfg *Config, nodeIP, joinSecret string, pki *serverPKI, coreDNS bool) error {
	for _, o := range bootstrapObjects(cfg, nodeIP, joinSecret, pki.serverCA.CertPEM, pki.clientCA.CertPEM, coreDNS) {
		path, object := o[0].(string), o[1].(map[string]any)
		if err := admin.apply(path, object); err != nil {
			return fmt.Errorf("apply %s: %w", path, err)
		}
	}
	return nil
}
