package reqs

import (
	_ "embed"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// Role is the normalized party a requirement binds. The software roles
// are those the OCI specs name; Implementation is conforming software in
// general or more than one role; Content is a document, field, value,
// descriptor, blob or file being constrained; Process is people and
// governance (maintainers, releases, votes); Other is anything else.
type Role string

// The roles.
const (
	RoleRegistry       Role = "registry"
	RoleClient         Role = "client"
	RoleRuntime        Role = "runtime"
	RoleImplementation Role = "implementation"
	RoleContent        Role = "content"
	RoleProcess        Role = "process"
	RoleOther          Role = "other"
)

// Roles lists every role, in the order docs/requirements.md gives them.
func Roles() []Role {
	return []Role{RoleRegistry, RoleClient, RoleRuntime, RoleImplementation, RoleContent, RoleProcess, RoleOther}
}

// software reports the roles that name one kind of conforming software.
func (r Role) software() bool {
	return r == RoleRegistry || r == RoleClient || r == RoleRuntime
}

//go:embed data/roles.yaml
var defaultRolesYAML []byte

// A Vocabulary maps the words and phrases of a requirement's subject to
// roles. The zero value knows no words; DefaultVocabulary has the OCI
// defaults.
type Vocabulary struct {
	words map[string]Role // lower-case word or phrase -> role
	// phraseEnds holds the last words of the phrases of several words.
	phraseEnds map[string]bool
	// longest is the number of words of the longest phrase.
	longest int
}

// DefaultVocabulary returns the built-in vocabulary (data/roles.yaml). It
// is read once; callers never modify a Vocabulary (With copies).
func DefaultVocabulary() *Vocabulary { return defaultVocabulary() }

var defaultVocabulary = sync.OnceValue(func() *Vocabulary {
	var m map[Role][]string
	if err := yaml.Unmarshal(defaultRolesYAML, &m); err != nil {
		panic("reqs: data/roles.yaml: " + err.Error()) // embedded data, checked by tests
	}
	v := &Vocabulary{words: map[string]Role{}, phraseEnds: map[string]bool{}}
	for _, r := range Roles() {
		v.add(r, m[r])
	}
	return v
})

// With returns a copy of v with the synonyms added: role name to words or
// phrases. An unknown role name is an error.
func (v *Vocabulary) With(synonyms map[string][]string) (*Vocabulary, error) {
	out := &Vocabulary{words: maps.Clone(v.words), phraseEnds: maps.Clone(v.phraseEnds), longest: v.longest}
	names := make([]string, 0, len(synonyms))
	for name := range synonyms {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		r := Role(name)
		if !slices.Contains(Roles(), r) {
			return nil, fmt.Errorf("unknown role %q (want registry, client, runtime, implementation, content, process or other)", name)
		}
		out.add(r, synonyms[name])
	}
	return out, nil
}

func (v *Vocabulary) add(r Role, words []string) {
	for _, w := range words {
		w = strings.Join(strings.Fields(strings.ToLower(w)), " ")
		if w == "" {
			continue
		}
		v.words[w] = r
		if i := strings.LastIndexByte(w, ' '); i >= 0 {
			v.phraseEnds[w[i+1:]] = true
		}
		v.longest = max(v.longest, strings.Count(w, " ")+1)
	}
}

// lookup returns the role of a phrase of words ending at words[end-1]
// (any case), longest phrase first, and how many words it spans.
func (v *Vocabulary) lookup(words []string, end int) (Role, int) {
	last := strings.ToLower(words[end-1])
	if v.phraseEnds[last] {
		for n := min(v.longest, end); n >= 2; n-- {
			if r, ok := v.words[strings.ToLower(strings.Join(words[end-n:end], " "))]; ok {
				return r, n
			}
		}
	}
	if r, ok := v.words[last]; ok {
		return r, 1
	}
	return "", 0
}
