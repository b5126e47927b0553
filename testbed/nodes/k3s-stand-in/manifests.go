package main

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

var manifestsDir = filepath.Join(serverDir, "manifests")

// deployManifests is k3s's deploy controller as far as the project uses it: each manifest in server/manifests is
// applied at start and again whenever its content changes (polled, as k3s polls). k3s also deletes what a removed
// manifest made and honours .skip files; the stand-in does neither.
func (s *Stage) deployManifests() {
	if err := os.MkdirAll(manifestsDir, 0700); err != nil {
		logf("manifests: %v", err)
	}
	applied := map[string]string{} // file → sha256 of the content last applied
	s.every("manifests", 10*time.Second, func() error {
		entries, err := os.ReadDir(manifestsDir)
		if err != nil {
			return err
		}
		names := []string{}
		for _, e := range entries {
			if !e.IsDir() && (strings.HasSuffix(e.Name(), ".yaml") || strings.HasSuffix(e.Name(), ".yml") || strings.HasSuffix(e.Name(), ".json")) {
				names = append(names, e.Name())
			}
		}
		sort.Strings(names)
		var firstErr error
		for _, name := range names {
			path := filepath.Join(manifestsDir, name)
			data, err := os.ReadFile(path)
			if err != nil {
				continue
			}
			sum := sha256.Sum256(data)
			hash := hex.EncodeToString(sum[:])
			if applied[name] == hash {
				continue
			}
			if _, err := runCommand(binary("kubectl"), "--kubeconfig", filepath.Join(credDir, "admin.kubeconfig"), "apply", "-f", path); err != nil {
				if firstErr == nil {
					firstErr = err
				}
				continue
			}
			applied[name] = hash
			logf("manifests: applied %s", name)
		}
		return firstErr
	})
}
