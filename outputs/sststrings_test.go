package outputs

import (
	"bytes"
	"testing"
)

// writeTexts writes texts in a sheet written cell by cell, each bare, with
// white space after it and around it, and saves the workbook through the
// splicer or straight through detzip.
func writeTexts(t *testing.T, texts []string, splice bool) []byte {
	t.Helper()
	f, st, s := testSheet(t, RunInfo{RunID: "x", Version: "v", Ente: "Ente"}, splice)
	for i, text := range texts {
		s.set(1, i+1, text, 0)
		s.set(2, i+1, text+" ", st.text)
		s.set(3, i+1, "\n"+text+"\t", 0)
		s.set(4, i+1, texts[len(texts)-1-i], 0) // a text seen before
	}
	return savedBytes(t, f, s)
}

// TestSharedStringsMatchExcelize: a shared string table whose items are
// encoded by takeSharedStrings saves to the bytes excelize marshals.
func TestSharedStringsMatchExcelize(t *testing.T) {
	texts := append([]string{"Codice", "l'ente & <co>", "a\r\nb", "uno\ndue"}, fastRowTexts...)
	slow := slowParts.Load()
	got := writeTexts(t, texts, true)
	if n := slowParts.Load() - slow; n != 0 {
		t.Errorf("%d parts left to excelize", n)
	}
	if want := writeTexts(t, texts, false); !bytes.Equal(got, want) {
		t.Errorf("workbook differs from the one excelize marshals (%d bytes, want %d)", len(got), len(want))
	}
}

// TestTakeSharedStrings: the items are taken, escaped as encoding/xml
// escapes them, and the table is left empty.
func TestTakeSharedStrings(t *testing.T) {
	f, st, err := newWorkbook("Prova", "Prova", RunInfo{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if items, ok := takeSharedStrings(f); !ok || items != nil {
		t.Fatalf("no table: got %q, %v, want nil, true", items, ok)
	}
	s := st.sheetOf(f, "Sheet1")
	for i, text := range []string{"a<b", " x\n", "a<b"} {
		s.set(1, i+1, text, 0)
	}
	items, ok := takeSharedStrings(f)
	if want := `<si><t>a&lt;b</t></si><si><t xml:space="preserve"> x&#xA;</t></si>`; !ok || string(items) != want {
		t.Fatalf("got %q, %v, want %q, true", items, ok, want)
	}
	if again, ok := takeSharedStrings(f); !ok || again != nil {
		t.Errorf("table not emptied: got %q, %v", again, ok)
	}
}

// TestTextCellsReplayed: a sheet left to excelize (it holds a formula)
// gets the overlay's texts written into excelize's cells, with the same
// bytes as texts written through excelize alone.
func TestTextCellsReplayed(t *testing.T) {
	write := func(splice bool) []byte {
		f, st, s := testSheet(t, RunInfo{}, splice)
		s.set(1, 1, "primo", st.text) // creates the table through SetCellStr
		s.set(2, 1, "secondo", 0)
		s.set(1, 2, " terzo", st.euro)
		s.set(3, 4, "secondo", 0)
		s.set(3, 4, 4.5, 0) // a number over a text
		s.set(2, 3, 7, 0)
		s.set(2, 3, "quarto_x0041_", 0) // a text excelize escapes, over a number
		s.set(2, 5, "quinto", 0)
		s.set(2, 5, "_x0042_", 0) // and over a plain text
		s.merge(1, 6, 3, 6, "sesto", st.totalText)
		s.set(2, 6, "settimo", st.pct) // into the merged block's first cell
		s.set(4, 7, "", 0)
		if err := f.SetCellFormula("Sheet1", "A3", "SUM(A1:A2)"); err != nil {
			t.Fatal(err)
		}
		return savedBytes(t, f, s)
	}
	checkLeftToExcelize(t, write)
}
