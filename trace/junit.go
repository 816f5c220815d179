package trace

import (
	"bytes"
	"errors"
	"io"

	"github.com/ocispec/ocispec/conformance"
)

// readJUnit reads a junit file, in any of the three oci-conformance
// flavours, through the conformance package's reader. Only names and
// outcomes are kept: the exchanges of passing tests are not decoded.
func readJUnit(file string, data []byte) (*Results, error) {
	jr := conformance.NewJUnitReader(bytes.NewReader(data), file)
	jr.DropPassingExchanges = true
	r := &Results{File: file, Outcomes: map[string]Outcome{}}
	for {
		tc, err := jr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		r.add(tc.Name, junitOutcome(tc.Status))
	}
	r.Format = "junit/" + string(jr.Suite().Format)
	return r, nil
}

// junitOutcome maps a conformance status to an outcome: an error is a
// failure, and a disabled test did not run.
func junitOutcome(s conformance.Status) Outcome {
	switch {
	case s.Failed():
		return Fail
	case s == conformance.Pass:
		return Pass
	}
	return Skip
}
