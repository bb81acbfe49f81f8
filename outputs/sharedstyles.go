package outputs

import (
	"errors"
	"reflect"
	"sync"

	"github.com/xuri/excelize/v2"
)

// The workbooks of a body (costi dei processi, conto economico,
// indicatori) create the same sixty styles, which excelize builds one by
// one, and save the same styles.xml and theme1.xml, which it marshals on
// every save. They are built once per process instead: the first body
// workbook creates the styles, and the others take its style sheet, read
// only; the first body workbook saved has its two parts captured as
// excelize writes them (spliceZip), and the ones saved after it store the
// captured bytes in place of marshalling them. A workbook that adds styles
// of its own (benchmarking, confronto) starts with newWorkbook instead.

var shared struct {
	once sync.Once
	err  error
	// holder holds the shared style sheet, whose type is excelize's own.
	holder excelize.File
	st     *styles
	xfs    int // cell formats of the shared style sheet

	mu        sync.Mutex
	stylesXML []byte // captured, nil until then
	themeXML  []byte
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
	f := excelize.NewFile()
	sp := new(splicer).install(f)
	sp.sharedStyles = true
	if err := docProps(f, title, subject, info); err != nil {
		f.Close()
		return nil, nil, err
	}
	first := false
	shared.once.Do(func() {
		first = true
		st, err := newStyles(f)
		if err != nil {
			shared.err = err
			return
		}
		shared.holder.Styles, shared.st, shared.xfs = f.Styles, st, cellFormats(f)
	})
	if shared.err != nil {
		f.Close()
		return nil, nil, shared.err
	}
	if !first {
		f.Styles = shared.holder.Styles
	}
	st := *shared.st
	st.sp = sp
	return f, &st, nil
}

// useSharedParts prepares f, a body workbook about to be saved: once the
// styles and theme are captured, it makes f write the captured bytes
// instead of marshalling its own; before, it reports that this save must
// capture them. It checks that nothing added a style to the shared style
// sheet.
func useSharedParts(f *excelize.File) (capture bool, err error) {
	if f.Styles != shared.holder.Styles || cellFormats(f) != shared.xfs {
		return false, errors.New("stili condivisi modificati da una cartella di lavoro")
	}
	shared.mu.Lock()
	stylesXML, themeXML := shared.stylesXML, shared.themeXML
	shared.mu.Unlock()
	if stylesXML == nil {
		return true, nil
	}
	f.Styles, f.Theme = nil, nil
	f.Pkg.Store(stylesPart, stylesXML)
	f.Pkg.Store(themePart, themeXML)
	return false, nil
}

// captureSharedParts keeps the styles and theme of a body workbook as
// excelize wrote them.
func captureSharedParts(stylesXML, themeXML []byte) {
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if shared.stylesXML == nil {
		shared.stylesXML, shared.themeXML = stylesXML, themeXML
	}
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
