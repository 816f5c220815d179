//go:build !unix

package lint

func readFile(buf []byte, name string) ([]byte, error) { return readFileOS(buf, name) }
