package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
)

// STAND-IN behaviour of k3s's cluster reset, run by hand on one server with k3s stopped on every server:
//
//	k3s server --cluster-reset [--cluster-reset-restore-path=<snapshot>]
//
// This server's etcd member forgets its peers and becomes the one member of a new cluster, with the data it has
// (etcd's --force-new-cluster) or with a snapshot's (etcdutl snapshot restore), the old data dir kept beside it as
// db/etcd-old-<unix time>. <snapshot> is a file, or the name of one in ${data-dir}/server/db/snapshots, or with
// etcd-s3 configured the name of an uploaded snapshot, fetched from <bucket>/<folder>/, as k3s takes it. Then, as
// k3s, it says what to do next and exits: start k3s again; on every other server remove ${data-dir}/server/db and
// start k3s, which joins the new cluster. The keys every server shares (bootstrap data) are written from the
// snapshot where this server lacks them, so a server built anew can be the one restored. Not kept of k3s: the
// reset-flag file k3s leaves to refuse a second reset, restoring from a snapshot of a one-server (SQLite) cluster.

// clusterReset is what the command line asked for: a reset, from a snapshot when restorePath is set.
type clusterReset struct{ restorePath string }

const resetDoneMessage = "Managed etcd cluster membership has been reset, restart without --cluster-reset flag now. " +
	"Backup and delete ${datadir}/server/db on each peer etcd server and rejoin the nodes"

// parseClusterReset takes k3s's two reset flags out of a server's arguments; the rest are returned (and not read).
func parseClusterReset(args []string) (*clusterReset, []string, error) {
	var reset *clusterReset
	var restorePath string
	var rest []string
	for i := 0; i < len(args); i++ {
		switch arg := args[i]; {
		case arg == "--cluster-reset":
			reset = &clusterReset{}
		case arg == "--cluster-reset-restore-path" && i+1 < len(args):
			restorePath = args[i+1]
			i++
		case strings.HasPrefix(arg, "--cluster-reset-restore-path="):
			restorePath = strings.TrimPrefix(arg, "--cluster-reset-restore-path=")
		default:
			rest = append(rest, arg)
		}
	}
	if restorePath != "" {
		if reset == nil {
			return nil, rest, errors.New("--cluster-reset-restore-path needs --cluster-reset")
		}
		reset.restorePath = restorePath
	}
	return reset, rest, nil
}

// resetCluster carries out a cluster reset and returns once etcd has run as the one member of the new cluster.
func (s *Stage) resetCluster(reset *clusterReset) error {
	if !s.clustered() {
		return errors.New("cluster-reset: only a server of several (embedded etcd: cluster-init or server in config.yaml) has an etcd cluster to reset")
	}
	if httpGetOK("http://127.0.0.1:2381/health") == nil {
		return errors.New("cluster-reset: this server's etcd is running: stop k3s first (systemctl stop k3s)")
	}
	token, err := parseJoinToken(s.cfg.Token)
	if err != nil {
		return err
	}
	etcd, err := s.etcdCertificates(false)
	if err != nil {
		return fmt.Errorf("etcd certificates: %w", err)
	}
	args := etcdArgs(s.cfg.NodeName, s.ip, etcdDataDir, s.cfg.NodeName+"="+peerURL(s.ip), "new")
	if reset.restorePath == "" {
		if !fileExists(filepath.Join(etcdDataDir, "member")) {
			return fmt.Errorf("cluster-reset: %s holds no member to reset; restore one with --cluster-reset-restore-path", etcdDataDir)
		}
		args = append(args, "--force-new-cluster")
		logf("cluster-reset: the member in %s becomes the one member of a new cluster", etcdDataDir)
	} else {
		snapshot, err := s.snapshotFile(reset.restorePath)
		if err != nil {
			return err
		}
		if fileExists(etcdDataDir) {
			old := fmt.Sprintf("%s-old-%d", etcdDataDir, time.Now().Unix())
			if err := os.Rename(etcdDataDir, old); err != nil {
				return err
			}
			logf("cluster-reset: the data dir before the restore is kept as %s", old)
		}
		if err := restoreSnapshot(binary("etcdutl"), snapshot, etcdDataDir, s.cfg.NodeName, peerURL(s.ip)); err != nil {
			return err
		}
		logf("cluster-reset: %s restored into %s as the one member of a new cluster", snapshot, etcdDataDir)
	}
	ctx, cancel := context.WithTimeout(s.ctx, 2*time.Minute)
	defer cancel()
	s.ctx = ctx
	if _, err := s.sup.start("etcd", binary("etcd"), args, nil); err != nil {
		return err
	}
	defer s.sup.stopAll([]string{"etcd"})
	if err := s.waitForEtcdHealth(); err != nil {
		return fmt.Errorf("cluster-reset: etcd did not come up on the reset data: %w", err)
	}
	local, err := localEtcd(etcd)
	if err != nil {
		return err
	}
	members, err := listMembers(local)
	if err != nil {
		return err
	}
	if len(members) != 1 {
		return fmt.Errorf("cluster-reset: the new cluster has %d members, want 1", len(members))
	}
	if err := readBootstrap(local, token.Secret); err != nil {
		logf("cluster-reset: no bootstrap data to read from the datastore (%v): this server's own keys stay", err)
	}
	logf("%s", resetDoneMessage)
	return nil
}

// snapshotFile is the snapshot a restore path names: a file, one in the snapshot dir, or one fetched from etcd-s3.
func (s *Stage) snapshotFile(name string) (string, error) {
	if fileExists(name) {
		return name, nil
	}
	local := filepath.Join(snapshotDir, filepath.Base(name))
	if fileExists(local) {
		return local, nil
	}
	snaps := s.cfg.Snapshots
	if snaps.S3 == nil {
		return "", fmt.Errorf("cluster-reset: no snapshot %q: not a file, not in %s, and no etcd-s3 to fetch it from", name, snapshotDir)
	}
	key := path.Join(snaps.Folder, filepath.Base(name))
	data, err := snaps.S3.Get(snaps.Bucket, key)
	if err != nil {
		return "", fmt.Errorf("cluster-reset: fetching s3://%s/%s: %w", snaps.Bucket, key, err)
	}
	if err := writeFile(local, data, 0600); err != nil {
		return "", err
	}
	logf("cluster-reset: fetched s3://%s/%s (%d bytes) into %s", snaps.Bucket, key, len(data), local)
	return local, nil
}

// restoreSnapshot makes dataDir a new one-member cluster's data holding the snapshot's keys (etcdutl checks the
// snapshot's integrity hash).
func restoreSnapshot(etcdutl, snapshot, dataDir, name, peer string) error {
	_, err := runCommand(etcdutl, "snapshot", "restore", snapshot, "--data-dir="+dataDir, "--name="+name,
		"--initial-cluster="+name+"="+peer, "--initial-advertise-peer-urls="+peer)
	return err
}
