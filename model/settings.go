package model

import (
	"fmt"
	"strings"
)

// Method is how support costs are moved on in stage 3 (docs/metodo.md).
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
	// checked against the map and the drivers.
	Overrides Overrides
}

// Overrides are settings given on the command line (--method,
// --support-driver), which prevail over the settings file.
type Overrides struct {
	Method         Method          // "" when not given
	SupportDrivers []SupportDriver // in the order given; a later one for the same tema wins
}

// IsZero reports whether no override is given.
func (o Overrides) IsZero() bool { return o.Method == "" && len(o.SupportDrivers) == 0 }

// Args renders the overrides as the command-line options that give them
// ("--method scalare", "--support-driver B2=mq"): how the manifest records
// them and the Metodo sheet shows them. ParseOverrideArgs reads them back.
func (o Overrides) Args() []string {
	var args []string
	if o.Method != "" {
		args = append(args, "--method "+string(o.Method))
	}
	for _, d := range o.SupportDrivers {
		args = append(args, "--support-driver "+string(d.Tema)+"="+d.Driver)
	}
	return args
}

// ParseOverrides reads the values of --method and --support-driver as a
// user typed them. It checks their form only; whether a tema and a driver
// exist depends on the map and the data, which inputs checks.
func ParseOverrides(method string, supportDrivers []string) (Overrides, error) {
	var o Overrides
	if method != "" {
		m, err := ParseMethod(method)
		if err != nil {
			return Overrides{}, fmt.Errorf("opzione --method: %w", err)
		}
		o.Method = m
	}
	for _, sd := range supportDrivers {
		tema, driver, ok := strings.Cut(sd, "=")
		tema, driver = strings.TrimSpace(tema), strings.TrimSpace(driver)
		if !ok || tema == "" || driver == "" {
			return Overrides{}, fmt.Errorf("opzione --support-driver %q: scrivere TEMA=DRIVER, es. B2=mq", sd)
		}
		o.SupportDrivers = append(o.SupportDrivers, SupportDriver{Tema: Code(tema), Driver: driver})
	}
	return o, nil
}

// ParseOverrideArgs reads overrides rendered by Args.
func ParseOverrideArgs(args []string) (Overrides, error) {
	var method string
	var drivers []string
	for _, a := range args {
		switch flag, value, _ := strings.Cut(a, " "); flag {
		case "--method":
			method = value
		case "--support-driver":
			drivers = append(drivers, value)
		default:
			return Overrides{}, fmt.Errorf("opzione registrata non riconosciuta: %q", a)
		}
	}
	return ParseOverrides(method, drivers)
}

// Origin says in words where the settings come from: the file, the
// command line, both, or the defaults.
func (s Settings) Origin() string {
	var from []string
	if s.Source != "" {
		from = append(from, "file "+s.Source)
	}
	if !s.Overrides.IsZero() {
		from = append(from, "riga di comando ("+strings.Join(s.Overrides.Args(), " ")+")")
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
