package main

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// CA is a certificate authority read from (or made at) <dir>/<name>.{crt,key}.
type CA struct {
	Cert    *x509.Certificate
	Key     crypto.Signer
	CertPEM []byte // as in the file: what the join token's hash is of
}

// loadOrCreateCA uses the CA at path.{crt,key} as given (cloud-init seeds them) and makes one only when both are
// absent, as k3s does.
func loadOrCreateCA(path, commonName string) (*CA, bool, error) {
	certPEM, certErr := os.ReadFile(path + ".crt")
	keyPEM, keyErr := os.ReadFile(path + ".key")
	if certErr == nil && keyErr == nil {
		ca, err := parseCA(certPEM, keyPEM)
		if err != nil {
			return nil, false, fmt.Errorf("%s: %w", path, err)
		}
		return ca, false, nil
	}
	if !os.IsNotExist(certErr) || !os.IsNotExist(keyErr) {
		return nil, false, fmt.Errorf("%s: only one of .crt and .key is there (or unreadable): %v / %v", path, certErr, keyErr)
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, false, err
	}
	now := time.Now()
	template := &x509.Certificate{
		SerialNumber:          randomSerial(),
		Subject:               pkix.Name{CommonName: fmt.Sprintf("%s@%d", commonName, now.Unix())},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.AddDate(10, 0, 0),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, template, template, key.Public(), key)
	if err != nil {
		return nil, false, err
	}
	certPEM = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	if keyPEM, err = encodeKey(key); err != nil {
		return nil, false, err
	}
	if err := writeFile(path+".key", keyPEM, 0600); err != nil {
		return nil, false, err
	}
	if err := writeFile(path+".crt", certPEM, 0644); err != nil {
		return nil, false, err
	}
	ca, err := parseCA(certPEM, keyPEM)
	return ca, true, err
}

func parseCA(certPEM, keyPEM []byte) (*CA, error) {
	cert, err := parseCert(certPEM)
	if err != nil {
		return nil, err
	}
	key, err := parseKey(keyPEM)
	if err != nil {
		return nil, err
	}
	return &CA{Cert: cert, Key: key, CertPEM: certPEM}, nil
}

func parseCert(certPEM []byte) (*x509.Certificate, error) {
	block, _ := pem.Decode(certPEM)
	if block == nil || block.Type != "CERTIFICATE" {
		return nil, errors.New("no PEM certificate")
	}
	return x509.ParseCertificate(block.Bytes)
}

func parseKey(keyPEM []byte) (crypto.Signer, error) {
	block, _ := pem.Decode(keyPEM)
	if block == nil {
		return nil, errors.New("no PEM key")
	}
	switch block.Type {
	case "EC PRIVATE KEY":
		return x509.ParseECPrivateKey(block.Bytes)
	case "RSA PRIVATE KEY":
		return x509.ParsePKCS1PrivateKey(block.Bytes)
	case "PRIVATE KEY":
		key, err := x509.ParsePKCS8PrivateKey(block.Bytes)
		if err != nil {
			return nil, err
		}
		signer, ok := key.(crypto.Signer)
		if !ok {
			return nil, fmt.Errorf("PKCS#8 key of type %T cannot sign", key)
		}
		return signer, nil
	}
	return nil, fmt.Errorf("unsupported key PEM type %q", block.Type)
}

func encodeKey(key *ecdsa.PrivateKey) ([]byte, error) {
	der, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		return nil, err
	}
	return pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: der}), nil
}

func randomSerial() *big.Int {
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		panic(err)
	}
	return serial
}

// LeafSpec is what one certificate the stand-in issues must say.
type LeafSpec struct {
	CommonName   string
	Organization []string
	DNSNames     []string
	IPs          []net.IP
	Client       bool
	Server       bool
}

// ensureLeaf keeps <path>.{crt,key} across restarts while they are signed by this CA, say what spec asks and are
// more than 90 days from expiry; otherwise it issues them anew (ECDSA P-256, one year, as k3s's leaf certificates).
func (ca *CA) ensureLeaf(path string, spec LeafSpec) (certPEM, keyPEM []byte, err error) {
	certPEM, certErr := os.ReadFile(path + ".crt")
	keyPEM, keyErr := os.ReadFile(path + ".key")
	if certErr == nil && keyErr == nil && ca.stillGood(certPEM, keyPEM, spec) {
		return certPEM, keyPEM, nil
	}
	certPEM, keyPEM, err = ca.issue(spec)
	if err != nil {
		return nil, nil, err
	}
	if err := writeFile(path+".key", keyPEM, 0600); err != nil {
		return nil, nil, err
	}
	return certPEM, keyPEM, writeFile(path+".crt", certPEM, 0644)
}

func (ca *CA) stillGood(certPEM, keyPEM []byte, spec LeafSpec) bool {
	cert, err := parseCert(certPEM)
	if err != nil {
		return false
	}
	if _, err := parseKey(keyPEM); err != nil {
		return false
	}
	if cert.CheckSignatureFrom(ca.Cert) != nil || time.Until(cert.NotAfter) < 90*24*time.Hour {
		return false
	}
	if cert.Subject.CommonName != spec.CommonName || !slices.Equal(cert.Subject.Organization, spec.Organization) {
		return false
	}
	for _, name := range spec.DNSNames {
		if !slices.Contains(cert.DNSNames, name) {
			return false
		}
	}
	for _, ip := range spec.IPs {
		if !slices.ContainsFunc(cert.IPAddresses, ip.Equal) {
			return false
		}
	}
	return true
}

func (ca *CA) issue(spec LeafSpec) (certPEM, keyPEM []byte, err error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, err
	}
	now := time.Now()
	template := &x509.Certificate{
		SerialNumber: randomSerial(),
		Subject:      pkix.Name{CommonName: spec.CommonName, Organization: spec.Organization},
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.AddDate(1, 0, 0),
		KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment,
		DNSNames:     spec.DNSNames,
		IPAddresses:  spec.IPs,
	}
	if spec.Client {
		template.ExtKeyUsage = append(template.ExtKeyUsage, x509.ExtKeyUsageClientAuth)
	}
	if spec.Server {
		template.ExtKeyUsage = append(template.ExtKeyUsage, x509.ExtKeyUsageServerAuth)
	}
	der, err := x509.CreateCertificate(rand.Reader, template, ca.Cert, key.Public(), ca.Key)
	if err != nil {
		return nil, nil, err
	}
	keyPEM, err = encodeKey(key)
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), keyPEM, err
}

// apiServerSANs are the names the API server's serving certificate holds: the tls-san entries, this node's address
// and name, loopback, the in-cluster service names and the kubernetes Service's address (the service CIDR's first).
func apiServerSANs(tlsSANs []string, nodeIP net.IP, nodeName string, serviceCIDR string) (dns []string, ips []net.IP, err error) {
	kubernetesIP, err := firstServiceIP(serviceCIDR)
	if err != nil {
		return nil, nil, err
	}
	dns = []string{"localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc", "kubernetes.default.svc.cluster.local"}
	if nodeName != "" {
		dns = append(dns, nodeName)
	}
	ips = []net.IP{net.IPv4(127, 0, 0, 1).To4(), kubernetesIP}
	if nodeIP != nil {
		ips = append(ips, nodeIP)
	}
	for _, san := range tlsSANs {
		if ip := net.ParseIP(san); ip != nil {
			if v4 := ip.To4(); v4 != nil {
				ip = v4
			}
			if !slices.ContainsFunc(ips, ip.Equal) {
				ips = append(ips, ip)
			}
		} else if san != "" && !slices.Contains(dns, san) {
			dns = append(dns, san)
		}
	}
	return dns, ips, nil
}

func firstServiceIP(cidr string) (net.IP, error) {
	_, network, err := net.ParseCIDR(cidr)
	if err != nil {
		return nil, fmt.Errorf("service-cidr %q: %w", cidr, err)
	}
	ip := slices.Clone(network.IP.To4())
	if ip == nil {
		return nil, fmt.Errorf("service-cidr %q: the stand-in handles IPv4 only", cidr)
	}
	ip[3]++
	return ip, nil
}

// kubeconfig renders a kubeconfig with the CA and credentials embedded: one file per identity, nothing to keep in
// step. A bearer token is used when certPEM is nil.
func kubeconfig(server string, caPEM, certPEM, keyPEM []byte, token string) []byte {
	var b bytes.Buffer
	enc := base64.StdEncoding.EncodeToString
	fmt.Fprintf(&b, "apiVersion: v1\nkind: Config\nclusters:\n- name: default\n  cluster:\n    server: %s\n    certificate-authority-data: %s\n", server, enc(caPEM))
	b.WriteString("contexts:\n- name: default\n  context:\n    cluster: default\n    user: default\ncurrent-context: default\nusers:\n- name: default\n  user:\n")
	if certPEM != nil {
		fmt.Fprintf(&b, "    client-certificate-data: %s\n    client-key-data: %s\n", enc(certPEM), enc(keyPEM))
	} else {
		fmt.Fprintf(&b, "    token: %s\n", token)
	}
	return b.Bytes()
}

// writeFile writes atomically (a rename), so a restart never sees half a certificate or config.
func writeFile(path string, data []byte, mode os.FileMode) error {
	if err := os.MkdirAll(filepath.Dir(path), 0755); err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, mode); err != nil {
		return err
	}
	if err := os.Chmod(tmp, mode); err != nil { // WriteFile's mode is subject to the umask
		return err
	}
	return os.Rename(tmp, path)
}
