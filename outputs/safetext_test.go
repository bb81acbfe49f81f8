package outputs

import "testing"

func TestSafeText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"C1.1.1", "C1.1.1"},
		{"contabilita.csv:12", "contabilita.csv:12"},
		{`=HYPERLINK("http://x","click")`, `'=HYPERLINK("http://x","click")`},
		{"-2+3", "'-2+3"},
		{"+39 011", "'+39 011"},
		{"@sum(a1)", "'@sum(a1)"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"'già citato", "''già citato"},
		{"a=1", "a=1"},
	}
	for _, tt := range tests {
		got := SafeText(tt.in)
		if got != tt.want {
			t.Errorf("SafeText(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if back := UnsafeText(got); back != tt.in {
			t.Errorf("UnsafeText(SafeText(%q)) = %q", tt.in, back)
		}
	}
}

func FuzzSafeText(f *testing.F) {
	for _, s := range []string{"", "=1+2", "'", "''=", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := SafeText(s)
		if got != "" && (got[0] == '=' || got[0] == '+' || got[0] == '-' || got[0] == '@' || got[0] == '\t' || got[0] == '\r') {
			t.Errorf("SafeText(%q) = %q starts like a formula", s, got)
		}
		if back := UnsafeText(got); back != s {
			t.Errorf("UnsafeText(SafeText(%q)) = %q", s, back)
		}
	})
}
