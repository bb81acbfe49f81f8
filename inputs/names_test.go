package inputs

import "testing"

func TestFoldName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"matricola", "matricola"},
		{" Unità ", "unita"},
		{"Unita\u0300", "unita"}, // decomposed accent, as macOS writes file names
		{"QUANTITÀ", "quantita"},
		{"Imprese-Attive", "imprese_attive"},
		{"imprese  attive", "imprese_attive"},
		{"_driver_", "driver"},
		{"Contabilità", "contabilita"},
		{"a__b", "a_b"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := foldName(tt.in); got != tt.want {
			t.Errorf("foldName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestColumnLetters(t *testing.T) {
	for i, want := range map[int]string{0: "A", 25: "Z", 26: "AA", 51: "AZ", 52: "BA", 701: "ZZ", 702: "AAA", 16383: "XFD"} {
		if got := columnLetters(i); got != want {
			t.Errorf("columnLetters(%d) = %q, want %q", i, got, want)
		}
		if got, ok := refColumn(want + "12"); !ok || got != i {
			t.Errorf("refColumn(%q) = %d, %v; want %d", want+"12", got, ok, i)
		}
	}
	for _, bad := range []string{"", "12", "A", "A1B", "1A"} {
		if _, ok := refColumn(bad); ok {
			t.Errorf("refColumn(%q) accepted", bad)
		}
	}
}
