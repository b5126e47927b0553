package main

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"
)

// S3 is the few calls etcd snapshots need (put, list, get, delete), path-style and signed with AWS Signature V4, as
// k3s's minio-go client makes them. No SDK: the stand-in keeps one dependency.
type S3 struct {
	Endpoint  string // host[:port], as etcd-s3-endpoint gives it
	Insecure  bool   // plain HTTP (etcd-s3-insecure)
	Region    string
	AccessKey string
	SecretKey string
	http      http.Client
}

func (c *S3) url(bucket, key string, query url.Values) string {
	scheme := "https"
	if c.Insecure {
		scheme = "http"
	}
	u := fmt.Sprintf("%s://%s/%s", scheme, c.Endpoint, uriEncode(bucket, false))
	if key != "" {
		u += "/" + uriEncode(key, true)
	}
	if len(query) > 0 {
		u += "?" + canonicalQuery(query)
	}
	return u
}

func (c *S3) do(method, bucket, key string, query url.Values, body []byte) ([]byte, error) {
	req, err := http.NewRequest(method, c.url(bucket, key, query), bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	c.sign(req, body, time.Now().UTC())
	if c.http.Timeout == 0 {
		c.http.Timeout = 5 * time.Minute
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode/100 != 2 {
		var e struct{ Code, Message string }
		_ = xml.Unmarshal(data, &e)
		return nil, fmt.Errorf("S3 %s %s/%s: HTTP %d %s %s", method, bucket, key, resp.StatusCode, e.Code, e.Message)
	}
	return data, nil
}

func (c *S3) Put(bucket, key string, body []byte) error {
	_, err := c.do("PUT", bucket, key, nil, body)
	return err
}

func (c *S3) Get(bucket, key string) ([]byte, error) { return c.do("GET", bucket, key, nil, nil) }

func (c *S3) Delete(bucket, key string) error {
	_, err := c.do("DELETE", bucket, key, nil, nil)
	return err
}

// List returns every key under prefix (ListObjectsV2, following continuation tokens).
func (c *S3) List(bucket, prefix string) ([]string, error) {
	var keys []string
	token := ""
	for {
		q := url.Values{"list-type": {"2"}, "prefix": {prefix}}
		if token != "" {
			q.Set("continuation-token", token)
		}
		data, err := c.do("GET", bucket, "", q, nil)
		if err != nil {
			return nil, err
		}
		var page struct {
			Contents              []struct{ Key string }
			IsTruncated           bool
			NextContinuationToken string
		}
		if err := xml.Unmarshal(data, &page); err != nil {
			return nil, fmt.Errorf("S3 list %s/%s: %w", bucket, prefix, err)
		}
		for _, c := range page.Contents {
			keys = append(keys, c.Key)
		}
		if !page.IsTruncated {
			return keys, nil
		}
		token = page.NextContinuationToken
	}
}

// sign adds SigV4's headers: the payload's hash, the date, and the Authorization over host, hash and date.
func (c *S3) sign(req *http.Request, body []byte, now time.Time) {
	payload := sha256.Sum256(body)
	payloadHash := hex.EncodeToString(payload[:])
	amzDate := now.Format("20060102T150405Z")
	day := amzDate[:8]
	req.Header.Set("x-amz-content-sha256", payloadHash)
	req.Header.Set("x-amz-date", amzDate)
	headers := map[string]string{"host": req.URL.Host, "x-amz-content-sha256": payloadHash, "x-amz-date": amzDate}
	names := make([]string, 0, len(headers))
	for n := range headers {
		names = append(names, n)
	}
	sort.Strings(names)
	var canonicalHeaders strings.Builder
	for _, n := range names {
		canonicalHeaders.WriteString(n + ":" + strings.TrimSpace(headers[n]) + "\n")
	}
	signed := strings.Join(names, ";")
	canonical := strings.Join([]string{req.Method, req.URL.EscapedPath(), canonicalQuery(req.URL.Query()), canonicalHeaders.String(), signed, payloadHash}, "\n")
	scope := day + "/" + c.Region + "/s3/aws4_request"
	sum := sha256.Sum256([]byte(canonical))
	toSign := "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + hex.EncodeToString(sum[:])
	key := []byte("AWS4" + c.SecretKey)
	for _, part := range []string{day, c.Region, "s3", "aws4_request"} {
		key = hmacSHA256(key, part)
	}
	req.Header.Set("Authorization", fmt.Sprintf("AWS4-HMAC-SHA256 Credential=%s/%s, SignedHeaders=%s, Signature=%s",
		c.AccessKey, scope, signed, hex.EncodeToString(hmacSHA256(key, toSign))))
}

func hmacSHA256(key []byte, data string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(data))
	return m.Sum(nil)
}

// canonicalQuery sorts by key and encodes strictly (RFC 3986), as SigV4 wants it.
func canonicalQuery(q url.Values) string {
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		for _, v := range q[k] {
			parts = append(parts, uriEncode(k, false)+"="+uriEncode(v, false))
		}
	}
	return strings.Join(parts, "&")
}

// uriEncode escapes all but RFC 3986's unreserved characters (and '/' in object keys).
func uriEncode(s string, keepSlash bool) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		switch {
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '-', c == '_', c == '.', c == '~':
			b.WriteByte(c)
		case c == '/' && keepSlash:
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}
