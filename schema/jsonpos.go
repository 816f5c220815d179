package schema

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"
)

// valueOffsets maps the JSON pointer of every value in data ("" for the
// root, "/layers/0/digest") to the byte offset where the value starts,
// so a validation error's instance location can be shown at its line.
func valueOffsets(data []byte) (map[string]int, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	offs := map[string]int{}
	if err := walkValue(dec, data, "", offs); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, &json.SyntaxError{Offset: dec.InputOffset()}
	}
	return offs, nil
}

func walkValue(dec *json.Decoder, data []byte, ptr string, offs map[string]int) error {
	offs[ptr] = skipSeparators(data, int(dec.InputOffset()))
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	switch tok {
	case json.Delim('{'):
		for dec.More() {
			key, err := dec.Token()
			if err != nil {
				return err
			}
			k, _ := key.(string)
			if err := walkValue(dec, data, ptr+"/"+escapePointer(k), offs); err != nil {
				return err
			}
		}
		_, err = dec.Token()
	case json.Delim('['):
		for i := 0; dec.More(); i++ {
			if err := walkValue(dec, data, ptr+"/"+strconv.Itoa(i), offs); err != nil {
				return err
			}
		}
		_, err = dec.Token()
	}
	return err
}

// skipSeparators moves past white space, colons and commas to the start
// of the next value.
func skipSeparators(data []byte, i int) int {
	for i < len(data) && strings.IndexByte(" \t\r\n:,", data[i]) >= 0 {
		i++
	}
	return i
}

func escapePointer(s string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(s)
}

// syntaxOffset returns the byte offset of a JSON syntax error: where the
// decoder stopped, moved back onto the offending byte.
func syntaxOffset(data []byte, err error) int {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return min(int(te.Offset), len(data))
	}
	if errors.As(err, &se) {
		off := int(se.Offset)
		if off > 0 && off <= len(data) {
			off--
		}
		return off
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return len(bytes.TrimRight(data, " \t\r\n"))
	}
	return 0
}
