package inputs

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// A workbook stores a date or a time as a number, the days since 1900 (or
// 1904) with the time of day as a fraction; only the cell's number format
// tells it from an amount. dateFormat says what a format shows of that
// number.
type dateFormat uint8

const (
	fmtDate    dateFormat = 1 << iota // day, month or year
	fmtTime                           // hours, minutes or seconds
	fmtSeconds                        // seconds shown
	fmtElapsed                        // [h]: hours past 24
)

// builtinFormats are the built-in number formats that show dates and
// times (ECMA-376 §18.8.30): 14-17 dates, 18-21 times, 22 both, 45-47
// minutes and seconds.
var builtinFormats = map[int]dateFormat{
	14: fmtDate, 15: fmtDate, 16: fmtDate, 17: fmtDate,
	18: fmtTime, 19: fmtTime | fmtSeconds, 20: fmtTime, 21: fmtTime | fmtSeconds,
	22: fmtDate | fmtTime,
	45: fmtTime | fmtSeconds, 46: fmtTime | fmtSeconds | fmtElapsed, 47: fmtTime | fmtSeconds,
}

// classifyFormat reads a custom format code: the codes d, m, y, h and s
// outside quoted text, escapes (\d), padding and fills (_x, *x) and
// brackets ([Red], [$-410], [>=100]) make it a date or time format;
// [h], [mm] and [ss] are elapsed time. An m next to no h or s is a month.
func classifyFormat(code string) dateFormat {
	var f dateFormat
	month := false
	lower := strings.ToLower(code)
	for i := 0; i < len(lower); i++ {
		switch c := lower[i]; c {
		case '"':
			if j := strings.IndexByte(lower[i+1:], '"'); j >= 0 {
				i += j + 1
			} else {
				i = len(lower)
			}
		case '\\', '_', '*':
			i++
		case '[':
			j := strings.IndexByte(lower[i+1:], ']')
			if j < 0 {
				return f
			}
			if in := lower[i+1 : i+1+j]; in != "" && strings.Trim(in, "hms") == "" {
				f |= fmtTime | fmtElapsed
				if strings.Contains(in, "s") {
					f |= fmtSeconds
				}
			}
			i += j + 1
		case 'g':
			if strings.HasPrefix(lower[i:], "general") {
				i += len("general") - 1
			}
		case 'd', 'y':
			f |= fmtDate
		case 'h':
			f |= fmtTime
		case 's':
			f |= fmtTime | fmtSeconds
		case 'm':
			month = true
		}
	}
	if month && f&fmtTime == 0 {
		f |= fmtDate
	}
	return f
}

// excelMaxSerial is 31/12/9999, the last date Excel shows.
const excelMaxSerial = 2958465

// showDate writes the serial number v as Excel shows it under format f,
// the Italian way: 12/03/2025, 18:00, 12/03/2025 18:00. ok is false when
// Excel shows no date for it (negative, or beyond 9999).
func showDate(v float64, f dateFormat, date1904 bool) (string, bool) {
	if v < 0 || v >= excelMaxSerial+1 || math.IsNaN(v) {
		return "", false
	}
	days := math.Floor(v)
	secs := math.Round((v - days) * 86400)
	if secs >= 86400 {
		days, secs = days+1, 0
	}
	var parts []string
	if f&fmtDate != 0 {
		var d string
		switch {
		case date1904:
			d = time.Date(1904, 1, 1+int(days), 0, 0, 0, 0, time.UTC).Format("02/01/2006")
		case days == 0:
			d = "00/01/1900"
		case days == 60:
			d = "29/02/1900" // Excel keeps Lotus 1-2-3's leap day
		case days < 60:
			d = time.Date(1899, 12, 31+int(days), 0, 0, 0, 0, time.UTC).Format("02/01/2006")
		default:
			d = time.Date(1899, 12, 30+int(days), 0, 0, 0, 0, time.UTC).Format("02/01/2006")
		}
		parts = append(parts, d)
	}
	if f&fmtTime != 0 {
		s := int(secs)
		h := s / 3600
		if f&fmtElapsed != 0 {
			h += 24 * int(days)
		}
		t := fmt.Sprintf("%02d:%02d", h, s/60%60)
		if f&fmtSeconds != 0 {
			t += fmt.Sprintf(":%02d", s%60)
		}
		parts = append(parts, t)
	}
	return strings.Join(parts, " "), true
}

// dateWords names what a date format shows, for a message.
func dateWords(f dateFormat) string {
	switch {
	case f&fmtDate != 0 && f&fmtTime != 0:
		return "una data e ora"
	case f&fmtDate != 0:
		return "una data"
	}
	return "un'ora"
}
