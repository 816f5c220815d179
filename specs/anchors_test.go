package specs_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/ocispec/ocispec/internal/testcorpus"
	"github.com/ocispec/ocispec/specs"
)

// brokenOnGitHub lists fragment links in the real specs that github.com
// cannot resolve either: no heading slug or explicit anchor has that id
// (checked by hand against the rendered pages). Our model must agree.
var brokenOnGitHub = map[string]bool{
	"image-spec/image-layout.md -> layer.md#applying":                 true, // heading is "Applying Changesets"
	"runtime-spec/GOVERNANCE.md -> #release-approval":                 true,
	"runtime-spec/config-linux.md -> runtime.md#operation":            true,
	"runtime-spec/config-linux.md -> runtime.md#exec":                 true,
	"runtime-spec/config-linux.md -> glossary.md#container_namespace": true, // slug is container-namespace
	"runtime-spec/config-vm.md -> config.md#Root-Configuration":       true,
	"runtime-spec/config.md -> #createRuntime-hooks":                  true,
	"runtime-spec/config.md -> #createContainer-hooks":                true,
	"runtime-spec/config.md -> #startContainer-hooks":                 true,
	"runtime-spec/glossary.md -> #features.md":                        true,
	"runtime-spec/runtime.md -> config.md#createRuntime-hooks":        true,
	"runtime-spec/runtime.md -> config.md#createContainer-hooks":      true,
	"runtime-spec/runtime.md -> config.md#startContainer-hooks":       true,
}

// TestFragmentLinksResolveOnRealSpecs checks the GitHub anchor contract:
// every #fragment link in image-spec and runtime-spec that resolves on
// github.com resolves in the model.
func TestFragmentLinksResolveOnRealSpecs(t *testing.T) {
	for _, mod := range []string{testcorpus.ImageSpec, testcorpus.RuntimeSpec} {
		dir := testcorpus.ModuleDir(t, mod)
		name := filepath.Base(mod)
		t.Run(name, func(t *testing.T) {
			set, err := specs.Load(dir, []string{"."}, specs.LoadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if set.Doc("spec.md") == nil {
				t.Fatal("spec.md not loaded")
			}
			checked := checkFragmentLinks(t, set, name)
			if checked < 50 {
				t.Errorf("only %d fragment links checked", checked)
			}
			t.Logf("%d fragment links resolve", checked)
		})
	}
}

// checkFragmentLink checks that link l of d, when it points to a fragment
// of another Markdown document of set, resolves exactly when it does on
// github.com; it reports whether l is such a link.
func checkFragmentLink(t *testing.T, set *specs.Set, name string, d *specs.Document, l *specs.Link) bool {
	t.Helper()
	target, frag, local := set.Resolve(d, l.Destination)
	if !local || frag == "" || !strings.HasSuffix(target, ".md") {
		return false
	}
	td := set.Doc(target)
	if td == nil {
		return false
	}
	key := name + "/" + d.Path + " -> " + l.Destination
	if td.HasAnchor(frag) != brokenOnGitHub[key] {
		return true
	}
	p := d.Position(l.Span.Start)
	if brokenOnGitHub[key] {
		t.Errorf("%s:%d:%d: %s resolves here but not on github.com", d.Path, p.Line, p.Column, l.Destination)
	} else {
		t.Errorf("%s:%d:%d: %s: no anchor #%s in %s", d.Path, p.Line, p.Column, l.Destination, frag, target)
	}
	return true
}

// checkFragmentLinks runs checkFragmentLink over every link of set and
// returns how many it checked.
func checkFragmentLinks(t *testing.T, set *specs.Set, name string) int {
	checked := 0
	for _, d := range set.Docs {
		for _, l := range d.Links {
			if checkFragmentLink(t, set, name, d, l) {
				checked++
			}
		}
	}
	return checked
}
