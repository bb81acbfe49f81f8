package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestProgressShowsStageAndCount(t *testing.T) {
	var buf bytes.Buffer
	p := startProgress(&buf, true, 60, "enti", 0)
	p.SetStage("calcolo degli enti")
	p.Add(12)
	p.Close()
	if out := buf.String(); !strings.Contains(out, "enti") {
		t.Errorf("progress wrote %q", out)
	}
}

func TestProgressQuietWhenNotATerminal(t *testing.T) {
	var buf bytes.Buffer
	p := newProgress(&buf, false, 10, "byte")
	p.Add(10)
	p.Close()
	if buf.Len() != 0 {
		t.Errorf("a buffer is not a terminal, yet progress wrote %q", buf.String())
	}
}
