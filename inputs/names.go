package inputs

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// foldName reduces a name (of a table, column, sheet, voce, driver or
// contesto key) to the form it is matched in: lower case, accents removed,
// runs of spaces, '_' and '-' turned into one '_', none at either end. So
// "Unità", "unita" and " UNITA " match, and so do "imprese attive",
// "Imprese-Attive" and "imprese_attive".
func foldName(s string) string {
	if isFolded(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	sep := false
	for _, r := range s {
		switch {
		case r == ' ' || r == '_' || r == '-' || r == '\t' || r == '\u00a0':
			sep = b.Len() > 0
			continue
		case r >= 0x300 && r <= 0x36f:
			// Combining accent, as in decomposed (NFD) file names.
			continue
		}
		if sep {
			b.WriteByte('_')
			sep = false
		}
		b.WriteRune(unaccent(unicode.ToLower(r)))
	}
	return b.String()
}

// isFolded reports whether foldName would return s unchanged, the common
// case, so that it needs no allocation.
func isFolded(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '.', c == ':':
		case c == '_':
			if i == 0 || i == len(s)-1 || s[i-1] == '_' {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// unaccent maps the accented lower-case letters of Italian and its
// neighbours to their base letter.
func unaccent(r rune) rune {
	if r < utf8.RuneSelf {
		return r
	}
	switch r {
	case 'à', 'á', 'â', 'ã', 'ä', 'å':
		return 'a'
	case 'è', 'é', 'ê', 'ë':
		return 'e'
	case 'ì', 'í', 'î', 'ï':
		return 'i'
	case 'ò', 'ó', 'ô', 'õ', 'ö':
		return 'o'
	case 'ù', 'ú', 'û', 'ü':
		return 'u'
	case 'ç':
		return 'c'
	case 'ñ':
		return 'n'
	}
	return r
}

// columnLetters returns the spreadsheet letters of the 0-based column i
// (0 is A, 26 is AA).
func columnLetters(i int) string {
	var buf [8]byte
	n := len(buf)
	for i++; i > 0; i = (i - 1) / 26 {
		n--
		buf[n] = byte('A' + (i-1)%26)
	}
	return string(buf[n:])
}

// trim is strings.TrimSpace with a fast path for the common case of
// nothing to trim.
func trim(s string) string {
	if len(s) == 0 || s[0] > ' ' && s[0] < utf8.RuneSelf && s[len(s)-1] > ' ' && s[len(s)-1] < utf8.RuneSelf {
		return s
	}
	return strings.TrimSpace(s)
}
