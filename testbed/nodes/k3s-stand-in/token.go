package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
)

// JoinToken is a k3s token: "K10<sha256 hex of the server CA bundle>::<user>:<secret>" (the secure form, which pins
// the CA), or a bare secret, which k3s accepts without pinning.
type JoinToken struct {
	CAHash string // empty for a bare secret
	User   string
	Secret string
}

func parseJoinToken(token string) (JoinToken, error) {
	if token == "" {
		return JoinToken{}, fmt.Errorf("no token in the configuration")
	}
	if !strings.HasPrefix(token, "K10") || !strings.Contains(token, "::") {
		return JoinToken{Secret: token}, nil
	}
	hash, credentials, _ := strings.Cut(strings.TrimPrefix(token, "K10"), "::")
	if len(hash) != 64 {
		return JoinToken{}, fmt.Errorf("token's CA hash is %d characters, want 64 hex digits", len(hash))
	}
	if _, err := hex.DecodeString(hash); err != nil {
		return JoinToken{}, fmt.Errorf("token's CA hash is not hex: %v", err)
	}
	user, secret, ok := strings.Cut(credentials, ":")
	if !ok || secret == "" {
		return JoinToken{}, fmt.Errorf("token has no secret after the CA hash (want K10<hash>::<user>:<secret>)")
	}
	return JoinToken{CAHash: strings.ToLower(hash), User: user, Secret: secret}, nil
}

// verifyCA checks the CA bundle fetched from the server against the hash the token pins. The hash is of the bytes
// exactly as served, as k3s hashes its CA file.
func (t JoinToken) verifyCA(caPEM []byte) error {
	if t.CAHash == "" {
		return nil
	}
	sum := sha256.Sum256(caPEM)
	if got := hex.EncodeToString(sum[:]); got != t.CAHash {
		return fmt.Errorf("server CA sha256 %s does not match the token's %s", got, t.CAHash)
	}
	return nil
}

// bootstrapToken derives a Kubernetes bootstrap token ("<6>.<16>" of [a-z0-9]) from the join secret, so the server
// and every agent arrive at the same one with nothing but the secret: the stand-in's replacement for the node password
// exchange k3s does on its supervisor port.
func bootstrapToken(secret string) (id, tokenSecret string) {
	idSum := sha256.Sum256([]byte("id:" + secret))
	secretSum := sha256.Sum256([]byte("secret:" + secret))
	return hex.EncodeToString(idSum[:])[:6], hex.EncodeToString(secretSum[:])[:16]
}
