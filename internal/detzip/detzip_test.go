package detzip

import (
	"archive/zip"
	"bytes"
	"io"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestPartsInNameOrder(t *testing.T) {
	var out bytes.Buffer
	w := New(&out)
	for _, name := range []string{"xl/b.xml", "[Content_Types].xml", "xl/a.xml"} {
		pw, err := w.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(pw, "<x>"+name+"</x>"); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.Create("xl/a.xml"); err == nil {
		t.Error("Create of a duplicate part succeeded")
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(out.Bytes()), int64(out.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if got, want := string(b), "<x>"+f.Name+"</x>"; got != want {
			t.Errorf("%s holds %q, want %q", f.Name, got, want)
		}
	}
	if want := []string{"[Content_Types].xml", "xl/a.xml", "xl/b.xml"}; !slices.Equal(names, want) {
		t.Errorf("parts = %v, want %v", names, want)
	}
}

// A workbook with several stream writers comes out identical on every save.
func TestStreamWorkbookIsDeterministic(t *testing.T) {
	build := func() []byte {
		f := excelize.NewFile()
		f.SetZipWriter(New)
		var sws []*excelize.StreamWriter
		for _, name := range []string{"uno", "due", "tre", "quattro", "cinque"} {
			if _, err := f.NewSheet(name); err != nil {
				t.Fatal(err)
			}
			sw, err := f.NewStreamWriter(name)
			if err != nil {
				t.Fatal(err)
			}
			sws = append(sws, sw)
		}
		for i, sw := range sws {
			if err := sw.SetRow("A1", []any{"foglio", i}); err != nil {
				t.Fatal(err)
			}
			if err := sw.Flush(); err != nil {
				t.Fatal(err)
			}
		}
		buf, err := f.WriteToBuffer()
		if err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	first := build()
	for range 5 {
		if !bytes.Equal(build(), first) {
			t.Fatal("two saves of the same workbook differ")
		}
	}
	f, err := excelize.OpenReader(bytes.NewReader(first))
	if err != nil {
		t.Fatal(err)
	}
	v, err := f.GetCellValue("tre", "B1")
	if err != nil || v != "2" {
		t.Errorf("tre!B1 = %q, %v; want 2", v, err)
	}
}

// TestAddPart: a part added whole gives the archive a part added by Create
// and Write gives, whether its content is the one remembered for its name
// or another, and a duplicate is refused.
func TestAddPart(t *testing.T) {
	styles := bytes.Repeat([]byte(`<xf numFmtId="0" fontId="1" fillId="2"/>`), 500)
	other := append(bytes.Clone(styles), "<x/>"...)
	archive := func(whole bool, content []byte) []byte {
		var out bytes.Buffer
		w := New(&out).(*Writer)
		pw, err := w.Create("xl/a.xml")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(pw, "<a/>"); err != nil {
			t.Fatal(err)
		}
		if whole {
			if err := w.AddPart("xl/styles.xml", content); err != nil {
				t.Fatal(err)
			}
			if err := w.AddPart("xl/styles.xml", content); err == nil {
				t.Error("AddPart of a duplicate part succeeded")
			}
		} else {
			pw, err := w.Create("xl/styles.xml")
			if err != nil {
				t.Fatal(err)
			}
			for chunk := range slices.Chunk(content, 1000) {
				if _, err := pw.Write(chunk); err != nil {
					t.Fatal(err)
				}
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		return out.Bytes()
	}
	for i, content := range [][]byte{styles, styles, other, styles} {
		if got, want := archive(true, content), archive(false, content); !bytes.Equal(got, want) {
			t.Errorf("archive %d with the part added whole differs (%d bytes, want %d)", i, len(got), len(want))
		}
	}
	if memoOf("xl/styles.xml", styles) == nil || memoOf("xl/styles.xml", other) == nil {
		t.Error("the contents are not remembered")
	}
	if memoOf("xl/styles.xml", []byte("<x/>")) != nil {
		t.Error("a content never added is remembered")
	}
}
