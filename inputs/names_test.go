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
		if col, row, ok := parseRef([]byte(want + "12")); !ok || col != i || row != 12 {
			t.Errorf("parseRef(%q) = %d, %d, %v; want %d, 12", want+"12", col, row, ok, i)
		}
	}
	for _, bad := range []string{"", "12", "A", "A1B", "1A", "A0", "A01", "A1048577", "B99999999999999999999"} {
		if _, _, ok := parseRef([]byte(bad)); ok {
			t.Errorf("parseRef(%q) accepted", bad)
		}
	}
}
