//go:build unix

package inputs

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestNonRegularFiles: a name the folder reads that is not a regular file
// (a FIFO, a folder, a symbolic link to nothing or to itself) is refused by
// name, in Italian, without being opened: opening a FIFO would wait for a
// writer forever. A symbolic link to a regular file is read.
func TestNonRegularFiles(t *testing.T) {
	fifo := func(t *testing.T, path string) {
		if err := syscall.Mkfifo(path, 0o644); err != nil {
			t.Skipf("mkfifo: %v", err)
		}
		// Should Read open it and wait, let it go at the end.
		t.Cleanup(func() {
			if f, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
				f.Close()
			}
		})
	}
	link := func(target string) func(*testing.T, string) {
		return func(t *testing.T, path string) {
			if err := os.Symlink(target, path); err != nil {
				t.Fatal(err)
			}
		}
	}
	tests := []struct {
		name   string
		file   string
		remove string // a file of the valid folder to take away first
		make   func(*testing.T, string)
		want   []string // the problems, all of them; nil for none
	}{
		{"fifo csv", "tempi.csv", "tempi.csv", fifo,
			[]string{"tempi.csv: non è un file ordinario ma una pipe (FIFO): non viene letto; mettere al suo posto il file dei dati"}},
		{"fifo xlsx", "dati.xlsx", "", fifo,
			[]string{"dati.xlsx: non è un file ordinario ma una pipe (FIFO): non viene letto; mettere al suo posto il file dei dati"}},
		{"fifo settings", "camcost.toml", "", fifo,
			[]string{"camcost.toml: non è un file ordinario ma una pipe (FIFO): non viene letto; mettere al suo posto il file delle impostazioni"}},
		{"folder", "tempi.csv", "tempi.csv", func(t *testing.T, p string) {
			if err := os.Mkdir(p, 0o755); err != nil {
				t.Fatal(err)
			}
		}, []string{"tempi.csv: non è un file ordinario ma una cartella: non viene letto; mettere al suo posto il file dei dati"}},
		{"dangling link", "tempi.csv", "tempi.csv", link("manca.csv"),
			[]string{"tempi.csv: è un collegamento simbolico a un file che non esiste (manca.csv): correggere o togliere il collegamento"}},
		{"link loop", "tempi.csv", "tempi.csv", link("tempi.csv"),
			[]string{"tempi.csv: è un collegamento simbolico circolare (rimanda a se stesso, direttamente o tramite altri collegamenti): correggere o togliere il collegamento"}},
		{"link to a folder", "dati.xlsx", "", link("."),
			[]string{"dati.xlsx: è un collegamento simbolico a una cartella, non a un file ordinario: non viene letto; mettere al suo posto il file dei dati"}},
		{"link to a file", "tempi.csv", "", func(t *testing.T, p string) {
			if err := os.Rename(p, p+".orig"); err != nil {
				t.Fatal(err)
			}
			link(filepath.Base(p)+".orig")(t, p)
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := validFolder()
			delete(files, tt.remove)
			dir := writeFolder(t, files)
			tt.make(t, filepath.Join(dir, tt.file))
			done := make(chan error, 1)
			go func() {
				_, err := Read(dir, Options{DefaultMap: testMap(t)})
				done <- err
			}()
			var err error
			select {
			case err = <-done:
			case <-time.After(10 * time.Second):
				t.Fatal("Read does not return")
			}
			var got []string
			for _, p := range problemsOf(t, err) {
				got = append(got, p.Error())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}
