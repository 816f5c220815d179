package gadget

import "testing"

// TestNameLength checks the length limit.
//
// Covers: gadget-name-length@7fde83
func TestNameLength(t *testing.T) {}

func TestUpload(t *testing.T) {
	// Covers: #uploads
	t.Run("store", func(t *testing.T) {})
}

// Covers: end-1
func TestPing(t *testing.T) {}

// Covers: no-such-requirement
func TestOrphan(t *testing.T) {}

func TestNothing(t *testing.T) {}

// Covers: names
var notATest = 1
