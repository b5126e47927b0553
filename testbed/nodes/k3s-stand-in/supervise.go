package main

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"time"
)

var started = time.Now()

var logMu sync.Mutex

// logf writes one line of the stand-in's own log, with the seconds since it started (the bootstrap stages' timings).
func logf(format string, args ...any) {
	logMu.Lock()
	defer logMu.Unlock()
	fmt.Printf("k3s-stand-in [%7.2fs] %s\n", time.Since(started).Seconds(), fmt.Sprintf(format, args...))
}

// Child is one supervised process (etcd, kube-apiserver, ..., containerd).
type Child struct {
	Name string
	cmd  *exec.Cmd
	done chan struct{}
	// signalGroup: whether stopping signals the whole process group. Not for containerd: its shims keep the pods
	// running across a restart, as k3s leaves them (KillMode=process).
	signalGroup bool
}

// Supervisor runs the children; the first one to exit uninvited ends the stand-in (systemd restarts the unit).
type Supervisor struct {
	mu       sync.Mutex
	children []*Child
	stopping bool
	died     chan string
}

func newSupervisor() *Supervisor {
	return &Supervisor{died: make(chan string, 16)}
}

// start runs a child in its own process group with its output prefixed by its name on the stand-in's stdout (the
// journal). The child is killed if the stand-in dies without stopping it.
func (s *Supervisor) start(name, path string, args []string, env []string) (*Child, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopping {
		return nil, fmt.Errorf("stopping")
	}
	cmd := exec.Command(path, args...)
	// The unit's notify socket is the stand-in's alone (NotifyAccess=main): children must not see it.
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "NOTIFY_SOCKET=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, env...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	child := &Child{Name: name, cmd: cmd, done: make(chan struct{}), signalGroup: name != "containerd"}
	s.children = append(s.children, child)
	logf("started %s (pid %d): %s %s", name, cmd.Process.Pid, path, strings.Join(args, " "))
	copied := make(chan struct{})
	go func() { prefixLines(name, out); close(copied) }()
	go func() {
		<-copied
		err := cmd.Wait()
		close(child.done)
		s.mu.Lock()
		stopping := s.stopping
		s.mu.Unlock()
		if !stopping {
			logf("%s exited unexpectedly: %v", name, err)
			s.died <- name
		}
	}()
	return child, nil
}

func prefixLines(name string, r io.Reader) {
	scanner := bufio.NewScanner(r)
	scanner.Buffer(make([]byte, 64*1024), 1024*1024)
	for scanner.Scan() {
		logMu.Lock()
		fmt.Printf("[%s] %s\n", name, scanner.Text())
		logMu.Unlock()
	}
	io.Copy(io.Discard, r)
}

// stopAll stops the children in the order given (names not started are skipped), then any left, each with SIGTERM
// and, after a grace period, SIGKILL.
func (s *Supervisor) stopAll(order []string) {
	s.mu.Lock()
	s.stopping = true
	children := append([]*Child(nil), s.children...)
	s.mu.Unlock()
	byName := map[string]*Child{}
	for _, c := range children {
		byName[c.Name] = c
	}
	var ordered []*Child
	for _, name := range order {
		if c, ok := byName[name]; ok {
			ordered = append(ordered, c)
			delete(byName, name)
		}
	}
	for i := len(children) - 1; i >= 0; i-- {
		if _, left := byName[children[i].Name]; left {
			ordered = append(ordered, children[i])
		}
	}
	for _, c := range ordered {
		c.stop(15 * time.Second)
	}
}

func (c *Child) stop(grace time.Duration) {
	select {
	case <-c.done:
		return
	default:
	}
	pid := c.cmd.Process.Pid
	target := pid
	if c.signalGroup {
		target = -pid
	}
	logf("stopping %s (pid %d)", c.Name, pid)
	syscall.Kill(target, syscall.SIGTERM)
	select {
	case <-c.done:
	case <-time.After(grace):
		logf("%s did not stop within %s, killing it", c.Name, grace)
		syscall.Kill(target, syscall.SIGKILL)
		<-c.done
	}
}

// sdNotify sends a state to systemd (Type=notify; the stand-in is the unit's main process). Outside systemd it
// does nothing.
func sdNotify(state string) {
	socket := os.Getenv("NOTIFY_SOCKET")
	if socket == "" {
		return
	}
	if strings.HasPrefix(socket, "@") {
		socket = "\x00" + socket[1:]
	}
	conn, err := net.DialUnix("unixgram", nil, &net.UnixAddr{Name: socket, Net: "unixgram"})
	if err != nil {
		logf("sd_notify %q: %v", state, err)
		return
	}
	defer conn.Close()
	if _, err := conn.Write([]byte(state)); err != nil {
		logf("sd_notify %q: %v", state, err)
	}
}

// runCommand runs a short helper (kubectl apply, ctr import, ip, iptables) and returns its combined output.
func runCommand(name string, args ...string) (string, error) {
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		return string(out), fmt.Errorf("%s %s: %v: %s", name, strings.Join(args, " "), err, strings.TrimSpace(string(out)))
	}
	return string(out), nil
}
