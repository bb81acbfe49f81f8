package model

import (
	"slices"
	"testing"
)

// The cost voci are the voci of section Oneri correnti, in the same order,
// and VoceIndex and CostIndex find every voce where the lists put it.
func TestVoceLists(t *testing.T) {
	var oneri []Voce
	for i, v := range Voci() {
		if got, ok := VoceIndex(v.Key); !ok || got != i {
			t.Errorf("VoceIndex(%s) = %d, %v, want %d", v.Key, got, ok, i)
		}
		if v.Section == OneriCorrenti {
			oneri = append(oneri, v.Key)
		}
		if got, want := v.Key.IsCost(), v.Section == OneriCorrenti; got != want {
			t.Errorf("%s.IsCost() = %v, want %v", v.Key, got, want)
		}
	}
	cost := CostVoci()
	if got, want := cost[:], oneri; !slices.Equal(got, want) {
		t.Errorf("CostVoci() = %v, want the oneri correnti %v", got, want)
	}
	for c, v := range cost {
		if got := CostIndex(v); got != c {
			t.Errorf("CostIndex(%s) = %d, want %d", v, got, c)
		}
	}
}

func TestParseMethod(t *testing.T) {
	for _, m := range Methods() {
		got, err := ParseMethod(" " + string(m) + " ")
		if err != nil || got != m {
			t.Errorf("ParseMethod(%q) = %q, %v", m, got, err)
		}
	}
	if _, err := ParseMethod("casuale"); err == nil {
		t.Error(`ParseMethod("casuale") succeeded`)
	}
}
