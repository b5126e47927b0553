package main

import (
	"encoding/base64"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestClusterResetFlagsAreTheOnlyOnesRead(t *testing.T) {
	reset, rest, err := parseClusterReset([]string{"--cluster-reset", "--cluster-reset-restore-path=etcd-snapshot-a-1", "--debug"})
	if err != nil || reset == nil || reset.restorePath != "etcd-snapshot-a-1" || !slices.Equal(rest, []string{"--debug"}) {
		t.Errorf("reset %+v, rest %v, err %v", reset, rest, err)
	}
	if reset, _, err := parseClusterReset([]string{"--cluster-reset-restore-path", "/tmp/s", "--cluster-reset"}); err != nil || reset.restorePath != "/tmp/s" {
		t.Errorf("the path as its own argument: %+v %v", reset, err)
	}
	if reset, rest, err := parseClusterReset(nil); reset != nil || rest != nil || err != nil {
		t.Errorf("no flags: %+v %v %v", reset, rest, err)
	}
	if _, _, err := parseClusterReset([]string{"--cluster-reset-restore-path=x"}); err == nil || !strings.Contains(err.Error(), "needs --cluster-reset") {
		t.Errorf("a restore path alone: %v", err)
	}
}

func TestResetIsRefusedOnAServerOfOne(t *testing.T) {
	one := &Stage{cfg: &Config{NodeName: "a", Token: "secret"}}
	if err := one.resetCluster(&clusterReset{}); err == nil || !strings.Contains(err.Error(), "only a server of several") {
		t.Errorf("a server of one: %v", err)
	}
}

func TestASnapshotNamedByARestorePathIsAFileOrInTheSnapshotDir(t *testing.T) {
	saved := snapshotDir
	t.Cleanup(func() { snapshotDir = saved })
	snapshotDir = t.TempDir()
	writeTestFile(t, filepath.Join(snapshotDir, "etcd-snapshot-a-1"), "SNAP")
	s := &Stage{cfg: &Config{}}
	if got, err := s.snapshotFile("etcd-snapshot-a-1"); err != nil || got != filepath.Join(snapshotDir, "etcd-snapshot-a-1") {
		t.Errorf("by name: %q %v", got, err)
	}
	elsewhere := filepath.Join(t.TempDir(), "copy")
	writeTestFile(t, elsewhere, "SNAP")
	if got, err := s.snapshotFile(elsewhere); err != nil || got != elsewhere {
		t.Errorf("by path: %q %v", got, err)
	}
	if _, err := s.snapshotFile("etcd-snapshot-a-2"); err == nil || !strings.Contains(err.Error(), "no etcd-s3 to fetch it from") {
		t.Errorf("missing, no store: %v", err)
	}
}

// Against the upstream etcd and etcdutl of the test bed's nodes: a member's snapshot (as the scheduled snapshots take
// it) restored into a new data dir is a cluster of one member, under the new name, holding the keys written before
// the snapshot and none written after it.
func TestASnapshotRestoresIntoANewClusterOfOneMember(t *testing.T) {
	etcdutl := toolBinary(t, "etcdutl")
	first, _ := startTestEtcd(t, "first", t.TempDir())
	put := func(member *Kube, key, value string) {
		if err := member.do("POST", "/v3/kv/put", "application/json", map[string]any{
			"key": base64.StdEncoding.EncodeToString([]byte(key)), "value": base64.StdEncoding.EncodeToString([]byte(value)),
		}, nil); err != nil {
			t.Fatal(err)
		}
	}
	put(first, "/registry/configmaps/default/before", "kept")
	snapshot, err := etcdSnapshot(first)
	if err != nil {
		t.Fatal(err)
	}
	put(first, "/registry/configmaps/default/after", "not in the snapshot")
	file := filepath.Join(t.TempDir(), "etcd-snapshot-first-1")
	if err := os.WriteFile(file, snapshot, 0600); err != nil {
		t.Fatal(err)
	}
	dataDir := filepath.Join(t.TempDir(), "etcd")
	if err := restoreSnapshot(etcdutl, file, dataDir, "restored", "http://127.0.0.1:2380"); err != nil {
		t.Fatal(err)
	}
	if err := restoreSnapshot(etcdutl, file, dataDir, "restored", "http://127.0.0.1:2380"); err == nil {
		t.Error("restored over a data dir that exists")
	}
	corrupt := filepath.Join(t.TempDir(), "corrupt")
	if err := os.WriteFile(corrupt, snapshot[:len(snapshot)-1], 0600); err != nil {
		t.Fatal(err)
	}
	if err := restoreSnapshot(etcdutl, corrupt, filepath.Join(t.TempDir(), "etcd"), "restored", "http://127.0.0.1:2380"); err == nil {
		t.Error("restored a snapshot whose integrity hash does not match")
	}

	// startTestEtcd names the member again; a data dir holding one keeps its own name and cluster.
	restored, _ := startTestEtcd(t, "restored", dataDir)
	members, err := listMembers(restored)
	if err != nil || len(members) != 1 || members[0].Name != "restored" {
		t.Fatalf("members %+v (%v)", members, err)
	}
	count := func(key string) string {
		var got struct {
			Count string `json:"count"`
		}
		if err := restored.do("POST", "/v3/kv/range", "application/json", map[string]any{"key": base64.StdEncoding.EncodeToString([]byte(key)), "count_only": true}, &got); err != nil {
			t.Fatal(err)
		}
		return got.Count
	}
	if before, after := count("/registry/configmaps/default/before"), count("/registry/configmaps/default/after"); before != "1" || after != "" {
		t.Errorf("after the restore: the key written before the snapshot counts %q (want 1), the one after %q (want none)", before, after)
	}
}
