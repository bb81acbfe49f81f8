package inputs

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"camcost/model"
)

// settingsDoc is the settings file as TOML (docs/ingressi.md, settings).
type settingsDoc struct {
	Metodo         string            `toml:"metodo"`
	DriverSupporto map[string]string `toml:"driver_supporto"`
}

// readSettings reads camcost.toml when present and applies the overrides
// of Options.
func (rd *reader) readSettings() {
	s := model.DefaultSettings()
	drivers := map[model.Code]string{}
	if rd.setName != "" {
		rd.readSettingsFile(&s, drivers)
	}
	// Overrides come from the command line: their problems have no
	// position and say which option they are about.
	if m := rd.opt.Overrides.Method; m != "" {
		s.Method = m
		s.Overrides.Method = m
	}
	for _, o := range rd.opt.Overrides.SupportDrivers {
		where := fmt.Sprintf("opzione --support-driver %q", string(o.Tema)+"="+o.Driver)
		if code, name, ok := rd.supportDriver(model.Position{}, where, string(o.Tema), o.Driver); ok {
			drivers[code] = name
			s.Overrides.SupportDrivers = append(s.Overrides.SupportDrivers, model.SupportDriver{Tema: code, Driver: name})
		}
	}
	for tema, d := range drivers {
		s.SupportDrivers = append(s.SupportDrivers, model.SupportDriver{Tema: tema, Driver: d})
	}
	slices.SortFunc(s.SupportDrivers, func(a, b model.SupportDriver) int { return model.CompareCodes(a.Tema, b.Tema) })
	rd.in.Settings = s
}

func (rd *reader) readSettingsFile(s *model.Settings, drivers map[model.Code]string) {
	name := rd.setName
	pos := model.Position{File: name}
	f, err := rd.fsys.Open(name)
	if err != nil {
		rd.ioErr = fmt.Errorf("lettura di %s: %w", name, err)
		return
	}
	data, err := io.ReadAll(io.LimitReader(f, settingsMaxBytes+1))
	f.Close()
	if err != nil {
		rd.ioErr = fmt.Errorf("lettura di %s: %w", name, err)
		return
	}
	sum := sha256.Sum256(data)
	rd.files[name] = &model.InputFile{Name: name, SHA256: hex.EncodeToString(sum[:]), Size: int64(len(data)), Tables: []string{}}
	s.Source = name
	if len(data) > settingsMaxBytes {
		rd.errorf(pos, "il file di impostazioni è troppo grande (oltre %s)", megabytes(settingsMaxBytes))
		return
	}
	var doc settingsDoc
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&doc)
	if err != nil {
		p := pos
		var msg string
		p.Row, msg = settingsSyntax(err)
		rd.errorf(p, "impostazioni non valide: %s", msg)
		return
	}
	if t := md.Type("driver_supporto"); t != "" && t != "Hash" {
		// The library leaves a value where a table belongs undecoded
		// without a word.
		p := pos
		p.Row = keyLine(data, toml.Key{"driver_supporto"})
		rd.errorf(p, "driver_supporto è una sezione: scrivere [driver_supporto] su una riga e sotto un tema per riga, es. B2 = \"mq\"")
	}
	var unknown []toml.Key
	for _, k := range md.Undecoded() {
		// Report a table, not each of its keys.
		if len(unknown) > 0 && isPrefix(unknown[len(unknown)-1], k) {
			continue
		}
		unknown = append(unknown, k)
		p := pos
		p.Row = keyLine(data, k)
		rd.errorf(p, "chiave %q sconosciuta: le impostazioni ammesse sono metodo e [driver_supporto]", k.String())
	}
	if md.IsDefined("metodo") {
		if m, err := model.ParseMethod(doc.Metodo); err != nil {
			p := pos
			p.Row = keyLine(data, toml.Key{"metodo"})
			rd.errorf(p, "%v", err)
		} else {
			s.Method = m
		}
	}
	temi := make([]string, 0, len(doc.DriverSupporto))
	for k := range doc.DriverSupporto {
		temi = append(temi, k)
	}
	slices.Sort(temi)
	lines := map[model.Code]int{}
	for _, tema := range temi {
		p := pos
		p.Row = keyLine(data, toml.Key{"driver_supporto", tema})
		where := fmt.Sprintf("[driver_supporto] %s = %q", tema, doc.DriverSupporto[tema])
		if code, d, ok := rd.supportDriver(p, where, tema, doc.DriverSupporto[tema]); ok {
			// b2 and B2 are two keys for TOML but one tema: which one
			// should win is the controller's to say.
			if first, dup := lines[code]; dup {
				rd.errorf(p, "%s: il tema %s ha già un driver alla riga %d: tenerne uno solo", where, code, first)
				continue
			}
			lines[code] = p.Row
			drivers[code] = d
		}
	}
}

// supportDriver checks that tema is a support tema of the map and driver a
// driver the run knows; where says where the pair was given.
func (rd *reader) supportDriver(pos model.Position, where, tema, driver string) (model.Code, string, bool) {
	ok := true
	code := model.Code(strings.TrimSpace(tema))
	if rd.m != nil {
		i, found := rd.lookupCode(string(code))
		switch {
		case !found:
			rd.errorf(pos, "%s: il tema %s non esiste nella mappa dei processi", where, tema)
			ok = false
		case rd.m.At(i).Level != model.LevelTema:
			rd.errorf(pos, "%s: %s non è un tema (è di livello %s): indicare un tema, es. B2", where, tema, rd.m.At(i).Level)
			ok = false
		default:
			code = rd.m.At(i).Code
			if macro := rd.m.At(rd.m.Macro(i)).Code; macro != "A" && macro != "B" {
				rd.errorf(pos, "%s: il tema %s non è di supporto: solo i temi delle macro funzioni A e B ribaltano i loro costi", where, code)
				ok = false
			}
		}
	}
	name := foldName(driver)
	if name != model.DriverFTE && name != model.DriverPersonale && !rd.drivers[name] && rd.driversKnown() {
		rd.errorf(pos, "%s: driver %q sconosciuto per il tema %s: usare fte, personale o un driver della tabella driver", where, driver, tema)
		ok = false
	}
	return code, name, ok
}

func isPrefix(prefix, k toml.Key) bool {
	return len(prefix) < len(k) && slices.Equal(prefix, k[:len(prefix)])
}

// keyLine finds the line of a key in a TOML document, 0 when it cannot
// tell: the library reports lines of syntax errors only. It knows the
// shapes a settings file takes: "key = value" under a [table] header, a
// dotted "table.key = value" and the header of a table itself.
func keyLine(data []byte, k toml.Key) int {
	var table []string
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "[") {
			name := strings.Trim(strings.TrimSpace(strings.SplitN(line, "#", 2)[0]), "[]")
			table = splitKey(name)
			if slices.Equal(table, []string(k)) {
				return i + 1
			}
			continue
		}
		lhs, _, found := strings.Cut(line, "=")
		if !found {
			continue
		}
		full := append(slices.Clone(table), splitKey(lhs)...)
		if slices.Equal(full, []string(k)) || isPrefix(k, full) {
			return i + 1
		}
	}
	return 0
}

// splitKey splits a dotted TOML key, unquoting its parts.
func splitKey(s string) []string {
	var (
		out   []string
		part  strings.Builder
		quote byte
	)
	flush := func() {
		p := strings.TrimSpace(part.String())
		if u, err := strconv.Unquote(p); err == nil {
			p = u
		} else {
			p = strings.Trim(p, "'")
		}
		out = append(out, p)
		part.Reset()
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0 && c == quote:
			quote = 0
		case quote == 0 && (c == '"' || c == '\''):
			quote = c
		case quote == 0 && c == '.':
			flush()
			continue
		}
		part.WriteByte(c)
	}
	flush()
	return out
}
