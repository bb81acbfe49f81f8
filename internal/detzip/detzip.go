// Package detzip gives excelize a zip writer whose output depends only on the
// parts written, never on the order excelize happens to write them in.
//
// excelize writes the sheets of stream writers by ranging over a Go map, so a
// workbook with two or more StreamWriters comes out with its zip parts in a
// different order on every save. The workbook is the same, the bytes are not.
// Writer compresses each part as it arrives and writes all parts in name
// order on Close, so two saves of the same content are byte-identical.
//
//	f := excelize.NewFile()
//	f.SetZipWriter(detzip.New)
package detzip

import (
	"archive/zip"
	"bytes"
	"errors"
	"hash"
	"hash/crc32"
	"io"
	"io/fs"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/klauspost/compress/flate"
	"github.com/xuri/excelize/v2"
)

// Writer implements excelize.ZipWriter. It holds each part compressed in
// memory until Close.
type Writer struct {
	out     io.Writer
	parts   []*part
	current *part
	closed  bool
}

type part struct {
	name string
	buf  *bytes.Buffer
	fw   *flate.Writer
	crc  hash.Hash32
	size uint64
	// memo: the part is a remembered one (AddPart), nil buf and crc.
	memo *memoPart
}

// memoPart is a part compressed once per process: its content, its
// compressed bytes and their checksum.
type memoPart struct {
	raw, compressed []byte
	crc             uint32
}

// memos holds the parts added by AddPart, by name: the first contents
// seen, up to memosPerName of them.
var memos struct {
	sync.Mutex
	parts map[string][]*memoPart
}

const memosPerName = 8

// memoOf returns the remembered part named name whose content is b, or nil.
func memoOf(name string, b []byte) *memoPart {
	memos.Lock()
	defer memos.Unlock()
	for _, m := range memos.parts[name] {
		if bytes.Equal(m.raw, b) {
			return m
		}
	}
	return nil
}

// remember keeps m as a part named name, unless there are enough of them.
func remember(name string, m *memoPart) {
	memos.Lock()
	defer memos.Unlock()
	if memos.parts == nil {
		memos.parts = make(map[string][]*memoPart)
	}
	list := memos.parts[name]
	for _, o := range list {
		if bytes.Equal(o.raw, m.raw) {
			return
		}
	}
	if len(list) < memosPerName {
		memos.parts[name] = append(list, m)
	}
}

// AddPart adds a part whose content is b. A part of the same name and
// content added before in the process is not compressed again: the
// compressor, reset, would give the same bytes.
func (w *Writer) AddPart(name string, b []byte) error {
	if m := memoOf(name, b); m != nil {
		if w.closed {
			return errors.New("detzip: write after close")
		}
		if err := w.finish(); err != nil {
			return err
		}
		for _, p := range w.parts {
			if p.name == name {
				return errors.New("detzip: duplicate part " + name)
			}
		}
		w.parts = append(w.parts, &part{name: name, size: uint64(len(b)), memo: m})
		return nil
	}
	pw, err := w.Create(name)
	if err != nil {
		return err
	}
	if _, err := pw.Write(b); err != nil {
		return err
	}
	p := w.current
	if err := w.finish(); err != nil {
		return err
	}
	remember(name, &memoPart{raw: bytes.Clone(b), compressed: bytes.Clone(p.buf.Bytes()), crc: p.crc.Sum32()})
	return nil
}

func (p *part) Write(b []byte) (int, error) {
	p.crc.Write(b)
	p.size += uint64(len(b))
	return p.fw.Write(b)
}

// New returns a Writer that writes the archive to w. Its signature matches
// excelize's File.SetZipWriter.
func New(w io.Writer) excelize.ZipWriter { return &Writer{out: w} }

// Create starts a new part. As with archive/zip, the previous part is
// complete once Create or Close is called.
func (w *Writer) Create(name string) (io.Writer, error) {
	if w.closed {
		return nil, errors.New("detzip: write after close")
	}
	if err := w.finish(); err != nil {
		return nil, err
	}
	for _, p := range w.parts {
		if p.name == name {
			return nil, errors.New("detzip: duplicate part " + name)
		}
	}
	p := &part{name: name, buf: getBuffer(), crc: crc32.NewIEEE()}
	fw, err := getFlate(p.buf)
	if err != nil {
		return nil, err
	}
	p.fw = fw
	w.parts = append(w.parts, p)
	w.current = p
	return p, nil
}

// AddFS adds every regular file of fsys as a part named by its path.
func (w *Writer) AddFS(fsys fs.FS) error {
	return fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		pw, err := w.Create(name)
		if err != nil {
			return err
		}
		_, err = pw.Write(b)
		return err
	})
}

func (w *Writer) finish() error {
	if w.current == nil {
		return nil
	}
	err := w.current.fw.Close()
	flates.Put(w.current.fw)
	w.current.fw = nil
	w.current = nil
	return err
}

// flates keeps the compressors of finished parts: a flate.Writer holds
// about a megabyte of tables, and a run writes dozens of parts per
// workbook. Reset makes a kept one equal to a new one, so the bytes do not
// change.
var flates sync.Pool

// getFlate returns a compressor writing to dst. BestSpeed: workbooks are
// written on every run and read once; the default level costs three times
// the time for a file a third smaller. klauspost/compress's level 1 takes
// less than half the time of the standard library's on workbook parts, for
// slightly smaller output; its bytes differ from the standard library's,
// so changing the compressor or its version changes the engine version.
func getFlate(dst io.Writer) (*flate.Writer, error) {
	if fw, ok := flates.Get().(*flate.Writer); ok {
		fw.Reset(dst)
		return fw, nil
	}
	return flate.NewWriter(dst, flate.BestSpeed)
}

// Close writes every part, in name order, and the zip directory.
func (w *Writer) Close() error {
	if w.closed {
		return nil
	}
	w.closed = true
	if err := w.finish(); err != nil {
		return err
	}
	slices.SortFunc(w.parts, func(a, b *part) int { return strings.Compare(a.name, b.name) })
	zw := zip.NewWriter(w.out)
	for _, p := range w.parts {
		// Version 2.0, as archive/zip's CreateHeader writes; 4.5 when a
		// part needs zip64, which Excel checks.
		var data []byte
		var crc uint32
		if p.memo != nil {
			data, crc = p.memo.compressed, p.memo.crc
		} else {
			data, crc = p.buf.Bytes(), p.crc.Sum32()
		}
		version := uint16(20)
		if p.size > math.MaxUint32 || uint64(len(data)) > math.MaxUint32 {
			version = 45
		}
		hw, err := zw.CreateRaw(&zip.FileHeader{
			Name:               p.name,
			CreatorVersion:     version,
			ReaderVersion:      version,
			Method:             zip.Deflate,
			CRC32:              crc,
			CompressedSize64:   uint64(len(data)),
			UncompressedSize64: p.size,
		})
		if err != nil {
			return err
		}
		if _, err := hw.Write(data); err != nil {
			return err
		}
		if p.buf != nil {
			putBuffer(p.buf)
			p.buf = nil
		}
	}
	return zw.Close()
}

// buffers keeps the buffers of compressed parts between archives: grown
// by doubling, the few hundred kilobytes of a large sheet cost fresh
// memory on every save otherwise.
var buffers sync.Pool

func getBuffer() *bytes.Buffer {
	if b, ok := buffers.Get().(*bytes.Buffer); ok {
		return b
	}
	return new(bytes.Buffer)
}

// putBuffer keeps b unless it is too large to keep.
func putBuffer(b *bytes.Buffer) {
	if b.Cap() <= 8<<20 {
		b.Reset()
		buffers.Put(b)
	}
}
