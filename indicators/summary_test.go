package indicators

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"camcost/costing"
	"camcost/internal/fixture"
	"camcost/model"
)

// fixtureWithContext costs the fixture chamber with its contesto changed
// by edit.
func fixtureWithContext(t *testing.T, edit func(in *model.Inputs)) *costing.Result {
	t.Helper()
	in := fixture.Inputs(t)
	edit(in)
	res, err := costing.Compute(in)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// fixtureRun names a run of the fixture chamber.
var fixtureRun = Run{Name: "03-esempio", Ente: "Camera di commercio di Esempio", Anno: "2025", RunID: "0123456789abcdef", Version: model.Version}

func TestSummarize(t *testing.T) {
	res := fixture.Result(t)
	s := Summarize(res, fixtureRun)
	if s.Run != fixtureRun {
		t.Errorf("run %+v, want %+v", s.Run, fixtureRun)
	}
	if s.Cluster != "media" || s.ClusterSource != ClusterDeclared {
		t.Errorf("cluster %q from %d, want media declared", s.Cluster, s.ClusterSource)
	}
	if !s.HasImprese || !s.ImpreseAttive.Equal(fixture.Dec("41250")) || s.ImpreseReason != "" {
		t.Errorf("imprese attive %s (%v, %q), want 41250", s.ImpreseAttive, s.HasImprese, s.ImpreseReason)
	}
	if !s.FTE.Equal(res.TotalFTE) {
		t.Errorf("FTE %s, want %s", s.FTE, res.TotalFTE)
	}
	var oneri decimal.Decimal
	for _, l := range res.Inputs.Ledger {
		if info, _ := l.Voce.Info(); info.Section == model.OneriCorrenti {
			oneri = oneri.Add(l.Importo)
		}
	}
	if !s.OneriCorrenti.Equal(oneri) {
		t.Errorf("oneri correnti %s, want the ledger's %s", s.OneriCorrenti, oneri)
	}

	// The indicators kept are those of Indicators, with the same values:
	// all of the body, costo pieno and costo pieno per impresa of the
	// processi (without inputs), nothing else.
	var want []Indicator
	for _, ind := range Indicators(res) {
		if ind.Scope.IsBody() || ind.Key == KeyCostoPieno || ind.Key == KeyCostoPienoPerImpresa {
			want = append(want, ind)
		}
	}
	if len(s.Indicators) != len(want) {
		t.Fatalf("%d indicators, want %d", len(s.Indicators), len(want))
	}
	body := 0
	for k, got := range s.Indicators {
		w := want[k]
		if got.Key != w.Key || got.Scope.Code != w.Scope.Code || !got.Value.Equal(w.Value) || got.Available != w.Available || got.Reason != w.Reason {
			t.Errorf("indicator %d = %s %s %s %v, want %s %s %s %v", k, got.Key, got.Scope.Code, got.Value, got.Available,
				w.Key, w.Scope.Code, w.Value, w.Available)
		}
		if got.Scope.IsBody() {
			body++
			if len(got.Inputs) != len(w.Inputs) {
				t.Errorf("%s: %d inputs, want %d", got.Key, len(got.Inputs), len(w.Inputs))
			}
		} else if got.Inputs != nil {
			t.Errorf("%s %s keeps its inputs", got.Key, got.Scope.Code)
		}
	}
	if body != 6 {
		t.Errorf("%d body indicators, want the 6 of Indicators", body)
	}

	// The processi in map order, the support ones marked.
	var codes []string
	for _, p := range s.Processes {
		codes = append(codes, fmt.Sprintf("%s:%v", p.Code, p.Support))
	}
	if got, want := strings.Join(codes, " "), "A1.1:true B1.1:true B2.1:true C1.1:false C1.2:false D1.1:false D2.1:false F1.1:false Z1.1:false"; got != want {
		t.Errorf("processes %s, want %s", got, want)
	}
	if p := s.Processes[3]; p.Name != "Registro delle imprese" || p.Macro != "C Trasparenza, semplificazione e tutela" {
		t.Errorf("C1.1 is %q under %q", p.Name, p.Macro)
	}
}

// TestSummarizeCluster checks where a body's cluster comes from: contesto,
// camcost's size classes, or nowhere.
func TestSummarizeCluster(t *testing.T) {
	for _, tc := range []struct {
		name    string
		edit    func(in *model.Inputs)
		cluster string
		source  ClusterSource
		note    string
	}{
		{"declared", func(in *model.Inputs) {}, "media", ClusterDeclared, "dichiarato nella tabella contesto"},
		{"by size", func(in *model.Inputs) { in.Context.Cluster = "" },
			"da 40.001 a 80.000 imprese attive", ClusterBySize, "calcolato da imprese_attive (41.250) con le classi di camcost"},
		{"unclassified", func(in *model.Inputs) { in.Context.Cluster, in.Context.ImpreseAttive = "", model.Count{} },
			Unclassified, ClusterUnclassified, "manca cluster nella tabella contesto e manca imprese_attive nella tabella contesto"},
		{"zero imprese", func(in *model.Inputs) { in.Context.Cluster, in.Context.ImpreseAttive = "", model.Count{Given: true} },
			Unclassified, ClusterUnclassified, "manca cluster nella tabella contesto e imprese_attive nella tabella contesto vale 0"},
		{"no contesto", func(in *model.Inputs) { in.Context = model.Context{} }, Unclassified, ClusterUnclassified, "manca cluster"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := fixtureWithContext(t, tc.edit)
			s := Summarize(res, Run{Name: "x"})
			if s.Cluster != tc.cluster || s.ClusterSource != tc.source || !strings.Contains(s.ClusterNote, tc.note) {
				t.Errorf("cluster %q, source %d, note %q; want %q, %d, a note with %q", s.Cluster, s.ClusterSource, s.ClusterNote,
					tc.cluster, tc.source, tc.note)
			}
			if tc.source == ClusterUnclassified {
				if s.HasImprese || s.ImpreseReason == "" {
					t.Errorf("unclassified body has imprese attive %s (%v, %q)", s.ImpreseAttive, s.HasImprese, s.ImpreseReason)
				}
				for _, ind := range s.Indicators {
					if ind.Key == KeyOneriPerImpresa && ind.Available {
						t.Errorf("oneri per impresa computed without imprese attive")
					}
				}
			}
		})
	}
}

// TestSizeClassOf checks the bounds of camcost's size classes: each upper
// bound belongs to its class.
func TestSizeClassOf(t *testing.T) {
	for _, tc := range []struct{ imprese, want string }{
		{"1", "fino a 40.000 imprese attive"},
		{"40000", "fino a 40.000 imprese attive"},
		{"40000.5", "da 40.001 a 80.000 imprese attive"},
		{"40001", "da 40.001 a 80.000 imprese attive"},
		{"80000", "da 40.001 a 80.000 imprese attive"},
		{"80001", "da 80.001 a 150.000 imprese attive"},
		{"150000", "da 80.001 a 150.000 imprese attive"},
		{"150001", "oltre 150.000 imprese attive"},
		{"2000000", "oltre 150.000 imprese attive"},
	} {
		if got := sizeClassOf(fixture.Dec(tc.imprese)); got != tc.want {
			t.Errorf("sizeClassOf(%s) = %q, want %q", tc.imprese, got, tc.want)
		}
	}
}

// TestSummaryIsSelfContained checks that a BodySummary refers to nothing
// outside itself (no pointer, map, interface or function besides the
// decimals), so that keeping it does not keep a body's result.
func TestSummaryIsSelfContained(t *testing.T) {
	dec := reflect.TypeFor[decimal.Decimal]()
	var walk func(path string, typ reflect.Type)
	walk = func(path string, typ reflect.Type) {
		switch typ.Kind() {
		case reflect.String, reflect.Bool, reflect.Int, reflect.Int32, reflect.Int64, reflect.Uint8:
		case reflect.Slice:
			walk(path+"[]", typ.Elem())
		case reflect.Struct:
			if typ == dec {
				return
			}
			for i := range typ.NumField() {
				walk(path+"."+typ.Field(i).Name, typ.Field(i).Type)
			}
		default:
			t.Errorf("%s is a %s: a summary must hold values only", path, typ.Kind())
		}
	}
	walk("BodySummary", reflect.TypeFor[BodySummary]())
}

// TestSummaryHoldsNoPersonalData prints a summary whole and looks for the
// staff's matricole and pay.
func TestSummaryHoldsNoPersonalData(t *testing.T) {
	res := fixture.Result(t)
	text := fmt.Sprintf("%+v", Summarize(res, fixtureRun))
	for _, p := range res.Inputs.People {
		for _, needle := range []string{string(p.Matricola), p.Pay.String(), p.Pay.StringFixed(2)} {
			if strings.Contains(text, needle) {
				t.Errorf("the summary shows %q of a person", needle)
			}
		}
	}
}
