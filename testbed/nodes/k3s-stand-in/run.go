package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// The order k3s's components stop in on SIGTERM: the node's first, the datastore last. containerd is stopped last,
// on its own PID only, so its shims (and the pods) keep running, as KillMode=process leaves them with k3s.
var stopOrder = []string{"kubelet", "kube-proxy", "coredns", "kube-controller-manager", "kube-scheduler", "kube-apiserver", "etcd", "containerd"}

// Stage is the state both roles share.
type Stage struct {
	cfg   *Config
	ip    string
	iface string
	sup   *Supervisor
	ctx   context.Context
	role  string
}

func run(role string, args []string) int {
	// Of the command line, only a server's cluster reset is read (restore.go).
	var reset *clusterReset
	if role == "server" {
		var err error
		if reset, args, err = parseClusterReset(args); err != nil {
			logf("%v", err)
			return 64
		}
	}
	if len(args) > 0 {
		logf("command-line flags are not read by the stand-in (configuration comes from %s/config.yaml): ignoring %s", configDir, strings.Join(args, " "))
	}
	logf("k3s STAND-IN %s (%s) starting: upstream components from %s, not the k3s binary", standInVersion, role, upstreamBinDir)
	cfg, err := loadConfig(configDir)
	if err != nil {
		logf("configuration: %v", err)
		return 1
	}
	for _, key := range cfg.Ignored {
		logf("config key %q is not known to the stand-in: ignored", key)
	}
	if cfg.DisableCloudController {
		logf("disable-cloud-controller: no k3s cloud controller (the stand-in runs none anyway); an external one initializes the nodes")
	}
	ip, iface, err := nodeIP()
	if err != nil {
		logf("node address: %v", err)
		return 1
	}
	logf("node %s, address %s (first global IPv4 of %s, the default route's interface)", cfg.NodeName, ip, iface)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s := &Stage{cfg: cfg, ip: ip.String(), iface: iface, sup: newSupervisor(), ctx: ctx, role: role}
	if reset != nil {
		if err := s.resetCluster(reset); err != nil {
			logf("%v", err)
			return 1
		}
		return 0
	}
	signals := make(chan os.Signal, 2)
	signal.Notify(signals, syscall.SIGTERM, syscall.SIGINT)
	failed := make(chan error, 1)
	go func() {
		var err error
		if role == "server" {
			err = s.server()
		} else {
			err = s.agent()
		}
		if err != nil {
			failed <- err
		}
	}()
	code := 0
	select {
	case sig := <-signals:
		logf("%s: stopping", sig)
		sdNotify("STOPPING=1")
	case name := <-s.sup.died:
		logf("%s died: stopping everything, systemd restarts the unit", name)
		code = 1
	case err := <-failed:
		if !errors.Is(err, context.Canceled) {
			logf("%v", err)
		}
		code = 1
	}
	cancel()
	s.sup.stopAll(stopOrder)
	logf("stopped")
	return code
}

// binary is the path of an upstream binary the launcher bind-mounted.
func binary(name string) string { return filepath.Join(upstreamBinDir, name) }

func (s *Stage) sleep(d time.Duration) error {
	select {
	case <-s.ctx.Done():
		return s.ctx.Err()
	case <-time.After(d):
		return nil
	}
}

// waitFor polls check every interval until it succeeds, logging the latest failure every 30 s.
func (s *Stage) waitFor(what string, interval time.Duration, check func() error) error {
	lastLog := time.Now()
	for {
		err := check()
		if err == nil {
			return nil
		}
		if time.Since(lastLog) > 30*time.Second {
			logf("still waiting for %s: %v", what, err)
			lastLog = time.Now()
		}
		if err := s.sleep(interval); err != nil {
			return err
		}
	}
}

// every runs fn in the background every interval until the stand-in stops, logging errors when they change.
func (s *Stage) every(what string, interval time.Duration, fn func() error) {
	go func() {
		last := ""
		for {
			if err := fn(); err != nil {
				if err.Error() != last {
					logf("%s: %v", what, err)
					last = err.Error()
				}
			} else {
				last = ""
			}
			if s.sleep(interval) != nil {
				return
			}
		}
	}()
}

func httpGetOK(url string) error {
	client := http.Client{Timeout: 5 * time.Second}
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		return fmt.Errorf("%s: HTTP %d", url, resp.StatusCode)
	}
	return nil
}
