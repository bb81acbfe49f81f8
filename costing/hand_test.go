package costing

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"camcost/model"
)

// figureColumn returns the value of a costs.csv-style column of a node.
func figureColumn(f Figures, col string) string {
	switch col {
	case "fte":
		return model.FTEString(f.FTE)
	case "direct":
		return model.Euro(Total(f.Direct))
	case "from_coordination":
		return model.Euro(Total(f.FromCoordination))
	case "from_support":
		return model.Euro(Total(f.FromSupport))
	case "to_others":
		return model.Euro(Total(f.ToOthers))
	case "full":
		return model.Euro(Total(f.Full))
	}
	if v, ok := strings.CutPrefix(col, "direct_"); ok {
		return model.Euro(f.Direct[model.CostIndex(model.Voce(v))])
	}
	if v, ok := strings.CutPrefix(col, "stage1_"); ok {
		i, _ := model.VoceIndex(model.Voce(v))
		return model.Euro(f.Stage1[i])
	}
	return "?" + col
}

// TestHandComputed runs the cases of testdata, whose expected figures are
// worked out by hand in the NOTE files beside them.
func TestHandComputed(t *testing.T) {
	dirs, _ := filepath.Glob("testdata/*/expected.csv")
	if len(dirs) < 6 {
		t.Fatalf("found %d hand-computed cases, want at least 6", len(dirs))
	}
	for _, exp := range dirs {
		dir := filepath.Dir(exp)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			res, err := Compute(loadFolder(t, dir))
			if err != nil {
				t.Fatal(err)
			}
			f, err := os.Open(exp)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			recs, err := csv.NewReader(f).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range recs[1:] {
				fig, ok := res.Figures(model.Code(r[0]))
				if !ok {
					t.Fatalf("node %s not in result", r[0])
				}
				for i, col := range recs[0][1:] {
					if got, want := figureColumn(fig, col), r[i+1]; got != want {
						t.Errorf("%s %s = %s, want %s", r[0], col, got, want)
					}
				}
			}
		})
	}
}
