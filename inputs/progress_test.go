package inputs

import (
	"os"
	"path/filepath"
	"testing"
)

// Options.Progress reports every byte of every file read, once: the
// counts add up to the sizes of the files the inputs list, whatever the
// format, and files left unread count for nothing.
func TestProgressCountsEveryByte(t *testing.T) {
	withExtras := func(dir string) string {
		for name, content := range map[string]string{
			"camcost.toml": "metodo = \"scalare\"\n",
			"leggimi.txt":  "not a table: never read\n",
		} {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return dir
	}
	tests := []struct {
		name  string
		dir   func(t *testing.T) string
		files int // the files read
	}{
		{"csv", func(t *testing.T) string { return writeFolder(t, plainFolder()) }, 8},
		{"csv-it", func(t *testing.T) string { return writeFolder(t, italianFolder()) }, 8},
		{"xlsx", func(t *testing.T) string { return writeWorkbookFolder(t) }, 1},
		{"settings and a file not read", func(t *testing.T) string { return withExtras(writeFolder(t, plainFolder())) }, 9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var calls int
			var n int64
			in, err := Read(tt.dir(t), Options{DefaultMap: testMap(t), Progress: func(k int64) {
				calls++
				if k <= 0 {
					t.Errorf("progress reported %d bytes", k)
				}
				n += k
			}})
			if err != nil {
				t.Fatal(err)
			}
			if got := len(in.Files); got != tt.files {
				t.Errorf("read %d files, want %d", got, tt.files)
			}
			var want int64
			for _, f := range in.Files {
				want += f.Size
			}
			if n != want {
				t.Errorf("progress counted %d bytes in %d calls, the files read hold %d", n, calls, want)
			}
		})
	}
}
