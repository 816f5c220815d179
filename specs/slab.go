package specs

// A slab hands out zeroed values from chunks, one allocation for many
// values: a document has thousands of sentences and blocks, and
// allocating each alone is a good part of building the model.
type slab[T any] struct {
	chunk []T
}

func (s *slab[T]) new() *T {
	if len(s.chunk) == cap(s.chunk) {
		// Chunks double from 8 to 256 values: small documents waste
		// little, large ones allocate rarely.
		s.chunk = make([]T, 0, min(max(8, 2*cap(s.chunk)), 256))
	}
	s.chunk = s.chunk[:len(s.chunk)+1]
	return &s.chunk[len(s.chunk)-1]
}
