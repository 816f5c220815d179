package meetingnotes

import (
	"cmp"
	"fmt"
	"io"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// githubRefRE matches links to GitHub issues and pull requests. Owner and
// repository are restricted to GitHub's name characters, so a hostile URL
// in the notes cannot smuggle markup into the index.
var githubRefRE = regexp.MustCompile(`https?://github\.com/([A-Za-z0-9][A-Za-z0-9-]{0,38})/([A-Za-z0-9._-]{1,100})/(issues|pull)/(\d{1,9})`)

// Index is what the meetings discussed and who attended.
type Index struct {
	// Meetings is the number of distinct meetings indexed.
	Meetings int `json:"meetings"`
	// Refs are the linked issues and pull requests, most discussed first.
	Refs []*Ref `json:"refs"`
	// Attendance is per person, most present first.
	Attendance []*Attendee `json:"attendance"`
}

// Ref is one GitHub issue or pull request and the meetings that linked it.
type Ref struct {
	// ID is "owner/repo#N".
	ID   string `json:"id"`
	Kind string `json:"kind"` // "issue" or "pull"
	URL  string `json:"url"`
	// Dates are the meeting dates (YYYY-MM-DD), oldest first; a date
	// appears once per meeting, so len(Dates) counts the weeks on the
	// agenda.
	Dates []string `json:"dates"`
}

// Attendee is one person's attendance.
type Attendee struct {
	Name  string   `json:"name"`
	Dates []string `json:"dates"`
}

// BuildIndex indexes the meetings of docs. A meeting present in several
// documents (the archive periods overlap) is counted once; meetings are
// identified by date and heading.
func BuildIndex(docs ...*Document) *Index {
	return BuildIndexAliases(nil, docs...)
}

// BuildIndexAliases is BuildIndex with name variants merged: aliases maps
// the name a person is listed under to the other names they appear as
// (minutes.aliases in ocispec.yaml), e.g. "Samuel Karp": ["Sam"].
func BuildIndexAliases(aliases map[string][]string, docs ...*Document) *Index {
	merge := aliasKeys(aliases)
	ms := uniqueMeetings(docs)
	refs := map[string]*Ref{}
	people := map[string]*Attendee{}
	for _, m := range ms {
		for _, line := range m.sec.out {
			for _, g := range githubRefRE.FindAllStringSubmatch(line, -1) {
				addRef(refs, g, m.Date)
			}
		}
		for _, name := range m.Attendees {
			addAttendee(people, merge, name, m.Date)
		}
	}
	idx := &Index{Meetings: len(ms)}
	idx.Refs = mostFirst(refs, func(r *Ref) ([]string, string) { return r.Dates, r.ID })
	idx.Attendance = mostFirst(people, func(p *Attendee) ([]string, string) { return p.Dates, p.Name })
	return idx
}

// uniqueMeetings returns the meetings of docs by date, each once: a
// meeting is identified by date and heading.
func uniqueMeetings(docs []*Document) []*Meeting {
	type key struct{ date, heading string }
	seen := map[key]bool{}
	var ms []*Meeting
	for _, d := range docs {
		for _, m := range d.Meetings {
			k := key{m.Date, canonical(m.Heading)}
			if !seen[k] {
				seen[k] = true
				ms = append(ms, m)
			}
		}
	}
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].Date < ms[j].Date })
	return ms
}

// addRef records that the meeting of date linked the GitHub reference g
// (a githubRefRE match).
func addRef(refs map[string]*Ref, g []string, date string) {
	kind := "issue"
	if g[3] == "pull" {
		kind = "pull"
	}
	num := strings.TrimLeft(g[4], "0")
	id := fmt.Sprintf("%s/%s#%s", g[1], g[2], num)
	r := refs[strings.ToLower(id)]
	if r == nil {
		r = &Ref{ID: id, Kind: kind, URL: fmt.Sprintf("https://github.com/%s/%s/%s/%s", g[1], g[2], g[3], num)}
		refs[strings.ToLower(id)] = r
	}
	r.Dates = appendDate(r.Dates, date)
}

// addAttendee records that name (merged by its alias) attended the
// meeting of date.
func addAttendee(people map[string]*Attendee, merge map[string][2]string, name, date string) {
	k, display := personKey(name)
	if k == "" {
		return
	}
	if a, ok := merge[k]; ok {
		k, display = a[0], a[1]
	}
	p := people[k]
	if p == nil {
		p = &Attendee{Name: display}
		people[k] = p
	}
	p.Dates = appendDate(p.Dates, date)
}

// appendDate appends date unless it is already the last one.
func appendDate(dates []string, date string) []string {
	if n := len(dates); n == 0 || dates[n-1] != date {
		return append(dates, date)
	}
	return dates
}

// mostFirst returns the values of m ordered by number of meetings, most
// first, then by name, so the output does not depend on map order.
func mostFirst[T any](m map[string]T, key func(T) (dates []string, name string)) []T {
	out := make([]T, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	slices.SortFunc(out, func(a, b T) int {
		da, na := key(a)
		db, nb := key(b)
		return cmp.Or(cmp.Compare(len(db), len(da)), cmp.Compare(na, nb))
	})
	return out
}

// personKey identifies a person across meetings: a trailing parenthetical
// such as "(remote)" or "(he/him)" is not part of the name, and template
// placeholders are not people.
func personKey(name string) (key, display string) {
	n := canonical(name)
	if i := strings.Index(n, " ("); i > 0 && strings.HasSuffix(n, ")") {
		n = n[:i]
	}
	n = strings.TrimSpace(n)
	if n == "" || strings.HasPrefix(n, "_") || strings.EqualFold(n, "none") {
		return "", ""
	}
	return strings.ToLower(n), n
}

func span(dates []string) string {
	if len(dates) == 0 {
		return ""
	}
	return dates[0] + " .. " + dates[len(dates)-1]
}

// WriteText prints the index for a terminal.
func (x *Index) WriteText(w io.Writer) error {
	ew := &errWriter{w: w}
	ew.printf("Issues and pull requests linked in %s: %d\n", plural(x.Meetings, "meeting"), len(x.Refs))
	for _, r := range x.Refs {
		ew.printf("  %-45s %-5s %-12s %s\n", r.ID, r.Kind, plural(len(r.Dates), "meeting"), span(r.Dates))
	}
	ew.printf("Attendance (%d people):\n", len(x.Attendance))
	for _, p := range x.Attendance {
		ew.printf("  %-30s %-12s %s\n", p.Name, plural(len(p.Dates), "meeting"), span(p.Dates))
	}
	return ew.err
}

// WriteMarkdown prints the index as Markdown tables. Text that comes from
// the notes (names) is escaped, so the output cannot carry markup that
// was not in the index's own template.
func (x *Index) WriteMarkdown(w io.Writer) error {
	ew := &errWriter{w: w}
	ew.printf("# Meeting notes index\n\n")
	ew.printf("%s.\n\n", plural(x.Meetings, "meeting"))
	ew.printf("## Issues and pull requests\n\n")
	ew.printf("| Reference | Kind | Meetings | First | Last |\n| --- | --- | --- | --- | --- |\n")
	for _, r := range x.Refs {
		ew.printf("| [%s](%s) | %s | %d | %s | %s |\n", r.ID, r.URL, r.Kind, len(r.Dates), r.Dates[0], r.Dates[len(r.Dates)-1])
	}
	ew.printf("\n## Attendance\n\n")
	ew.printf("| Person | Meetings | First | Last |\n| --- | --- | --- | --- |\n")
	for _, p := range x.Attendance {
		ew.printf("| %s | %d | %s | %s |\n", escapeMarkdown(p.Name), len(p.Dates), p.Dates[0], p.Dates[len(p.Dates)-1])
	}
	return ew.err
}

var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "|", `\|`, "<", "&lt;", ">", "&gt;", "&", "&amp;",
	"*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`,
)

func escapeMarkdown(s string) string { return mdEscaper.Replace(s) }

// errWriter keeps the first write error so printing code stays linear.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}

// plural writes "1 meeting" and "2 meetings".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// aliasKeys maps the person key of every name in aliases (the names and
// their variants) to the key and display form of the name.
func aliasKeys(aliases map[string][]string) map[string][2]string {
	out := map[string][2]string{}
	for name, variants := range aliases {
		k, display := personKey(name)
		if k == "" {
			continue
		}
		for _, v := range append([]string{name}, variants...) {
			if vk, _ := personKey(v); vk != "" {
				out[vk] = [2]string{k, display}
			}
		}
	}
	return out
}

// nicknames maps common short forms of given names to the full ones, for
// SuggestAliases.
var nicknames = map[string][]string{
	"mike": {"michael"}, "sam": {"samuel", "samantha"}, "bob": {"robert"}, "rob": {"robert"},
	"bill": {"william"}, "will": {"william"}, "jim": {"james"}, "dave": {"david"},
	"steve": {"steven", "stephen"}, "chris": {"christopher", "christine"}, "dan": {"daniel"},
	"matt": {"matthew"}, "tom": {"thomas"}, "joe": {"joseph"}, "nick": {"nicholas"},
	"alex": {"alexander", "alexandra"}, "ben": {"benjamin"}, "josh": {"joshua"},
	"andy": {"andrew"}, "tony": {"anthony"}, "liz": {"elizabeth"}, "kate": {"katherine", "catherine"},
	"jon": {"jonathan"}, "greg": {"gregory"}, "phil": {"philip", "phillip"}, "vince": {"vincent"},
}

// SuggestAliases lists probable name variants among the attendance of idx:
// a one-word name that is the first name of exactly one longer name
// ("Tianon" of "Tianon Gravi"), or its common short form ("Mike" of
// "Michael Brown", "Sam" of "Samuel Karp"). It maps the longer name to
// its variants, for minutes.aliases in ocispec.yaml; a person should
// check each before adding it.
func SuggestAliases(idx *Index) map[string][]string {
	out := map[string][]string{}
	for _, short := range idx.Attendance {
		if strings.Contains(short.Name, " ") {
			continue
		}
		var matches []string
		for _, long := range idx.Attendance {
			first, _, ok := strings.Cut(long.Name, " ")
			if ok && givenNameMatches(short.Name, first) {
				matches = append(matches, long.Name)
			}
		}
		if len(matches) == 1 {
			out[matches[0]] = append(out[matches[0]], short.Name)
		}
	}
	return out
}

func givenNameMatches(short, first string) bool {
	s, f := strings.ToLower(short), strings.ToLower(first)
	return s == f || slices.Contains(nicknames[s], f)
}
