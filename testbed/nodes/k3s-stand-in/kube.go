package main

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"

	"gopkg.in/yaml.v3"
)

// Kube is the little of a Kubernetes client the stand-in needs: JSON over HTTPS with a client certificate.
type Kube struct {
	Server string
	http   *http.Client
}

// APIError is a non-2xx answer.
type APIError struct {
	Status int
	Body   string
}

func (e *APIError) Error() string { return fmt.Sprintf("HTTP %d: %s", e.Status, e.Body) }

func isStatus(err error, status int) bool {
	apiErr, ok := err.(*APIError)
	return ok && apiErr.Status == status
}

func newKube(server string, caPEM, certPEM, keyPEM []byte) (*Kube, error) {
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(caPEM) {
		return nil, fmt.Errorf("no CA certificate for %s", server)
	}
	cfg := &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
	if certPEM != nil {
		pair, err := tls.X509KeyPair(certPEM, keyPEM)
		if err != nil {
			return nil, err
		}
		cfg.Certificates = []tls.Certificate{pair}
	}
	return &Kube{Server: server, http: &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{TLSClientConfig: cfg}}}, nil
}

// kubeFromKubeconfig reads the kubeconfig the kubelet writes after its TLS bootstrap: the CA and key pair may be
// embedded or in files (the kubelet points at its rotating kubelet-client-current.pem). The node's loops call it
// at each round, so they follow the kubelet's certificate rotation.
func kubeFromKubeconfig(path string) (*Kube, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var cfg struct {
		Clusters []struct {
			Cluster struct {
				Server                   string `yaml:"server"`
				CertificateAuthority     string `yaml:"certificate-authority"`
				CertificateAuthorityData string `yaml:"certificate-authority-data"`
			} `yaml:"cluster"`
		} `yaml:"clusters"`
		Users []struct {
			User struct {
				ClientCertificate     string `yaml:"client-certificate"`
				ClientCertificateData string `yaml:"client-certificate-data"`
				ClientKey             string `yaml:"client-key"`
				ClientKeyData         string `yaml:"client-key-data"`
			} `yaml:"user"`
		} `yaml:"users"`
	}
	if err := yaml.Unmarshal(data, &cfg); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(cfg.Clusters) == 0 || len(cfg.Users) == 0 {
		return nil, fmt.Errorf("%s: no cluster or user", path)
	}
	inlineOrFile := func(data, file string) ([]byte, error) {
		if data != "" {
			return base64.StdEncoding.DecodeString(data)
		}
		return os.ReadFile(file)
	}
	cluster, user := cfg.Clusters[0].Cluster, cfg.Users[0].User
	ca, err := inlineOrFile(cluster.CertificateAuthorityData, cluster.CertificateAuthority)
	if err != nil {
		return nil, err
	}
	cert, err := inlineOrFile(user.ClientCertificateData, user.ClientCertificate)
	if err != nil {
		return nil, err
	}
	key, err := inlineOrFile(user.ClientKeyData, user.ClientKey)
	if err != nil {
		return nil, err
	}
	return newKube(cluster.Server, ca, cert, key)
}

func (k *Kube) do(method, path, contentType string, body any, out any) error {
	var reader io.Reader
	if body != nil {
		data, err := json.Marshal(body)
		if err != nil {
			return err
		}
		reader = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, k.Server+path, reader)
	if err != nil {
		return err
	}
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := k.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode/100 != 2 {
		return &APIError{Status: resp.StatusCode, Body: string(bytes.TrimSpace(data))}
	}
	if out != nil {
		return json.Unmarshal(data, out)
	}
	return nil
}

func (k *Kube) get(path string, out any) error { return k.do("GET", path, "", nil, out) }

func (k *Kube) post(path string, body any) error {
	return k.do("POST", path, "application/json", body, nil)
}

func (k *Kube) mergePatch(path string, patch any) error {
	return k.do("PATCH", path, "application/merge-patch+json", patch, nil)
}

// apply is server-side apply of one object at its path (create or update, idempotent across restarts).
func (k *Kube) apply(path string, object map[string]any) error {
	return k.do("PATCH", path+"?fieldManager=k3s-stand-in&force=true", "application/apply-patch+yaml", object, nil)
}

func (k *Kube) delete(path string) error { return k.do("DELETE", path, "", nil, nil) }

// getRaw is a GET returning the body as it is (health endpoints answer text).
func (k *Kube) getRaw(path string) (string, error) {
	resp, err := k.http.Get(k.Server + path)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		return "", &APIError{Status: resp.StatusCode, Body: string(bytes.TrimSpace(data))}
	}
	return string(data), nil
}

// Object shapes the stand-in reads (only the fields it uses).
type Node struct {
	Metadata struct {
		Name        string            `json:"name"`
		Labels      map[string]string `json:"labels"`
		Annotations map[string]string `json:"annotations"`
	} `json:"metadata"`
	Spec struct {
		PodCIDR string `json:"podCIDR"`
	} `json:"spec"`
	Status struct {
		Addresses []struct {
			Type    string `json:"type"`
			Address string `json:"address"`
		} `json:"addresses"`
	} `json:"status"`
}

func (n *Node) internalIP() string {
	for _, a := range n.Status.Addresses {
		if a.Type == "InternalIP" {
			return a.Address
		}
	}
	return ""
}

type NodeList struct {
	Items []Node `json:"items"`
}

// ObjectMeta is the metadata the stand-in reads of PVCs, PVs and pods.
type ObjectMeta struct {
	Name        string            `json:"name"`
	Namespace   string            `json:"namespace"`
	UID         string            `json:"uid"`
	Annotations map[string]string `json:"annotations"`
}
