package inputs

import (
	"io/fs"
)

// countingFS reports the bytes read through it, for Options.Progress.
type countingFS struct {
	fsys fs.FS
	fn   func(int64)
}

func (c countingFS) Open(name string) (fs.File, error) {
	f, err := c.fsys.Open(name)
	if err != nil {
		return nil, err
	}
	return countingFile{f, c.fn}, nil
}

func (c countingFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(c.fsys, name) }

func (c countingFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(c.fsys, name) }

type countingFile struct {
	fs.File
	fn func(int64)
}

func (f countingFile) Read(p []byte) (int, error) {
	n, err := f.File.Read(p)
	if n > 0 {
		f.fn(int64(n))
	}
	return n, err
}
