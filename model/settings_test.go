package model

import (
	"reflect"
	"testing"
)

func TestParseOverrides(t *testing.T) {
	tests := []struct {
		method  string
		drivers []string
		want    Overrides
		err     string
	}{
		{"", nil, Overrides{}, ""},
		{" Scalare ", []string{"B2=mq", " A1 = pratiche "}, Overrides{Method: MethodScalare, SupportDrivers: []SupportDriver{{"B2", "mq"}, {"A1", "pratiche"}}}, ""},
		{"a caso", nil, Overrides{}, `opzione --method: metodo "a caso" sconosciuto: usare diretto, scalare o reciproco`},
		{"", []string{"B2"}, Overrides{}, `opzione --support-driver "B2": scrivere TEMA=DRIVER, es. B2=mq`},
		{"", []string{"=mq"}, Overrides{}, `opzione --support-driver "=mq": scrivere TEMA=DRIVER, es. B2=mq`},
	}
	for _, tt := range tests {
		got, err := ParseOverrides(tt.method, tt.drivers)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("ParseOverrides(%q, %q) error = %v, want %s", tt.method, tt.drivers, err, tt.err)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseOverrides(%q, %q) = %+v, %v; want %+v", tt.method, tt.drivers, got, err, tt.want)
		}
	}
}

func TestOverrideArgsRoundTrip(t *testing.T) {
	o := Overrides{Method: MethodReciproco, SupportDrivers: []SupportDriver{{"B2", "mq"}, {"A1", "personale"}}}
	args := o.Args()
	want := []string{"--method reciproco", "--support-driver B2=mq", "--support-driver A1=personale"}
	if !reflect.DeepEqual(args, want) {
		t.Fatalf("Args() = %q, want %q", args, want)
	}
	back, err := ParseOverrideArgs(args)
	if err != nil || !reflect.DeepEqual(back, o) {
		t.Errorf("ParseOverrideArgs(%q) = %+v, %v; want %+v", args, back, err, o)
	}
	if _, err := ParseOverrideArgs([]string{"--metodo x"}); err == nil {
		t.Error("ParseOverrideArgs accepted an unknown option")
	}
}
