package main

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// STAND-IN behaviour of k3s's scheduled etcd snapshots (servers of several, embedded etcd): on the
// etcd-snapshot-schedule-cron schedule (default "0 */12 * * *") each server saves its member's snapshot as
// ${data-dir}/server/db/snapshots/etcd-snapshot-<node>-<unix time>, uploads it with etcd-s3 to
// <etcd-s3-bucket>/<etcd-s3-folder>/ under the same name, and keeps etcd-snapshot-retention (default 5) of its own
// snapshots in both places, the oldest deleted, as k3s does. Not kept of k3s: the ETCDSnapshotFile objects and
// the k3s-etcd-snapshots ConfigMap, compression, on-demand `k3s etcd-snapshot` commands. Restore: restore.go.

var snapshotDir = filepath.Join(serverDir, "db", "snapshots")

const snapshotBase = "etcd-snapshot"

// SnapshotConfig is what the etcd-snapshot-* and etcd-s3* keys say.
type SnapshotConfig struct {
	Disabled  bool
	Schedule  string
	Retention int
	S3        *S3
	Bucket    string
	Folder    string
}

// The configuration keys read here, known to config.go's loader.
func init() {
	for _, key := range []string{"etcd-disable-snapshots", "etcd-snapshot-schedule-cron", "etcd-snapshot-retention", "etcd-s3",
		"etcd-s3-endpoint", "etcd-s3-insecure", "etcd-s3-access-key", "etcd-s3-secret-key", "etcd-s3-bucket", "etcd-s3-region",
		"etcd-s3-folder"} {
		knownKeys[key] = true
	}
}

func snapshotConfigFromMap(str func(string) string, boolean func(string) bool) (SnapshotConfig, error) {
	c := SnapshotConfig{Disabled: boolean("etcd-disable-snapshots"), Schedule: "0 */12 * * *", Retention: 5}
	if s := str("etcd-snapshot-schedule-cron"); s != "" {
		c.Schedule = s
	}
	if _, err := parseCron(c.Schedule); err != nil {
		return c, fmt.Errorf("config key etcd-snapshot-schedule-cron: %w", err)
	}
	if s := str("etcd-snapshot-retention"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			return c, fmt.Errorf("config key etcd-snapshot-retention: %q is not a positive number", s)
		}
		c.Retention = n
	}
	if boolean("etcd-s3") {
		c.S3 = &S3{Endpoint: str("etcd-s3-endpoint"), Insecure: boolean("etcd-s3-insecure"), Region: str("etcd-s3-region"),
			AccessKey: str("etcd-s3-access-key"), SecretKey: str("etcd-s3-secret-key")}
		if c.S3.Endpoint == "" {
			c.S3.Endpoint = "s3.amazonaws.com"
		}
		if c.S3.Region == "" {
			c.S3.Region = "us-east-1"
		}
		c.Bucket, c.Folder = str("etcd-s3-bucket"), strings.Trim(str("etcd-s3-folder"), "/")
		if c.Bucket == "" {
			return c, fmt.Errorf("config key etcd-s3 is true but etcd-s3-bucket is not set")
		}
	}
	return c, nil
}

// snapshotLoop takes the scheduled snapshots until the stage ends; a failed one is logged and the next one tried.
func (s *Stage) snapshotLoop(member *Kube) {
	c := s.cfg.Snapshots
	if c.Disabled {
		logf("etcd snapshots: disabled (etcd-disable-snapshots)")
		return
	}
	cron, _ := parseCron(c.Schedule) // checked when the configuration was read
	where := "on disk"
	if c.S3 != nil {
		where = fmt.Sprintf("on disk and in s3://%s/%s (%s)", c.Bucket, c.Folder, c.S3.Endpoint)
	}
	logf("etcd snapshots (stand-in behaviour of k3s's): %q, %d kept %s", c.Schedule, c.Retention, where)
	for {
		next := cron.next(time.Now())
		if err := s.sleep(time.Until(next)); err != nil {
			return
		}
		name, err := s.takeSnapshot(member, next)
		if err != nil {
			logf("etcd snapshot failed: %v", err)
			continue
		}
		logf("etcd snapshot %s saved%s", name, map[bool]string{true: " and uploaded", false: ""}[c.S3 != nil])
	}
}

// takeSnapshot saves this member's snapshot, uploads it and prunes beyond the retention, as k3s does at each run.
func (s *Stage) takeSnapshot(member *Kube, at time.Time) (string, error) {
	c := s.cfg.Snapshots
	data, err := etcdSnapshot(member)
	if err != nil {
		return "", err
	}
	name := fmt.Sprintf("%s-%s-%d", snapshotBase, s.cfg.NodeName, at.Unix())
	if err := writeFile(filepath.Join(snapshotDir, name), data, 0600); err != nil {
		return "", err
	}
	entries, _ := os.ReadDir(snapshotDir)
	var local []string
	for _, e := range entries {
		local = append(local, e.Name())
	}
	for _, old := range beyondRetention(local, s.cfg.NodeName, c.Retention) {
		os.Remove(filepath.Join(snapshotDir, old))
	}
	if c.S3 == nil {
		return name, nil
	}
	prefix := ""
	if c.Folder != "" {
		prefix = c.Folder + "/"
	}
	if err := c.S3.Put(c.Bucket, prefix+name, data); err != nil {
		return "", err
	}
	keys, err := c.S3.List(c.Bucket, prefix+snapshotBase+"-"+s.cfg.NodeName+"-")
	if err != nil {
		return "", err
	}
	for i := range keys {
		keys[i] = strings.TrimPrefix(keys[i], prefix)
	}
	for _, old := range beyondRetention(keys, s.cfg.NodeName, c.Retention) {
		if err := c.S3.Delete(c.Bucket, prefix+old); err != nil {
			return "", err
		}
	}
	return name, nil
}

// beyondRetention is this node's scheduled snapshots among names, oldest first, beyond the newest `keep`.
func beyondRetention(names []string, node string, keep int) []string {
	prefix := snapshotBase + "-" + node + "-"
	type snap struct {
		name string
		at   int64
	}
	var own []snap
	for _, n := range names {
		at, err := strconv.ParseInt(strings.TrimPrefix(n, prefix), 10, 64)
		if strings.HasPrefix(n, prefix) && err == nil {
			own = append(own, snap{n, at})
		}
	}
	sort.Slice(own, func(i, j int) bool { return own[i].at < own[j].at })
	var old []string
	for i := 0; i < len(own)-keep; i++ {
		old = append(old, own[i].name)
	}
	return old
}

// etcdSnapshot streams the member's snapshot through etcd's JSON gateway (Maintenance.Snapshot: one JSON object per
// chunk, the bytes base64-encoded in result.blob).
func etcdSnapshot(member *Kube) ([]byte, error) {
	req, err := http.NewRequest("POST", member.Server+"/v3/maintenance/snapshot", strings.NewReader("{}"))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := member.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		return nil, fmt.Errorf("etcd snapshot: HTTP %d", resp.StatusCode)
	}
	var out bytes.Buffer
	dec := json.NewDecoder(bufio.NewReader(resp.Body))
	for dec.More() {
		var chunk struct {
			Result *struct {
				Blob string `json:"blob"`
			} `json:"result"`
			Error *struct {
				Message string `json:"message"`
			} `json:"error"`
		}
		if err := dec.Decode(&chunk); err != nil {
			return nil, fmt.Errorf("etcd snapshot stream: %w", err)
		}
		if chunk.Error != nil {
			return nil, fmt.Errorf("etcd snapshot: %s", chunk.Error.Message)
		}
		if chunk.Result != nil {
			blob, err := base64.StdEncoding.DecodeString(chunk.Result.Blob)
			if err != nil {
				return nil, err
			}
			out.Write(blob)
		}
	}
	if out.Len() == 0 {
		return nil, fmt.Errorf("etcd snapshot: empty")
	}
	return out.Bytes(), nil
}

// cronSchedule is a standard five-field schedule (minute hour day-of-month month day-of-week), as k3s's cron
// library reads it: numbers, *, ranges a-b, steps /n and lists.
type cronSchedule [5]map[int]bool

var cronBounds = [5][2]int{{0, 59}, {0, 23}, {1, 31}, {1, 12}, {0, 6}}

func parseCron(spec string) (cronSchedule, error) {
	var c cronSchedule
	fields := strings.Fields(spec)
	if len(fields) != 5 {
		return c, fmt.Errorf("%q: want five fields (minute hour day month weekday)", spec)
	}
	for i, field := range fields {
		c[i] = map[int]bool{}
		lo, hi := cronBounds[i][0], cronBounds[i][1]
		for _, part := range strings.Split(field, ",") {
			rng, step := part, 1
			if r, s, ok := strings.Cut(part, "/"); ok {
				n, err := strconv.Atoi(s)
				if err != nil || n < 1 {
					return c, fmt.Errorf("%q: bad step in %q", spec, part)
				}
				rng, step = r, n
			}
			from, to := lo, hi
			if rng != "*" {
				a, b, isRange := strings.Cut(rng, "-")
				var err1, err2 error
				from, err1 = strconv.Atoi(a)
				to = from
				if isRange {
					to, err2 = strconv.Atoi(b)
				} else if step > 1 {
					to = hi
				}
				if err1 != nil || err2 != nil || from < lo || to > hi || from > to {
					return c, fmt.Errorf("%q: %q is out of %d-%d", spec, part, lo, hi)
				}
			}
			for v := from; v <= to; v += step {
				c[i][v] = true
			}
		}
	}
	return c, nil
}

// next is the first whole minute after t the schedule matches (day-of-month and weekday both restricted: either).
func (c cronSchedule) next(t time.Time) time.Time {
	t = t.Truncate(time.Minute).Add(time.Minute)
	for i := 0; i < 366*24*60; i++ {
		domAny, dowAny := len(c[2]) == 31, len(c[4]) == 7
		day := c[2][t.Day()] && c[4][int(t.Weekday())]
		if !domAny && !dowAny {
			day = c[2][t.Day()] || c[4][int(t.Weekday())]
		}
		if c[0][t.Minute()] && c[1][t.Hour()] && c[3][int(t.Month())] && day {
			return t
		}
		t = t.Add(time.Minute)
	}
	return t
}
