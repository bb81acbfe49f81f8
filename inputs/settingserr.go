package inputs

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
)

// tomlMessages put the TOML library's messages about the mistakes people
// make in a settings file in Italian: a controller edits camcost.toml in
// a text editor and reads only Italian. The patterns are compiled when a
// settings file first has a mistake (tomlPatterns), not at every start.
var tomlMessages = []struct {
	pattern string
	text    func(m []string) string
}{
	{`^expected value but found (.+) instead$`, func(m []string) string {
		return fmt.Sprintf("dopo \"=\" serve un valore e %s non lo è: i testi vanno tra virgolette diritte, es. metodo = \"diretto\"", quoteOf(m[1]))
	}},
	{`^unexpected EOF; expected value$`, func([]string) string {
		return "manca il valore dopo \"=\", es. metodo = \"diretto\""
	}},
	{`^strings cannot contain newlines$`, func([]string) string {
		return "virgolette non chiuse: un testo va chiuso sulla stessa riga, es. metodo = \"diretto\""
	}},
	{`^unexpected EOF; expected ["'"]`, func([]string) string {
		return "virgolette non chiuse: un testo va chiuso sulla stessa riga, es. metodo = \"diretto\""
	}},
	{`^expected '\.' or '\]' to end table name`, func([]string) string {
		return "il nome della sezione non è chiuso: scrivere [driver_supporto] su una riga a sé"
	}},
	{`^expected '\.' or '=', but got (.+) instead$`, func(m []string) string {
		return fmt.Sprintf("manca \"=\" tra la chiave e il valore (trovato %s), es. metodo = \"diretto\"", quoteOf(m[1]))
	}},
	{`^unexpected EOF; expected key separator '='$`, func([]string) string {
		return "manca \"=\" tra la chiave e il valore, es. metodo = \"diretto\""
	}},
	{`^expected a top-level item to end with a newline, comment, or EOF, but got (.+) instead$`, func(m []string) string {
		return fmt.Sprintf("testo in più dopo il valore (%s): un'impostazione per riga, e i commenti iniziano con #", quoteOf(m[1]))
	}},
	{`^invalid UTF-8 byte: (0x[0-9a-f]+)$`, func(m []string) string {
		return fmt.Sprintf("il testo non è in UTF-8 (byte %s, forse una lettera accentata): salvare il file con codifica UTF-8", m[1])
	}},
	{`^files cannot contain NULL bytes`, func([]string) string {
		return "il file è in UTF-16: salvarlo con codifica UTF-8"
	}},
	{`^TOML files cannot contain control characters`, func([]string) string {
		return "il file contiene un carattere di controllo: salvarlo come testo semplice in UTF-8"
	}},
	{`^Key '(.+)' has already been defined\.$`, func(m []string) string {
		if table, key, ok := strings.Cut(m[1], "."); ok {
			return fmt.Sprintf("%s compare due volte in [%s]: tenerne una sola", key, table)
		}
		return fmt.Sprintf("%s compare due volte: tenerne una sola", m[1])
	}},
	{`^invalid escape`, func([]string) string {
		return "una barra rovesciata (\\) in un testo tra virgolette: toglierla, oppure usare le virgolette semplici ('...')"
	}},
	{`incompatible types: TOML value has type map\S*; destination has type string$`, func([]string) string {
		return "sotto [driver_supporto] le chiavi sono codici di tema senza punti, es. B2 = \"mq\""
	}},
	{`\(last key "([^"]+)"\): incompatible types: TOML value has type \S+; destination has type string$`, func(m []string) string {
		key, example := m[1][strings.LastIndexByte(m[1], '.')+1:], "fte"
		if key == "metodo" {
			example = "diretto"
		}
		return fmt.Sprintf("il valore di %s va scritto tra virgolette, es. %s = %q", key, key, example)
	}},
	{`incompatible types: TOML value has type \S+; destination has type map`, func([]string) string {
		return "driver_supporto è una sezione: scrivere [driver_supporto] su una riga e sotto un tema per riga, es. B2 = \"mq\""
	}},
}

// tomlPatterns are the compiled patterns of tomlMessages, in order, and
// last the one that finds the line in a decoding error of the library.
var tomlPatterns = sync.OnceValue(func() []*regexp.Regexp {
	res := make([]*regexp.Regexp, 0, len(tomlMessages)+1)
	for _, t := range tomlMessages {
		res = append(res, regexp.MustCompile(t.pattern))
	}
	return append(res, regexp.MustCompile(`line (\d+)`))
})

// settingsSyntax turns an error of the TOML library into a line number
// (0 when unknown) and an Italian message.
func settingsSyntax(err error) (int, string) {
	line, msg := 0, strings.TrimPrefix(err.Error(), "toml: ")
	patterns := tomlPatterns()
	var pe toml.ParseError
	if errors.As(err, &pe) {
		line, msg = pe.Position.Line, pe.Message
	} else if m := patterns[len(tomlMessages)].FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
	}
	for i, t := range tomlMessages {
		if m := patterns[i].FindStringSubmatch(msg); m != nil {
			return line, t.text(m)
		}
	}
	return line, "riga non valida: un'impostazione si scrive chiave = \"valore\" (es. metodo = \"diretto\"), una sezione [driver_supporto] su una riga a sé"
}

// quoteOf renders what the library quoted (with " or ') the Italian way.
func quoteOf(s string) string {
	if len(s) >= 2 && (s[0] == '\'' && s[len(s)-1] == '\'' || s[0] == '"' && s[len(s)-1] == '"') {
		s = s[1 : len(s)-1]
	}
	if s == `\n` {
		return "la fine della riga"
	}
	return strconv.Quote(s)
}
