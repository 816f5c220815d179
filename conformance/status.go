package conformance

import (
	"fmt"
	"strings"
)

// Status is the outcome of one test case or one results.yaml entry.
type Status string

// The five outcomes. Fail is a failure of the product under test; Error is a
// failure of the test engine (a panic, a timeout, an abort), which still
// means the product has not shown conformance. Skip is a test the engine
// skipped at run time; Disabled is one the run's configuration switched off.
const (
	Pass     Status = "Pass"
	Fail     Status = "Fail"
	Error    Status = "Error"
	Skip     Status = "Skip"
	Disabled Status = "Disabled"
)

// Statuses lists the outcomes in display order.
var Statuses = [...]Status{Pass, Fail, Error, Skip, Disabled}

// ParseStatus reads a status as results.yaml writes it ("Pass", "FAIL",
// "Skip", "Disabled", "Error"), case-insensitively. Unknown words are an
// error: a status nobody knows must not be counted as anything.
func ParseStatus(s string) (Status, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "pass", "passed":
		return Pass, nil
	case "fail", "failed", "failure":
		return Fail, nil
	case "error":
		return Error, nil
	case "skip", "skipped":
		return Skip, nil
	case "disabled":
		return Disabled, nil
	}
	return "", fmt.Errorf("unknown test status %q", s)
}

// Failed reports whether s is Fail or Error: either means the product has
// not shown conformance for that test.
func (s Status) Failed() bool { return s == Fail || s == Error }

// Counts tallies outcomes. The JSON names are those of `ocispec certified
// --format json`.
type Counts struct {
	Pass     int `json:"pass"`
	Fail     int `json:"fail"`
	Error    int `json:"error"`
	Skip     int `json:"skip"`
	Disabled int `json:"disabled"`
}

// Add counts one more outcome s.
func (c *Counts) Add(s Status) {
	switch s {
	case Pass:
		c.Pass++
	case Fail:
		c.Fail++
	case Error:
		c.Error++
	case Skip:
		c.Skip++
	case Disabled:
		c.Disabled++
	}
}

// Of returns the count of outcome s.
func (c Counts) Of(s Status) int {
	switch s {
	case Pass:
		return c.Pass
	case Fail:
		return c.Fail
	case Error:
		return c.Error
	case Skip:
		return c.Skip
	case Disabled:
		return c.Disabled
	}
	return 0
}

// Total is the number of outcomes counted.
func (c Counts) Total() int { return c.Pass + c.Fail + c.Error + c.Skip + c.Disabled }

// Failed is the number of Fail and Error outcomes.
func (c Counts) Failed() int { return c.Fail + c.Error }

// Worst is the status that summarizes a group: Error or Fail when any test
// failed (failures are never masked by passes), else Pass when any passed,
// else Skip, else Disabled, else "" for an empty group.
func (c Counts) Worst() Status {
	switch {
	case c.Error > 0 && c.Fail == 0:
		return Error
	case c.Fail > 0:
		return Fail
	case c.Pass > 0:
		return Pass
	case c.Skip > 0:
		return Skip
	case c.Disabled > 0:
		return Disabled
	}
	return ""
}
