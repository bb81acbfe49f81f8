package model

import (
	"fmt"
	"strings"
)

// Method is how support costs are moved on in stage 3 (METHOD.md).
type Method string

// The three ribaltamento methods.
const (
	MethodDiretto   Method = "diretto"
	MethodScalare   Method = "scalare"
	MethodReciproco Method = "reciproco"
)

// methods lists the methods in the order they are documented.
var methods = [...]Method{MethodDiretto, MethodScalare, MethodReciproco}

// Methods returns the methods in the order they are documented. It returns
// a copy: no caller can change the list.
func Methods() [len(methods)]Method { return methods }

// ParseMethod reads a method name.
func ParseMethod(s string) (Method, error) {
	m := Method(strings.ToLower(strings.TrimSpace(s)))
	for _, k := range methods {
		if k == m {
			return m, nil
		}
	}
	return "", fmt.Errorf("metodo %q sconosciuto: usare diretto, scalare o reciproco", s)
}

// SupportDriver says that the support servizi of a tema move their cost by a
// driver other than FTE.
type SupportDriver struct {
	Tema   Code
	Driver string // fte, personale or a driver of the driver table
}

// Settings are the choices of a run that are not data: the method and the
// per-tema support drivers.
type Settings struct {
	Method         Method
	SupportDrivers []SupportDriver // sorted by tema, one per tema
	Source         string          // the settings file, "" when defaults apply
	// Overrides are the command-line options that changed the settings,
	// as written ("--method scalare", "--support-driver B2=mq").
	Overrides []string
}

// Origin says in words where the settings come from: the file, the
// command line, both, or the defaults.
func (s Settings) Origin() string {
	var from []string
	if s.Source != "" {
		from = append(from, "file "+s.Source)
	}
	if len(s.Overrides) > 0 {
		from = append(from, "riga di comando ("+strings.Join(s.Overrides, " ")+")")
	}
	if len(from) == 0 {
		return "valori predefiniti (nessun file di impostazioni)"
	}
	return strings.Join(from, " e ")
}

// DefaultSettings are the settings of a run folder without a settings file.
func DefaultSettings() Settings { return Settings{Method: MethodDiretto} }

// SupportDriverFor returns the driver for the support servizi of tema, "" for
// the default (FTE).
func (s Settings) SupportDriverFor(tema Code) string {
	for _, d := range s.SupportDrivers {
		if d.Tema == tema {
			return d.Driver
		}
	}
	return ""
}
