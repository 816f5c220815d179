package reqs

import (
	"strings"
	"unicode"

	"github.com/ocispec/ocispec/specs"
)

// A clause is the part of a sentence one keyword belongs to: the text
// between the clause separators around it (";", ", and", ", but", ...).
// Conditional, actor and role are judged per clause, so in "Runtimes MAY
// consider X invalid, and MUST generate an error if this is the case"
// only the MUST is conditional.
type clause struct {
	start, end int // byte range in the sentence text
}

// clauseSeparators split a sentence into clauses, strongest first; the
// last one between two keywords ends the first keyword's clause.
var clauseSeparators = []string{"; ", ", and ", ", but ", ", or ", ", while ", ", whereas ", " and ", " but ", " or "}

// splitClauses returns one clause per hit (normative hits only).
func splitClauses(text string, hits []keywordHit) []clause {
	cs := make([]clause, len(hits))
	start := 0
	for k := range hits {
		cs[k].start = start
		if k+1 == len(hits) {
			cs[k].end = len(text)
			break
		}
		gap := text[hits[k].End:hits[k+1].Start]
		cut := len(gap) // no separator: the next keyword starts its clause
		for _, sep := range clauseSeparators {
			if i := strings.LastIndex(gap, sep); i >= 0 {
				cut = i
				break
			}
		}
		cs[k].end = hits[k].End + cut
		start = cs[k].end
	}
	return cs
}

// conditionFor returns the condition word of a keyword's clause, or of
// the sentence when the sentence opens with one ("If X, A MUST B and C
// MAY D" conditions both).
func conditionFor(plain string, c clause) string {
	if w := conditional(plain[c.start:c.end]); w != "" {
		return w
	}
	first := plain
	if i := strings.IndexAny(plain, " ,"); i >= 0 {
		first = plain[:i]
	}
	return conditional(first)
}

// subjectWords returns the words of a keyword's subject: the clause text
// before the keyword, parentheticals dropped, from the last comma, colon
// or opening parenthesis on, without a leading conjunction.
func subjectWords(text string) []string {
	s := dropParentheticals(text)
	if i := strings.LastIndexAny(s, ",;:("); i >= 0 {
		s = s[i+1:]
	}
	words := strings.FieldsFunc(s, func(r rune) bool {
		switch r {
		case ' ', '`', '"', '!', '?', ')', '[', ']', '*', '\u201c', '\u201d':
			return true
		}
		return false
	})
	for i := range words {
		words[i] = strings.TrimRight(words[i], ".'\u2019")
	}
	for len(words) > 0 && leadWords[strings.ToLower(words[0])] {
		words = words[1:]
	}
	return afterSubordinator(words)
}

// afterSubordinator keeps the words after the last subordinating or
// relative word ("This indicates that the client" → "the client"); when
// nothing follows a relative pronoun ("the blob which"), its antecedent
// before it is the subject.
func afterSubordinator(words []string) []string {
	for i := len(words) - 1; i > 0; i-- {
		if !subordinators[strings.ToLower(words[i])] {
			continue
		}
		if i+1 < len(words) && relativeVerbs[strings.ToLower(words[i+1])] {
			continue // "a container that is not stopped": about the antecedent
		}
		if i+1 < len(words) {
			return words[i+1:]
		}
		return words[:i]
	}
	return words
}

// relativeVerbs right after "that" or "which" show a relative clause
// without a subject of its own.
var relativeVerbs = map[string]bool{
	"is": true, "are": true, "was": true, "were": true, "has": true, "have": true, "does": true,
	"do": true, "can": true, "will": true, "contains": true, "contain": true, "matches": true,
	"match": true, "supports": true, "support": true, "refers": true, "uses": true,
}

// subordinators open a clause with a subject of its own.
var subordinators = map[string]bool{
	"that": true, "which": true, "who": true, "where": true, "because": true, "since": true,
	"although": true, "though": true, "whereas": true, "once": true, "unless": true, "if": true,
	"when": true, "whenever": true, "while": true, "until": true, "after": true, "before": true,
}

// leadWords open a clause without being part of its subject.
var leadWords = map[string]bool{"and": true, "or": true, "but": true, "so": true, "then": true, "also": true, "thus": true, "therefore": true}

// nounPhrase is the subject's noun phrase up to its first preposition or
// relative word ("A GET request to an existing manifest URL" → "A GET
// request"), and the indexes of its heads: the last word of each part
// joined by "and" or "or" ("a client or runtime" → client, runtime).
func nounPhrase(words []string) (np []string, heads []int) {
	np = words
	for i, w := range words {
		if i > 0 && phraseEnd[strings.ToLower(w)] {
			np = words[:i]
			break
		}
	}
	last := -1
	for i, w := range np {
		lw := strings.ToLower(w)
		if lw == "and" || lw == "or" || lw == "and/or" {
			if last >= 0 {
				heads = append(heads, last)
			}
			last = -1
			continue
		}
		if !trailingAdverbs[lw] {
			last = i
		}
	}
	if last >= 0 {
		heads = append(heads, last)
	}
	return np, heads
}

// phraseEnd ends a subject's noun phrase.
var phraseEnd = map[string]bool{
	"of": true, "on": true, "to": true, "in": true, "for": true, "with": true, "from": true,
	"by": true, "at": true, "via": true, "that": true, "which": true, "who": true, "whose": true,
	"where": true, "when": true, "as": true, "per": true, "into": true, "within": true,
	"without": true, "than": true, "under": true, "over": true, "between": true, "using": true,
	"is": true, "are": true, "has": true, "have": true, "was": true, "were": true, "if": true,
	"except": true, "unless": true, "because": true, "since": true, "after": true, "before": true,
	"until": true, "during": true, "upon": true, "like": true, "such": true,
	// participles that open a reduced relative clause ("A registry
	// claiming conformance")
	"claiming": true, "implementing": true, "supporting": true, "containing": true,
	"having": true, "being": true, "receiving": true, "sending": true, "pushing": true,
	"pulling": true, "providing": true, "serving": true, "requesting": true,
	"returning": true, "posting": true, "wishing": true, "wanting": true, "storing": true,
}

// trailingAdverbs stand between a subject and its keyword without being
// its head ("The registry then SHOULD").
var trailingAdverbs = map[string]bool{
	"also": true, "only": true, "then": true, "always": true, "still": true, "therefore": true,
	"thus": true, "generally": true, "however": true, "instead": true, "not": true, "so": true,
}

// pronouns name no noun of their own; the role comes from the clause
// before or the context.
var pronouns = map[string]bool{
	"it": true, "they": true, "this": true, "these": true, "that": true, "those": true,
	"each": true, "one": true, "which": true, "the": true, "a": true, "an": true, "any": true,
	"all": true, "some": true, "such": true, "there": true, "its": true, "their": true,
}

// passive reports a passive or stative verb right after the keyword ("MUST
// be rejected", "MUST NOT be set"): the subject is acted on, and the
// acting software, when named, is the role.
func passive(after string) bool {
	w := strings.Fields(after)
	if len(w) > 0 && w[0] == "only" {
		w = w[1:]
	}
	if len(w) < 2 || w[0] != "be" {
		return false
	}
	p := strings.ToLower(strings.Trim(w[1], ".,;:"))
	return strings.HasSuffix(p, "ed") || strings.HasSuffix(p, "en") || irregularParticiples[p]
}

var irregularParticiples = map[string]bool{
	"set": true, "sent": true, "made": true, "held": true, "kept": true, "built": true,
	"put": true, "run": true, "done": true, "read": true, "left": true, "found": true,
	"bound": true, "met": true, "thrown": true, "split": true, "shut": true, "cut": true,
}

// headOf returns the word at i as written, code-span names included.
func headOf(words []string, i int) string {
	return strings.Trim(words[i], "'\u2019")
}

// isPronoun reports a head that names nothing by itself.
func isPronoun(w string) bool {
	return pronouns[strings.ToLower(w)] || !strings.ContainsFunc(w, unicode.IsLetter)
}

// headingRole returns the software role the innermost heading of h (or
// its ancestors) names, or "".
func headingRole(v *Vocabulary, h *specs.Heading) Role {
	for ; h != nil; h = h.Parent {
		if r := textRole(v, h.Text); r.software() {
			return r
		}
	}
	return ""
}

// agentRole returns the role named after "by" in the text following a
// passive keyword ("MUST be rejected by the registry").
func agentRole(v *Vocabulary, after string) Role {
	i := strings.Index(after, " by ")
	if i < 0 {
		return ""
	}
	np, heads := nounPhrase(subjectWords(after[i+4:]))
	if len(heads) == 0 {
		return ""
	}
	return phraseRole(v, np, heads)
}

// namedRole returns the software role a text names: the one kind of
// software it names, implementation when it names several, else "".
func namedRole(v *Vocabulary, text string) Role {
	words := lowerWords(text)
	var found Role
	for end := 1; end <= len(words); end++ {
		r, _ := v.lookup(words, end)
		if !r.software() && r != RoleImplementation {
			continue
		}
		if found != "" && found != r {
			return RoleImplementation
		}
		found = r
	}
	return found
}

// textRole returns the first role named anywhere in text.
func textRole(v *Vocabulary, text string) Role {
	words := lowerWords(text)
	for end := 1; end <= len(words); end++ {
		if r, _ := v.lookup(words, end); r != "" {
			return r
		}
	}
	return ""
}

// phraseRole returns the role of a noun phrase's heads: one role, or
// implementation when they name more than one kind of software.
func phraseRole(v *Vocabulary, words []string, heads []int) Role {
	var found Role
	for _, h := range heads {
		r, _ := v.lookup(words, h+1)
		if lw := strings.ToLower(words[h]); r == "" && strings.HasSuffix(lw, "s") {
			// "registries" is listed, "runtime's" is not.
			w := words[h]
			words[h] = strings.TrimSuffix(strings.TrimSuffix(lw, "'s"), "s")
			r, _ = v.lookup(words, h+1)
			words[h] = w
		}
		switch {
		case r == "":
			continue
		case found == "":
			found = r
		case found != r && (found.software() || found == RoleImplementation) && (r.software() || r == RoleImplementation):
			found = RoleImplementation
		}
	}
	return found
}

// lowerWords splits text into lower-case words without punctuation or a
// possessive "'s", blanking proper names (a run of three or more
// capitalized words, "Open Container Initiative Distribution
// Specification"), which name no party.
func lowerWords(text string) []string {
	words := strings.Fields(text)
	for i := range words {
		words[i] = strings.TrimSuffix(strings.Trim(words[i], ".,;:()`'\"’"), "'s")
	}
	for i := 0; i < len(words); {
		j := i
		for j < len(words) && words[j] != "" && unicode.IsUpper(rune(words[j][0])) {
			j++
		}
		if j-i >= 3 {
			for k := i; k < j; k++ {
				words[k] = ""
			}
		}
		i = max(j, i+1)
	}
	for i := range words {
		words[i] = strings.ToLower(words[i])
	}
	return words
}
