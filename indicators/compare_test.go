package indicators

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"camcost/internal/fixture"
)

// summaryVariant is the fixture's summary with a name, a year, a cluster
// and imprese attive of its own.
func summaryVariant(base BodySummary, name, anno, cluster string, source ClusterSource, imprese string) BodySummary {
	s := base
	s.Name, s.Anno, s.Cluster, s.ClusterSource = name, anno, cluster, source
	s.HasImprese = imprese != ""
	s.ImpreseAttive = decimal.Zero
	if s.HasImprese {
		s.ImpreseAttive = fixture.Dec(imprese)
	}
	return s
}

// TestCompareClusters checks how bodies are grouped: cluster names
// compared without case and spacing, clusters in order of their smallest
// body, those without imprese attive after, the unclassified bodies last
// and never merged with a cluster of the same name.
func TestCompareClusters(t *testing.T) {
	base := Summarize(fixture.Result(t), fixtureRun)
	c, err := Compare([]BodySummary{
		summaryVariant(base, "f", "2025", "grande", ClusterDeclared, "150000"),
		summaryVariant(base, "e", "2025", Unclassified, ClusterUnclassified, ""),
		summaryVariant(base, "d", "2025", "non classificato", ClusterDeclared, ""),
		summaryVariant(base, "c", "2024", " Media", ClusterDeclared, "60000"),
		summaryVariant(base, "b", "2025", "media ", ClusterDeclared, "52000"),
		summaryVariant(base, "a", "", "fino a 40.000 imprese attive", ClusterBySize, "30000"),
	})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for k, cl := range c.Clusters {
		var names []string
		for _, i := range cl.Members {
			names = append(names, c.Bodies[i].Name)
			if c.Of[i] != k {
				t.Errorf("body %s is in cluster %d, Of says %d", c.Bodies[i].Name, k, c.Of[i])
			}
		}
		got = append(got, fmt.Sprintf("%s=%s (%s) %s-%s", cl.Name, strings.Join(names, ","), cl.Definition(), cl.MinImprese, cl.MaxImprese))
	}
	want := []string{
		"fino a 40.000 imprese attive=a (classe di camcost, ricavata da imprese_attive) 30000-30000",
		"media=b,c (dichiarato nella tabella contesto) 52000-60000",
		"grande=f (dichiarato nella tabella contesto) 150000-150000",
		"non classificato=d (dichiarato nella tabella contesto) 0-0",
		"non classificato=e (senza cluster né imprese attive nella tabella contesto) 0-0",
	}
	if !slices.Equal(got, want) {
		t.Errorf("clusters:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got, want := c.Years, []string{"", "2024", "2025"}; !slices.Equal(got, want) {
		t.Errorf("years %q, want %q", got, want)
	}
	// Imprese attive: four bodies have them; the unclassified body has
	// no rank in a cluster.
	if got, want := fmt.Sprint(c.Imprese.OK, c.Imprese.RankAll, c.Imprese.RankCluster), "[true true true false false true] [1 2 3 0 0 4] [1 1 2 0 0 1]"; got != want {
		t.Errorf("imprese ok, ranks %s, want %s", got, want)
	}
	if d := c.Imprese.All; d.Bodies != 6 || d.Values != 4 || !d.Median.Equal(fixture.Dec("56000")) {
		t.Errorf("imprese over all bodies %+v, want 6 bodies, 4 values, median 56000", d)
	}
}

func TestCompareErrors(t *testing.T) {
	base := Summarize(fixture.Result(t), fixtureRun)
	if _, err := Compare(nil); !errors.Is(err, ErrNoBodies) {
		t.Errorf("no bodies: %v, want ErrNoBodies", err)
	}
	if _, err := Compare([]BodySummary{base, base}); err == nil || !strings.Contains(err.Error(), `"03-esempio"`) {
		t.Errorf("two bodies named 03-esempio: %v", err)
	}
}

// TestCompareIndicators checks that every indicator of the whole body is
// compared, with the values the bodies' summaries give.
func TestCompareIndicators(t *testing.T) {
	base := Summarize(fixture.Result(t), fixtureRun)
	without := summaryVariant(base, "b", "2025", Unclassified, ClusterUnclassified, "")
	without.Indicators = slices.DeleteFunc(slices.Clone(without.Indicators), func(ind Indicator) bool { return ind.Key == KeyGradoCopertura })
	c, err := Compare([]BodySummary{summaryVariant(base, "a", "2025", "media", ClusterDeclared, "41250"), without})
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, d := range c.Indicators {
		keys = append(keys, d.Key)
	}
	want := []string{KeyCostoMedioFTE, KeyIncidenzaSupporto, KeyOneriPerImpresa, KeyPersonalePerImpresa, KeyFTEPer1000Imprese, KeyGradoCopertura}
	if !slices.Equal(keys, want) {
		t.Errorf("keys %v, want %v", keys, want)
	}
	d, ok := c.Indicator(KeyGradoCopertura)
	if !ok {
		t.Fatal("grado di copertura not compared")
	}
	if !d.OK[0] || !d.Value[0].Equal(fixture.Dec("0.925341")) || d.OK[1] || d.Reason[1] != notInSummary || d.ByBody[1] != nil {
		t.Errorf("grado di copertura: ok %v, values %v, reasons %q", d.OK, d.Value, d.Reason)
	}
	if d.Template.Name != "Grado di copertura" || len(d.Inputs) != 2 || !d.Inputs[0].Value.IsZero() {
		t.Errorf("template %q, inputs %+v", d.Template.Name, d.Inputs)
	}
	if _, ok := c.Indicator("nessuno"); ok {
		t.Error("an indicator no body has is compared")
	}
}

// TestCompareProcesses compares a body with the fixture's map and one
// whose map lacks C1.1.
func TestCompareProcesses(t *testing.T) {
	base := Summarize(fixture.Result(t), fixtureRun)
	short := summaryVariant(base, "b", "2025", "media", ClusterDeclared, "41250")
	short.Processes = slices.DeleteFunc(slices.Clone(short.Processes), func(p BodyProcess) bool { return p.Code == "C1.1" })
	short.Indicators = slices.DeleteFunc(slices.Clone(short.Indicators), func(ind Indicator) bool { return ind.Scope.Code == "C1.1" })
	c, err := Compare([]BodySummary{summaryVariant(base, "a", "2025", "media", ClusterDeclared, "41250"), short})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range c.Processes {
		got = append(got, fmt.Sprintf("%s:%v:%d", p.Code, p.Support, p.InMaps))
	}
	if want := "A1.1:true:2 B1.1:true:2 B2.1:true:2 C1.1:false:1 C1.2:false:2 D1.1:false:2 D2.1:false:2 F1.1:false:2 Z1.1:false:2"; strings.Join(got, " ") != want {
		t.Errorf("processes %s, want %s", strings.Join(got, " "), want)
	}
	p := c.Processes[3]
	if p.Formula != "costo pieno del processo ÷ imprese attive" || p.Macro != "C Trasparenza, semplificazione e tutela" {
		t.Errorf("C1.1: formula %q, macro %q", p.Formula, p.Macro)
	}
	for _, tc := range []struct {
		name string
		cmp  Compared
		want string
	}{
		{"costo pieno", p.Full, "2114815.44"},
		{"costo pieno per impresa", p.PerImpresa, "51.27"},
	} {
		if !tc.cmp.OK[0] || !tc.cmp.Value[0].Equal(fixture.Dec(tc.want)) || tc.cmp.OK[1] || tc.cmp.Reason[1] != notInMap {
			t.Errorf("%s: ok %v, values %v, reasons %q; want %s, then %q", tc.name, tc.cmp.OK, tc.cmp.Value, tc.cmp.Reason, tc.want, notInMap)
		}
		if d := tc.cmp.All; d.Values != 1 || !d.Median.Equal(fixture.Dec(tc.want)) {
			t.Errorf("%s over all bodies %+v, want one value, median %s", tc.name, d, tc.want)
		}
	}
}
