// Package inputs reads and validates a run folder (docs/ingressi.md) into a
// model.Inputs: the staff, their time and pay, the ledger, the drivers,
// volumes and context, the process map and the run settings.
//
// # Where tables come from
//
// Each table is NAME.csv or a sheet NAME of any .xlsx file of the folder.
// File, sheet, column and contesto key names are matched ignoring case,
// accents, surrounding spaces and the difference between '_', '-' and
// space: the sheet "Contabilità" is the contabilita table, the column
// "Quantità" is quantita. The same table found twice is an error naming
// both places. Other .csv and .xlsx files and other sheets are ignored
// with a warning; an .xls file is an error (it cannot be read, and the
// controller surely meant it to be). Hidden files and Excel's lock files
// (~$name.xlsx) are skipped. The settings file is camcost.toml
// (docs/ingressi.md). A name that would be read must be a regular file or a
// symbolic link to one: a folder, FIFO, device or broken link so named is
// an error, and is never opened (a FIFO would block the run).
//
// Every file read is listed in Inputs.Files with the SHA-256 of exactly the
// bytes parsed (a CSV file is hashed as it is streamed), so that an auditor
// can check a run against its inputs.
//
// # Numbers
//
// Money and quantities are exact decimals. A CSV file separated by ';'
// writes numbers the Italian way (1.234,56 or 1234,56: dots only between
// groups of three digits); one separated by ',' writes them plainly
// (1234.56, no thousands separator). A number that does not fit its file's
// convention is an error, never a guess: "1234.56" in a ';' file, "12,5" in
// a ',' file, "1.23.4", "12,34,5". In a workbook a numeric cell is read as
// its stored double rounded to 15 significant digits, the precision Excel
// itself works with (1234.5600000000001 is 1234.56); a text cell holding a
// number follows the Italian convention. Numbers have at most 30 digits,
// written as text or stored in exponent form (1E+308 and 1E-308 are
// refused). A euro amount (contabilita, retribuzioni) has at most two
// decimals: as written in text (380.000 has three, and in a ',' file is
// an error, not 380 thousand), as Excel shows a numeric cell (to 15
// digits: 0.30000000000000004 is 0.3). A numeric cell formatted as a date
// or time (built-in formats 14-22 and 45-47, or a custom format with d, m,
// y, h or s outside quotes and brackets) in a numeric column is an error
// that shows the date as Excel does. A control character in CSV text
// (C0 but tab and line breaks, DEL, C1) is an error with the cell; a
// workbook cannot hold C0.
//
// # Workbooks
//
// Workbooks are read from their zip parts directly, not with excelize: a
// worksheet is streamed by a small XML scanner (xmlScanner) that gives
// each cell's type, so a numeric cell is told from a text cell holding
// digits, in memory that does not grow with the rows, four times faster
// than encoding/xml and with one allocation a row instead of ninety;
// tests hold it to encoding/xml. Encrypted
// (password-protected) workbooks and old .xls files renamed .xlsx are
// recognised and refused with a message saying what to do.
//
// Every part read is read to its end, where its CRC is checked: a part
// altered on disk is an error. Cell and row references must go forward
// within their row and the sheet. A formula whose result the file does not
// store is an error saying how to get it stored. A merged header cell, or
// a column holding values under no name (in a CSV file too), is an error;
// so is a CSV row longer than its header, even by empty values. Hidden
// rows and sheets are read, as Excel's SUM counts them, and named in
// warnings and in Inputs.Hidden. The shared strings of all the workbooks
// of a folder, held in memory, are bounded in count and bytes.
//
// # Problems and warnings
//
// Read collects every problem, sorted by file, sheet, row and column, and
// returns them at once as a model.Problems; each names file, sheet, row
// (as a spreadsheet shows it: the header is row 1, blank rows count) and
// column (with its letter in a workbook). Problems about a person as a
// whole point at a row: one without time at their personale row; one whose
// percentages do not sum to 100 (within 0.01), or whose hours sum to zero,
// at their first tempi row. Past Limits.MaxProblems problems the rest are
// only counted. Warnings (unknown
// columns, ignored files, a payroll total that differs from the ledger's
// personale voce, duplicated driver quantities) come back in
// Inputs.Warnings and do not stop a run.
//
// # Size
//
// Tables are streamed: the time sheet is summed into one booking per
// person and code as it is read, so memory grows with people and nodes,
// never with rows. The text of personale, the payroll and the time sheet
// in CSV is not copied (their fields are views of the read buffer, and
// what is kept is copied), their numbers are parsed and summed in 64-bit
// fixed point, and exact decimals are made only past it or for the values
// kept, equal values sharing one. Limits bound file sizes, decompressed
// workbook parts (against zip bombs), rows, columns and cells;
// DefaultLimits documents the defaults.
package inputs
