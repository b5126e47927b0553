package main

import (
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"fmt"
	"net"
	"slices"
	"strings"
	"time"
)

// CertificateSigningRequest is the part of a CSR the approver reads.
type CertificateSigningRequest struct {
	Metadata ObjectMeta `json:"metadata"`
	Spec     struct {
		Request    string   `json:"request"` // base64 of the PEM
		SignerName string   `json:"signerName"`
		Username   string   `json:"username"`
		Groups     []string `json:"groups"`
	} `json:"spec"`
	Status struct {
		Conditions []struct {
			Type string `json:"type"`
		} `json:"conditions"`
	} `json:"status"`
}

// approveKubeletServing approves kubelets' serving certificates, which kube-controller-manager then signs with
// server-ca, so the API server can verify the kubelets it connects to (--kubelet-certificate-authority), as k3s's
// kubelets get serving certificates from server-ca. Kubernetes never approves these by itself: the approver must
// check that a node asks only for its own names and addresses.
func (s *Stage) approveKubeletServing(admin *Kube) {
	s.every("kubelet serving certificates", 2*time.Second, func() error {
		var csrs struct {
			Items []CertificateSigningRequest `json:"items"`
		}
		if err := admin.get("/apis/certificates.k8s.io/v1/certificatesigningrequests", &csrs); err != nil {
			return err
		}
		for _, csr := range csrs.Items {
			if csr.Spec.SignerName != "kubernetes.io/kubelet-serving" || len(csr.Status.Conditions) > 0 {
				continue
			}
			nodeName, isNode := strings.CutPrefix(csr.Spec.Username, "system:node:")
			if !isNode || !slices.Contains(csr.Spec.Groups, "system:nodes") {
				continue
			}
			var node Node
			if err := admin.get("/api/v1/nodes/"+nodeName, &node); err != nil {
				continue // not registered yet: the next round
			}
			if err := checkServingRequest(csr, node); err != nil {
				logf("kubelet serving certificate %s of %s not approved: %v", csr.Metadata.Name, nodeName, err)
				continue
			}
			// The approval is an update of the whole object as read (with its resourceVersion), its conditions added.
			path := "/apis/certificates.k8s.io/v1/certificatesigningrequests/" + csr.Metadata.Name
			var object map[string]any
			if err := admin.get(path, &object); err != nil {
				return err
			}
			status, _ := object["status"].(map[string]any)
			if status == nil {
				status = map[string]any{}
				object["status"] = status
			}
			status["conditions"] = []any{map[string]any{
				"type": "Approved", "status": "True", "reason": "K3sStandInApproved",
				"message": "the node's own names and addresses (k3s stand-in)",
			}}
			if err := admin.do("PUT", path+"/approval", "application/json", object, nil); err != nil {
				return err
			}
			logf("kubelet serving certificate of %s approved (%s)", nodeName, csr.Metadata.Name)
		}
		return nil
	})
}

// checkServingRequest accepts a serving certificate request naming only the node itself: CN system:node:<name>,
// O system:nodes, DNS names among the node's name and hostname addresses, IPs among its addresses.
func checkServingRequest(csr CertificateSigningRequest, node Node) error {
	pemBytes, err := base64.StdEncoding.DecodeString(csr.Spec.Request)
	if err != nil {
		return err
	}
	block, _ := pem.Decode(pemBytes)
	if block == nil {
		return fmt.Errorf("no PEM request")
	}
	req, err := x509.ParseCertificateRequest(block.Bytes)
	if err != nil {
		return err
	}
	if req.Subject.CommonName != csr.Spec.Username || !slices.Equal(req.Subject.Organization, []string{"system:nodes"}) {
		return fmt.Errorf("subject %q is not the requesting node's", req.Subject.String())
	}
	names := []string{node.Metadata.Name}
	var ips []net.IP
	for _, a := range node.Status.Addresses {
		if ip := net.ParseIP(a.Address); ip != nil {
			ips = append(ips, ip)
		} else {
			names = append(names, a.Address)
		}
	}
	for _, name := range req.DNSNames {
		if !slices.Contains(names, name) {
			return fmt.Errorf("DNS name %s is not the node's", name)
		}
	}
	for _, ip := range req.IPAddresses {
		if !slices.ContainsFunc(ips, ip.Equal) {
			return fmt.Errorf("address %s is not the node's", ip)
		}
	}
	if len(req.EmailAddresses) > 0 || len(req.URIs) > 0 {
		return fmt.Errorf("email or URI names asked for")
	}
	return nil
}
