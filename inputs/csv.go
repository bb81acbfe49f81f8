package inputs

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"hash"
	"io"
	"io/fs"
	"strings"

	"camcost/model"
)

var (
	errLineTooLong = errors.New("line too long")
	errFileTooBig  = errors.New("file too big")
	errBareQuote   = errors.New("bare quote in a field not quoted")
	errQuote       = errors.New("extraneous or missing quote in a quoted field")
	errNotUTF8     = errors.New("text not in UTF-8")
)

// csvRows streams the records of a CSV file. Its bytes are hashed as they
// are read, so the hash is that of exactly the bytes parsed.
type csvRows struct {
	file    string
	f       fs.File
	hash    hash.Hash
	sc      *csvScanner
	numbers convention
	cells   []cell
	lim     Limits
	num     int // row number of the current record
	e       error
	done    bool // read to the end
}

// openCSV opens a CSV table: it skips a UTF-8 BOM and detects the
// separator, ';' or ',', from the header line. It reads through buf when
// buf is not nil: the buffer of a table read before, whose texts are
// copies or no longer used.
func openCSV(fsys fs.FS, name string, lim Limits, buf []byte) (*csvRows, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	if st, err := f.Stat(); err == nil && st.Size() > lim.MaxFileBytes {
		f.Close()
		return nil, problemf(model.Position{File: name}, "il file è troppo grande (%s, limite %s)", megabytes(st.Size()), megabytes(lim.MaxFileBytes))
	}
	c := &csvRows{file: name, f: f, hash: sha256.New(), lim: lim}
	c.sc = newCSVScanner(io.TeeReader(f, c.hash), lim.MaxCellBytes, lim.MaxFileBytes)
	if buf != nil {
		c.sc.buf = buf
	}
	head := c.sc.peek(3)
	switch {
	case bytes.HasPrefix(head, []byte("\xef\xbb\xbf")):
		c.sc.skip(3)
	case bytes.HasPrefix(head, []byte("\xff\xfe")), bytes.HasPrefix(head, []byte("\xfe\xff")):
		c.close()
		return nil, problemf(model.Position{File: name}, "il file è in UTF-16: salvarlo come \"CSV UTF-8\"")
	}
	sep := detectSeparator(c.sc.peek(64 << 10))
	if sep == 0 {
		c.close()
		return nil, problemf(model.Position{File: name, Row: 1}, "la riga di intestazione contiene sia \";\" sia \",\" come separatore: impossibile capire quale si usa")
	}
	c.numbers = plainNumbers
	if sep == ';' {
		c.numbers = italianNumbers
	}
	c.sc.sep = sep
	return c, nil
}

// detectSeparator looks at the first non-blank line of buf and returns ';'
// or ',', whichever it holds more of outside quotes; ',' when it holds
// neither, 0 when it holds both as often.
func detectSeparator(buf []byte) byte {
	for len(buf) > 0 {
		line := buf
		if i := bytes.IndexByte(buf, '\n'); i >= 0 {
			line, buf = buf[:i], buf[i+1:]
		} else {
			buf = nil
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		semi, comma := 0, 0
		quoted := false
		for _, c := range line {
			switch {
			case c == '"':
				quoted = !quoted
			case quoted:
			case c == ';':
				semi++
			case c == ',':
				comma++
			}
		}
		switch {
		case semi > comma:
			return ';'
		case comma > semi || comma == 0:
			return ','
		}
		return 0
	}
	return ','
}

func (c *csvRows) next() bool {
	if c.e != nil {
		return false
	}
	cells, err := c.sc.record(c.cells)
	c.cells = cells
	if err == io.EOF {
		// Hash every byte, even any the scanner did not need.
		if _, err := io.Copy(io.Discard, c.sc.r); err != nil {
			c.e = err
		}
		c.done = c.e == nil
		return false
	}
	c.num++
	if err != nil {
		c.e = c.fail(err)
		return false
	}
	if len(cells) > c.lim.MaxColumns {
		c.e = problemf(model.Position{File: c.file, Row: c.num}, "la riga ha %d colonne, oltre il limite di %d", len(cells), c.lim.MaxColumns)
		return false
	}
	if c.sc.ctl {
		for i := range cells {
			if strings.ContainsFunc(cells[i].text, isControl) {
				cells[i].kind = cellControl
			}
		}
	}
	return true
}

// fail turns a read error into a problem at the current row when it is
// about the data, and returns I/O errors as they are.
func (c *csvRows) fail(err error) error {
	pos := model.Position{File: c.file, Row: c.num}
	switch {
	case errors.Is(err, errBareQuote):
		return problemf(pos, "virgolette (\") dentro un campo non racchiuso tra virgolette: racchiudere il campo tra virgolette e raddoppiare quelle interne")
	case errors.Is(err, errQuote):
		return problemf(pos, "virgolette (\") non chiuse o seguite da altro testo nello stesso campo")
	case errors.Is(err, errNotUTF8):
		return problemf(pos, "il testo non è in UTF-8: salvare il file come \"CSV UTF-8\"")
	case errors.Is(err, errLineTooLong):
		return problemf(pos, "riga lunga più di %s: il file non sembra un CSV di dati", megabytes(int64(c.lim.MaxCellBytes)))
	case errors.Is(err, errFileTooBig):
		return problemf(model.Position{File: c.file}, "il file è troppo grande (oltre il limite di %s)", megabytes(c.lim.MaxFileBytes))
	}
	return err
}

func (c *csvRows) row() (int, []cell) { return c.num, c.cells }
func (c *csvRows) err() error         { return c.e }
func (c *csvRows) conv() convention   { return c.numbers }
func (c *csvRows) letters() bool      { return false }
func (c *csvRows) hidden() bool       { return false }
func (c *csvRows) close() error       { return c.f.Close() }

// digest returns the SHA-256 and size of the bytes read so far: of the
// whole file once done.
func (c *csvRows) digest() (string, int64) {
	return hex.EncodeToString(c.hash.Sum(nil)), c.sc.total
}
