package cloudsim

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/google/go-containerregistry/pkg/registry"
)

// The simulated ECR serves the registry API (the OCI distribution API that `docker push`,
// crane and every registry client speak) on 127.0.0.1, so images reach a simulated repository
// the way they reach ECR: pushed or copied by a real client. Repositories are addressed
// <account>/<region>/<repository>, which RegistryRef maps from ECR's
// <account>.dkr.ecr.<region>.amazonaws.com/<repository>. A push into a repository that does not
// exist is refused as ECR refuses it; a pushed manifest is recorded in the world (ImageType), so
// Lambda's image check and later processes see it. Blobs are kept beside the world file.

// ReleaseAccount is the simulated CI build account of rehearsals: its registry holds the
// released images a new environment's registries are filled from (Options.ReleaseImages).
const ReleaseAccount = "000000000000"

// ReleaseRegistry is the release registry's host in ECR's form.
const ReleaseRegistry = ReleaseAccount + ".dkr.ecr.ca-central-1.amazonaws.com"

// ecrHost is ECR's registry host.
var ecrHost = regexp.MustCompile(`^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com$`)

// repoPath is a registry API path of a simulated repository.
var repoPath = regexp.MustCompile(`^/v2/(\d{12})/([a-z0-9-]+)/(.+)/(manifests|blobs|tags)(/.*)?$`)

type ecrServer struct {
	sim   *Sim
	inner http.Handler
	srv   *http.Server
	host  string
}

func (s *Sim) startRegistry() error {
	var blobs registry.BlobHandler
	if s.opts.StateFile != "" {
		dir := filepath.Join(filepath.Dir(s.opts.StateFile), "blobs")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("cloudsim: registry blobs: %w", err)
		}
		blobs = registry.NewDiskBlobHandler(dir)
	} else {
		blobs = registry.NewInMemoryBlobHandler()
	}
	e := &ecrServer{sim: s, inner: registry.New(registry.WithBlobHandler(blobs), registry.Logger(discardLogger()))}
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("cloudsim: listen for the registry: %w", err)
	}
	e.host = lis.Addr().String()
	e.srv = &http.Server{Handler: e}
	// Manifests live in the registry's memory: replay those the world holds (pushed by an
	// earlier process) before serving.
	for _, r := range s.store.list(func(r *record) bool { return r.Type == ImageType }) {
		if err := e.replay(r); err != nil {
			_ = lis.Close()
			return err
		}
	}
	s.registry = e
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		_ = e.srv.Serve(lis)
	}()
	return nil
}

// RegistryHost is the simulated ECR's address (127.0.0.1:<port>).
func (s *Sim) RegistryHost() string { return s.registry.host }

// RegistryRef maps an ECR image reference (<account>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>)
// to the simulated registry's (<host>/<account>/<region>/<repo>:<tag>).
func (s *Sim) RegistryRef(ecrRef string) (string, error) {
	host, rest, ok := strings.Cut(ecrRef, "/")
	m := ecrHost.FindStringSubmatch(host)
	if !ok || m == nil {
		return "", fmt.Errorf("cloudsim: %q is not an ECR image reference (<account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>)", ecrRef)
	}
	return s.registry.host + "/" + m[1] + "/" + m[2] + "/" + rest, nil
}

func (e *ecrServer) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	m := repoPath.FindStringSubmatch(req.URL.Path)
	if m == nil {
		e.inner.ServeHTTP(w, req)
		return
	}
	account, region, repo, kind := m[1], m[2], m[3], m[4]
	if account != ReleaseAccount {
		obj := &object{Type: ImageType, Name: repo, Region: region, Account: account}
		if err := judge(&RuleCall{Phase: OnCreate, Obj: obj, World: e.sim.store}); err != nil {
			writeRegistryError(w, http.StatusNotFound, "NAME_UNKNOWN", err.Error())
			return
		}
	}
	if kind == "manifests" && req.Method == http.MethodDelete {
		// Deleting by digest deletes the image: every tag pointing at it goes too (the
		// in-memory registry would keep serving the tags).
		digest := strings.TrimPrefix(m[5], "/")
		for _, r := range e.sim.store.images(account, region, repo) {
			if tag, _ := r.Outputs["imageTag"].(string); tag != "" && r.Outputs["imageDigest"] == digest && !strings.Contains(r.ID, "@") {
				e.inner.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodDelete, "/v2/"+account+"/"+region+"/"+repo+"/manifests/"+tag, nil))
			}
		}
		rec := httptest.NewRecorder()
		e.inner.ServeHTTP(rec, req)
		if rec.Code < 300 {
			e.sim.store.removeDigest(account, region, repo, digest)
		}
		copyResponse(w, rec)
		return
	}
	if kind != "manifests" || req.Method != http.MethodPut {
		e.inner.ServeHTTP(w, req)
		return
	}
	body, err := io.ReadAll(req.Body)
	if err != nil {
		writeRegistryError(w, http.StatusBadRequest, "MANIFEST_INVALID", err.Error())
		return
	}
	req.Body = io.NopCloser(bytes.NewReader(body))
	rec := httptest.NewRecorder()
	e.inner.ServeHTTP(rec, req)
	if rec.Code == http.StatusCreated {
		sum := sha256.Sum256(body)
		digest := "sha256:" + hex.EncodeToString(sum[:])
		tag := strings.TrimPrefix(m[5], "/")
		if strings.HasPrefix(tag, "sha256:") {
			tag = ""
		}
		e.sim.store.putImage(account, region, repo, tag, digest, string(body), req.Header.Get("Content-Type"))
	}
	copyResponse(w, rec)
}

func copyResponse(w http.ResponseWriter, rec *httptest.ResponseRecorder) {
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.Code)
	_, _ = w.Write(rec.Body.Bytes())
}

// replay puts a recorded manifest back into the registry's memory.
func (e *ecrServer) replay(r *record) error {
	manifest, _ := r.Outputs["manifest"].(string)
	if manifest == "" {
		return nil // recorded without a manifest (tests seed such images)
	}
	ref, _ := r.Outputs["imageTag"].(string)
	if ref == "" || strings.Contains(r.ID, "@") {
		ref, _ = r.Outputs["imageDigest"].(string)
	}
	req := httptest.NewRequest(http.MethodPut, "/v2/"+r.Account+"/"+r.Region+"/"+r.Name+"/manifests/"+ref, strings.NewReader(manifest))
	mt, _ := r.Outputs["mediaType"].(string)
	req.Header.Set("Content-Type", mt)
	rec := httptest.NewRecorder()
	e.inner.ServeHTTP(rec, req)
	if rec.Code != http.StatusCreated {
		return fmt.Errorf("cloudsim: replay image %s/%s: %d %s", r.Name, ref, rec.Code, rec.Body.String())
	}
	return nil
}

func (e *ecrServer) close() {
	if e != nil && e.srv != nil {
		_ = e.srv.Shutdown(context.Background())
	}
}

func writeRegistryError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = fmt.Fprintf(w, `{"errors":[{"code":%q,"message":%q}]}`, code, msg)
}
