package outputs

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"reflect"
	"sync"

	"github.com/xuri/excelize/v2"
)

// The workbooks of a body (costi dei processi, conto economico,
// indicatori) create the same sixty styles, which excelize builds one by
// one, and save the same styles.xml and theme1.xml, which it marshals on
// every save. They are built once per process instead: a template workbook
// creates the styles and is saved once to capture the two parts' bytes as
// excelize writes them; a body workbook then takes the template's style
// sheet, read only, and saves the captured bytes in place of marshalling
// them. A workbook that adds styles of its own (benchmarking, confronto)
// starts with newWorkbook instead.

var shared struct {
	once      sync.Once
	err       error
	tmpl      *excelize.File // holds the style sheet the body workbooks share
	st        *styles
	xfs       int // cell formats of the shared style sheet
	stylesXML []byte
	themeXML  []byte
}

// sharedStyles builds the shared styles on first use.
func sharedStyles() error {
	shared.once.Do(func() {
		f := excelize.NewFile()
		st, err := newStyles(f)
		if err != nil {
			shared.err = err
			return
		}
		parts := capturedParts{}
		f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return parts })
		if err := f.Write(io.Discard); err != nil {
			shared.err = err
			return
		}
		shared.stylesXML, shared.themeXML = parts[stylesPart].Bytes(), parts[themePart].Bytes()
		if shared.stylesXML == nil || shared.themeXML == nil {
			shared.err = errors.New("stili dei fogli non scritti")
			return
		}
		shared.tmpl, shared.st, shared.xfs = f, st, cellFormats(f)
	})
	return shared.err
}

const (
	stylesPart = "xl/styles.xml"
	themePart  = "xl/theme/theme1.xml"
)

// newBodyWorkbook is newWorkbook for a workbook that creates no styles
// of its own: it shares the process's.
func newBodyWorkbook(title, subject string, info RunInfo) (*excelize.File, *styles, error) {
	if plainWorkbooks {
		return newWorkbook(title, subject, info)
	}
	if err := sharedStyles(); err != nil {
		return nil, nil, err
	}
	f := excelize.NewFile()
	sp := new(splicer).install(f)
	sp.sharedStyles = true
	if err := docProps(f, title, subject, info); err != nil {
		f.Close()
		return nil, nil, err
	}
	f.Styles = shared.tmpl.Styles
	st := *shared.st
	st.sp = sp
	return f, &st, nil
}

// useSharedParts makes f, a body workbook about to be saved, write the
// captured styles and theme instead of marshalling its own, and checks
// that nothing added a style to the shared style sheet.
func useSharedParts(f *excelize.File) error {
	if f.Styles != shared.tmpl.Styles || cellFormats(f) != shared.xfs {
		return errors.New("stili condivisi modificati da una cartella di lavoro")
	}
	f.Styles, f.Theme = nil, nil
	f.Pkg.Store(stylesPart, shared.stylesXML)
	f.Pkg.Store(themePart, shared.themeXML)
	return nil
}

// cellFormats is the number of cell formats (styles) of f's style sheet.
func cellFormats(f *excelize.File) int {
	v := reflect.ValueOf(f.Styles)
	if v.IsNil() {
		return -1
	}
	xfs := v.Elem().FieldByName("CellXfs")
	if !xfs.IsValid() || xfs.Kind() != reflect.Pointer || xfs.IsNil() {
		return -1
	}
	xf := xfs.Elem().FieldByName("Xf")
	if !xf.IsValid() || xf.Kind() != reflect.Slice {
		return -1
	}
	return xf.Len()
}

// capturedParts is a zip writer that keeps the parts, uncompressed.
type capturedParts map[string]*bytes.Buffer

func (c capturedParts) Create(name string) (io.Writer, error) {
	b := new(bytes.Buffer)
	c[name] = b
	return b, nil
}

func (c capturedParts) AddFS(fs.FS) error { return errors.New("non previsto") }
func (c capturedParts) Close() error      { return nil }
