package inputs

// Limits bound what Read accepts, so that an oversized file or a zip bomb
// is rejected with a clear message instead of exhausting memory or time.
// A zero field takes its default.
type Limits struct {
	// MaxFileBytes bounds a CSV file. Default 4 GiB: the time sheet of a
	// large chamber kept by day, 10 million rows, is about 300 MB, and a
	// CSV file is streamed, so the bound is on time, not memory.
	MaxFileBytes int64
	// MaxWorkbookBytes bounds an .xlsx file as stored on disk; it is held
	// in memory while it is read. Default 256 MiB: a full sheet of
	// 1,048,576 rows compresses to a few tens of MB.
	MaxWorkbookBytes int64
	// MaxUnzipBytes bounds the bytes decompressed from one workbook, all
	// parts together. Default 4 GiB, about ten full sheets of XML; a
	// zip bomb stops here.
	MaxUnzipBytes int64
	// MaxSharedStringsBytes bounds the shared strings of workbooks, which
	// are held in memory: the decompressed part of each workbook, and the
	// memory the strings of all the workbooks of a folder take together,
	// counting 16 bytes for each string besides its text (so that a small
	// file of millions of empty strings is stopped too). Default 256 MiB.
	MaxSharedStringsBytes int64
	// MaxSharedStrings bounds the number of shared strings of all the
	// workbooks of a folder together. Default 8 million: a sheet of a
	// million rows with a different description on each has a million.
	MaxSharedStrings int
	// MaxRows bounds the rows of one table. Default 50 million; a
	// worksheet cannot have more than 1,048,576 rows anyway.
	MaxRows int
	// MaxColumns bounds the columns of a row. Default 16,384, Excel's
	// limit (column XFD).
	MaxColumns int
	// MaxCellBytes bounds a line of a CSV file and the text of a workbook
	// cell. Default 1 MiB; Excel itself stops a cell at 32,767 characters.
	MaxCellBytes int
	// MaxProblems bounds the problems (and, separately, the warnings)
	// reported; the rest are counted. Default 1,000.
	MaxProblems int
}

// DefaultLimits are the limits applied where Limits fields are zero.
var DefaultLimits = Limits{
	MaxFileBytes:          4 << 30,
	MaxWorkbookBytes:      256 << 20,
	MaxUnzipBytes:         4 << 30,
	MaxSharedStringsBytes: 256 << 20,
	MaxSharedStrings:      8_000_000,
	MaxRows:               50_000_000,
	MaxColumns:            16_384,
	MaxCellBytes:          1 << 20,
	MaxProblems:           1_000,
}

// settingsMaxBytes bounds the settings file, a few lines of TOML.
const settingsMaxBytes = 1 << 20

// withDefaults returns l with zero fields set to their defaults.
func (l Limits) withDefaults() Limits {
	d := DefaultLimits
	if l.MaxFileBytes > 0 {
		d.MaxFileBytes = l.MaxFileBytes
	}
	if l.MaxWorkbookBytes > 0 {
		d.MaxWorkbookBytes = l.MaxWorkbookBytes
	}
	if l.MaxUnzipBytes > 0 {
		d.MaxUnzipBytes = l.MaxUnzipBytes
	}
	if l.MaxSharedStringsBytes > 0 {
		d.MaxSharedStringsBytes = l.MaxSharedStringsBytes
	}
	if l.MaxSharedStrings > 0 {
		d.MaxSharedStrings = l.MaxSharedStrings
	}
	if l.MaxRows > 0 {
		d.MaxRows = l.MaxRows
	}
	if l.MaxColumns > 0 {
		d.MaxColumns = l.MaxColumns
	}
	if l.MaxCellBytes > 0 {
		d.MaxCellBytes = l.MaxCellBytes
	}
	if l.MaxProblems > 0 {
		d.MaxProblems = l.MaxProblems
	}
	return d
}
