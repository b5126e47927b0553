package main

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// The datastore of a server of several (k3s's embedded etcd, `cluster-init` on the first server, `server` on the
// others): etcd with TLS on the node's address for its peers and clients, its certificates issued here from the
// seeded etcd CAs (server/tls/etcd/{peer-ca,server-ca}), as k3s issues them. A server of a cluster of one keeps
// etcd on loopback over plain HTTP (startEtcd).

var (
	etcdTLSDir  = filepath.Join(tlsDir, "etcd")
	etcdDataDir = filepath.Join(serverDir, "db", "etcd")
)

const (
	etcdClientPort = 2379
	etcdPeerPort   = 2380
	// Where the data k3s calls bootstrap data, which every server must share (the service-account key, the
	// secrets-encryption key), is kept in etcd: encrypted with a key derived from the join secret, as k3s keeps it.
	bootstrapKey = "/k3s-stand-in/bootstrap"
)

// The files of bootstrapKey, relative to the server directory.
var bootstrapFiles = []string{"tls/service.key", "cred/encryption-config.json"}

// etcdPKI is what a clustered etcd and its clients use.
type etcdPKI struct {
	serverCA *CA
	// The API server's (and the stand-in's own) client certificate.
	client [2][]byte
}

// etcdCertificates issues this server's etcd certificates from the seeded CAs: serving and peer certificates for
// its address, a client certificate for the API server. A joining server must have the CAs seeded (the stand-in
// fetches nothing from another server); the first one makes them when none are.
func (s *Stage) etcdCertificates(joining bool) (*etcdPKI, error) {
	cas := map[string]*CA{}
	for _, name := range []string{"peer-ca", "server-ca"} {
		path := filepath.Join(etcdTLSDir, name)
		if joining && !(fileExists(path+".crt") && fileExists(path+".key")) {
			return nil, fmt.Errorf("etcd/%s.crt and .key are not seeded: a joining server issues its etcd certificates from the "+
				"cluster's etcd CAs, and the stand-in fetches no CA from another server", name)
		}
		ca, created, err := loadOrCreateCA(path, "etcd-"+name)
		if err != nil {
			return nil, err
		}
		if created {
			logf("etcd/%s: none seeded, generated one", name)
		} else {
			logf("etcd/%s: using the seeded etcd/%s.crt (%s)", name, name, ca.Cert.Subject.CommonName)
		}
		cas[name] = ca
	}
	ip := net.ParseIP(s.ip).To4()
	names := []string{"localhost", s.cfg.NodeName}
	ips := []net.IP{net.IPv4(127, 0, 0, 1).To4(), ip}
	if _, _, err := cas["server-ca"].ensureLeaf(filepath.Join(etcdTLSDir, "server-client"),
		LeafSpec{CommonName: "etcd-server", DNSNames: names, IPs: ips, Server: true, Client: true}); err != nil {
		return nil, err
	}
	if _, _, err := cas["peer-ca"].ensureLeaf(filepath.Join(etcdTLSDir, "peer-server-client"),
		LeafSpec{CommonName: "etcd-peer", DNSNames: names, IPs: ips, Server: true, Client: true}); err != nil {
		return nil, err
	}
	cert, key, err := cas["server-ca"].ensureLeaf(filepath.Join(etcdTLSDir, "client"), LeafSpec{CommonName: "etcd-client", Client: true})
	if err != nil {
		return nil, err
	}
	return &etcdPKI{serverCA: cas["server-ca"], client: [2][]byte{cert, key}}, nil
}

// etcdArgs are etcd's flags with TLS for a member at ip; initialCluster and state only matter to a new data dir.
func etcdArgs(name, ip, dataDir, initialCluster, state string) []string {
	tls := func(file string) string { return filepath.Join(etcdTLSDir, file) }
	return []string{
		"--name=" + name, "--data-dir=" + dataDir,
		fmt.Sprintf("--listen-client-urls=https://127.0.0.1:%d,https://%s:%d", etcdClientPort, ip, etcdClientPort),
		fmt.Sprintf("--advertise-client-urls=https://%s:%d", ip, etcdClientPort),
		fmt.Sprintf("--listen-peer-urls=https://%s:%d", ip, etcdPeerPort),
		"--initial-advertise-peer-urls=" + peerURL(ip),
		"--initial-cluster=" + initialCluster, "--initial-cluster-state=" + state,
		"--client-cert-auth", "--trusted-ca-file=" + tls("server-ca.crt"),
		"--cert-file=" + tls("server-client.crt"), "--key-file=" + tls("server-client.key"),
		"--peer-client-cert-auth", "--peer-trusted-ca-file=" + tls("peer-ca.crt"),
		"--peer-cert-file=" + tls("peer-server-client.crt"), "--peer-key-file=" + tls("peer-server-client.key"),
		"--listen-metrics-urls=http://127.0.0.1:2381", "--log-level=warn",
	}
}

func peerURL(ip string) string { return fmt.Sprintf("https://%s:%d", ip, etcdPeerPort) }

// etcdMember is a member as etcd's JSON gateway (the gRPC API's /v3/ routes) shows it.
type etcdMember struct {
	ID       string   `json:"ID"`
	Name     string   `json:"name"`
	PeerURLs []string `json:"peerURLs"`
}

// initialCluster is etcd's --initial-cluster for a member joining `members` at its own peer URL: every member by
// name; the joining one (not started, so still unnamed) by this server's name.
func initialCluster(members []etcdMember, self, selfPeerURL string) (string, error) {
	var entries []string
	found := false
	for _, m := range members {
		name := m.Name
		for _, u := range m.PeerURLs {
			if u == selfPeerURL {
				name, found = self, true
			}
		}
		if name == "" {
			return "", fmt.Errorf("member %s (%v) has not started yet: another server is joining; retrying", m.ID, m.PeerURLs)
		}
		for _, u := range m.PeerURLs {
			entries = append(entries, name+"="+u)
		}
	}
	if !found {
		return "", fmt.Errorf("this server's peer URL %s is not among the members", selfPeerURL)
	}
	return strings.Join(entries, ","), nil
}

// joinEtcd adds this server as a member through one that runs, found as a server Node (role label etcd) through
// the API at cfg.Server with this server's own admin certificate (made from the seeded client CA), and returns
// --initial-cluster. A member already added for this address (a restart before etcd started) is taken as it is.
func (s *Stage) joinEtcd(pki *serverPKI, etcd *etcdPKI) (string, error) {
	api, err := newKube(strings.TrimSuffix(s.cfg.Server, "/"), pki.serverCA.CertPEM, pki.admin[0], pki.admin[1])
	if err != nil {
		return "", err
	}
	var servers NodeList
	if err := api.get("/api/v1/nodes?labelSelector="+url.QueryEscape("node-role.kubernetes.io/etcd=true"), &servers); err != nil {
		return "", fmt.Errorf("servers through %s: %w", s.cfg.Server, err)
	}
	self := peerURL(s.ip)
	var lastErr error = errors.New("no server Node with an InternalIP yet")
	for _, server := range servers.Items {
		address := server.internalIP()
		if address == "" || address == s.ip {
			continue
		}
		member, err := newKube(fmt.Sprintf("https://%s:%d", address, etcdClientPort), etcd.serverCA.CertPEM, etcd.client[0], etcd.client[1])
		if err != nil {
			return "", err
		}
		var members []etcdMember
		if members, lastErr = addMember(member, self); lastErr != nil {
			continue
		}
		logf("etcd: a member through %s", address)
		return initialCluster(members, s.cfg.NodeName, self)
	}
	return "", lastErr
}

// addMember adds a member at peer through a running member (etcd's JSON gateway), unless one is there already,
// and returns the members.
func addMember(member *Kube, peer string) ([]etcdMember, error) {
	members, err := listMembers(member)
	if err != nil || memberAt(members, peer) {
		return members, err
	}
	var added struct {
		Members []etcdMember `json:"members"`
	}
	if err := member.do("POST", "/v3/cluster/member/add", "application/json", map[string]any{"peerURLs": []string{peer}}, &added); err != nil {
		return nil, err
	}
	return added.Members, nil
}

// listMembers is the cluster's members, through etcd's JSON gateway.
func listMembers(member *Kube) ([]etcdMember, error) {
	var out struct {
		Members []etcdMember `json:"members"`
	}
	if err := member.do("POST", "/v3/cluster/member/list", "application/json", map[string]any{}, &out); err != nil {
		return nil, err
	}
	return out.Members, nil
}

func memberAt(members []etcdMember, peer string) bool {
	for _, m := range members {
		for _, u := range m.PeerURLs {
			if u == peer {
				return true
			}
		}
	}
	return false
}

// startClusteredEtcd starts this server's member: a new cluster (cluster-init), a member joining one (server), or,
// when its data dir holds a member already, that member as it was.
func (s *Stage) startClusteredEtcd(pki *serverPKI, etcd *etcdPKI) error {
	if err := os.MkdirAll(etcdDataDir, 0700); err != nil {
		return err
	}
	initial, state := s.cfg.NodeName+"="+peerURL(s.ip), "new"
	switch {
	case fileExists(filepath.Join(etcdDataDir, "member")):
		logf("etcd: data dir holds a member: starting it as it was")
	case s.cfg.Server != "":
		if err := s.waitFor("etcd membership through "+s.cfg.Server, 2*time.Second, func() error {
			var err error
			initial, err = s.joinEtcd(pki, etcd)
			return err
		}); err != nil {
			return err
		}
		state = "existing"
		logf("etcd: joining %s", initial)
	default:
		logf("etcd: cluster-init, a new cluster of this member")
	}
	if _, err := s.sup.start("etcd", binary("etcd"), etcdArgs(s.cfg.NodeName, s.ip, etcdDataDir, initial, state), nil); err != nil {
		return err
	}
	return s.waitForEtcdHealth()
}

// localEtcd is this server's member, as the stand-in's own client (the API server's client certificate).
func localEtcd(etcd *etcdPKI) (*Kube, error) {
	return newKube(fmt.Sprintf("https://127.0.0.1:%d", etcdClientPort), etcd.serverCA.CertPEM, etcd.client[0], etcd.client[1])
}

// storeBootstrap puts what every server must share (the service-account and secrets-encryption keys) into etcd,
// encrypted with a key from the join secret, for the servers that join: the first server does, once.
func storeBootstrap(local *Kube, joinSecret string) error {
	key := base64.StdEncoding.EncodeToString([]byte(bootstrapKey))
	var found struct {
		Count string `json:"count"`
	}
	if err := local.do("POST", "/v3/kv/range", "application/json", map[string]any{"key": key, "count_only": true}, &found); err != nil {
		return err
	}
	if found.Count != "" && found.Count != "0" {
		return nil
	}
	sealed, err := sealBootstrap(serverDir, joinSecret)
	if err != nil {
		return err
	}
	logf("etcd: bootstrap data stored for the servers that join")
	return local.do("POST", "/v3/kv/put", "application/json", map[string]any{"key": key, "value": base64.StdEncoding.EncodeToString(sealed)}, nil)
}

// readBootstrap writes what the first server stored (storeBootstrap) where this server's processes read it,
// keeping files it has already.
func readBootstrap(local *Kube, joinSecret string) error {
	var got struct {
		Kvs []struct {
			Value string `json:"value"`
		} `json:"kvs"`
	}
	if err := local.do("POST", "/v3/kv/range", "application/json", map[string]any{"key": base64.StdEncoding.EncodeToString([]byte(bootstrapKey))}, &got); err != nil {
		return err
	}
	if len(got.Kvs) == 0 {
		return errors.New("not stored yet")
	}
	sealed, err := base64.StdEncoding.DecodeString(got.Kvs[0].Value)
	if err != nil {
		return err
	}
	return openBootstrap(serverDir, joinSecret, sealed)
}

func bootstrapCipher(joinSecret string) (cipher.AEAD, error) {
	key := sha256.Sum256([]byte("k3s-stand-in bootstrap:" + joinSecret))
	block, err := aes.NewCipher(key[:])
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

// sealBootstrap is bootstrapFiles of dir (those present), as JSON, AES-GCM encrypted (nonce first).
func sealBootstrap(dir, joinSecret string) ([]byte, error) {
	files := map[string][]byte{}
	for _, name := range bootstrapFiles {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			return nil, err
		}
		files[name] = data
	}
	plain, err := json.Marshal(files)
	if err != nil {
		return nil, err
	}
	aead, err := bootstrapCipher(joinSecret)
	if err != nil {
		return nil, err
	}
	nonce := make([]byte, aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return nil, err
	}
	return aead.Seal(nonce, nonce, plain, nil), nil
}

// openBootstrap writes the files sealBootstrap sealed under dir, keeping any already there.
func openBootstrap(dir, joinSecret string, sealed []byte) error {
	aead, err := bootstrapCipher(joinSecret)
	if err != nil {
		return err
	}
	if len(sealed) < aead.NonceSize() {
		return errors.New("bootstrap data too short")
	}
	plain, err := aead.Open(nil, sealed[:aead.NonceSize()], sealed[aead.NonceSize():], nil)
	if err != nil {
		return fmt.Errorf("bootstrap data does not open with this join secret: %w", err)
	}
	var files map[string][]byte
	if err := json.Unmarshal(plain, &files); err != nil {
		return err
	}
	for name, data := range files {
		if path := filepath.Join(dir, name); !fileExists(path) {
			if err := writeFile(path, data, 0600); err != nil {
				return err
			}
		}
	}
	return nil
}
