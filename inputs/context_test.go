package inputs

import (
	"reflect"
	"testing"

	"camcost/model"
)

// TestContextTyped reads contesto tables and checks the typed fields: the
// values are parsed once here, the way each file format writes them.
func TestContextTyped(t *testing.T) {
	count := func(s string) model.Count { return model.Count{Value: dec(s), Given: true} }
	for _, tc := range []struct {
		name, file string
		want       model.Context
	}{
		{"plain", "chiave,valore\nEnte,CCIAA di Prova\nanno,2024\nimprese_registrate,15000\nimprese_attive,12345\ncluster, media \n",
			model.Context{Ente: "CCIAA di Prova", Anno: 2024, ImpreseAttive: count("12345"), ImpreseRegistrate: count("15000"), Cluster: "media",
				Keys: []string{"ente", "anno", "imprese_registrate", "imprese_attive", "cluster"}}},
		{"italian", "chiave;valore\nimprese_attive;41.250\nimprese registrate;48.900,00\nanno;02025\n",
			model.Context{Anno: 2025, ImpreseAttive: count("41250"), ImpreseRegistrate: count("48900"),
				Keys: []string{"imprese_attive", "imprese_registrate", "anno"}}},
		{"blank values", "chiave,valore\nente,\nanno,\nimprese_attive,\ncluster,\n",
			model.Context{Keys: []string{"ente", "anno", "imprese_attive", "cluster"}}},
		{"zero imprese", "chiave,valore\nimprese_attive,0\n",
			model.Context{ImpreseAttive: count("0"), Keys: []string{"imprese_attive"}}},
		{"other keys in order", "chiave,valore\nreferente,Ufficio controllo\nente,X\nnumero sedi,3\n",
			model.Context{Ente: "X", Keys: []string{"referente", "ente", "numero_sedi"}, Other: []model.ContextEntry{
				{Key: "referente", Value: "Ufficio controllo", Pos: model.Position{File: "contesto.csv", Row: 2}},
				{Key: "numero_sedi", Value: "3", Pos: model.Position{File: "contesto.csv", Row: 4}},
			}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := validFolder()
			f["contesto.csv"] = tc.file
			in, err := readFolder(t, f, Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := normalize(in).Context
			want := normalize(&model.Inputs{Context: tc.want}).Context
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got %+v\nwant %+v", got, want)
			}
		})
	}
}

// TestContextEntries writes the typed fields back in input order, as the
// workbooks and validate show the table.
func TestContextEntries(t *testing.T) {
	f := validFolder()
	f["contesto.csv"] = "chiave;valore\nreferente;Ufficio\nimprese_attive;41.250\nanno;2025\nimprese_registrate;\nEnte;CCIAA\n"
	in, err := readFolder(t, f, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got [][2]string
	for _, e := range in.Context.Entries() {
		got = append(got, [2]string{e.Key, e.Value})
	}
	want := [][2]string{{"referente", "Ufficio"}, {"imprese_attive", "41250"}, {"anno", "2025"}, {"imprese_registrate", ""}, {"ente", "CCIAA"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("entries %q, want %q", got, want)
	}
}
