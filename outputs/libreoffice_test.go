package outputs

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"camcost/internal/fixture"
)

// TestWorkbooksOpenInLibreOffice converts every workbook to PDF with
// LibreOffice headless, each with a profile of its own so that the
// conversions run in parallel: a workbook LibreOffice cannot open, or
// renders to nothing, fails here. LibreOffice is required (make deps
// installs it); without it the test fails rather than skip.
func TestWorkbooksOpenInLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Fatalf("LibreOffice is required by this test and soffice is not on PATH (%v): install it with make deps (.ci/install-deps)", err)
	}
	res := fixture.Result(t)
	for _, wb := range workbooks {
		data := writeBook(t, wb.write, res)
		t.Run(wb.file, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			in := filepath.Join(dir, wb.file)
			if err := os.WriteFile(in, data, 0o644); err != nil {
				t.Fatal(err)
			}
			convertToPDF(t, soffice, in, dir)
		})
	}
	// The workbooks of camcost confronta: two years of the fixture chamber,
	// and the same years as a multi-body run.
	a, b := twoYears(t)
	single, _ := writeConfronto(t, a, b)
	next := compute(t, nextYear(t))
	multi, err := NewConfronto(Side{multiRun(t, "a", fixture.Result(t)), "../a"}, Side{multiRun(t, "b", next, next), "../b"})
	if err != nil {
		t.Fatal(err)
	}
	multiOut := t.TempDir()
	if _, err := multi.Write(multiOut); err != nil {
		t.Fatal(err)
	}
	for _, in := range []string{filepath.Join(single, ConfrontoWorkbook), filepath.Join(multiOut, ConfrontoEntiWorkbook)} {
		t.Run(filepath.Base(in), func(t *testing.T) {
			t.Parallel()
			convertToPDF(t, soffice, in, t.TempDir())
		})
	}
}

// convertToPDF runs soffice on one file and checks the PDF it leaves.
func convertToPDF(t *testing.T, soffice, in, outdir string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 4*time.Minute)
	defer cancel()
	profile := "file://" + filepath.ToSlash(filepath.Join(t.TempDir(), "profilo"))
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation="+profile, "--headless", "--norestore",
		"--convert-to", "pdf", "--outdir", outdir, in)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("soffice --convert-to pdf %s: %v\n%s", filepath.Base(in), err, out)
	}
	pdf := filepath.Join(outdir, strings.TrimSuffix(filepath.Base(in), filepath.Ext(in))+".pdf")
	b, err := os.ReadFile(pdf)
	if err != nil {
		t.Fatalf("no PDF from %s: %v\nsoffice said: %s", filepath.Base(in), err, out)
	}
	if len(b) < 1000 || !bytes.HasPrefix(b, []byte("%PDF")) {
		t.Fatalf("%s: the PDF has %d bytes and does not look like a PDF", pdf, len(b))
	}
	return pdf
}
