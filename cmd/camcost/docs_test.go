package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/urfave/cli/v2"

	"camcost/outputs"
)

// The guides a controller and an auditor follow, in the order they are
// read: the auditor verifies what the guide for controllers computed.
var guides = []string{"docs/guida-controllori.md", "docs/revisori.md", "README.md", "docs/README.md"}

// handEdited marks, in a comment just above a block of commands, an
// example whose data the text changes by hand first: its commands are
// checked but not run.
const handEdited = "<!-- esempio su dati modificati a mano"

// docBlock is a fenced block of a guide.
type docBlock struct {
	file  string
	line  int // of the opening fence, 1-based
	lines []string
	// edited tells that handEdited precedes the block.
	edited bool
	// answer is the block right below a block of commands (nothing but
	// blank lines between them): the output of its last command.
	answer *docBlock
}

// isCommands reports whether every non-blank line of the block is a
// camcost command.
func (b *docBlock) isCommands() bool {
	n := 0
	for _, l := range b.lines {
		switch {
		case strings.TrimSpace(l) == "":
		case strings.HasPrefix(l, "camcost "):
			n++
		default:
			return false
		}
	}
	return n > 0
}

// docBlocks reads the fenced blocks of a Markdown file.
func docBlocks(t *testing.T, root, file string) []*docBlock {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, file))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	var out []*docBlock
	var prev *docBlock
	prevEnd := -1
	for i := 0; i < len(lines); i++ {
		if !strings.HasPrefix(lines[i], "```") {
			continue
		}
		b := &docBlock{file: file, line: i + 1}
		for j := i - 1; j >= 0; j-- {
			if s := strings.TrimSpace(lines[j]); s != "" {
				b.edited = strings.HasPrefix(s, handEdited)
				break
			}
		}
		j := i + 1
		for j < len(lines) && !strings.HasPrefix(lines[j], "```") {
			j++
		}
		b.lines = lines[i+1 : min(j, len(lines))]
		if prev != nil && prev.isCommands() && strings.TrimSpace(strings.Join(lines[prevEnd+1:i], "")) == "" {
			prev.answer = b
		}
		out = append(out, b)
		prev, prevEnd, i = b, j, j
	}
	return out
}

// inlineCommands are the camcost commands quoted in the text (`camcost
// ...`) outside fenced blocks.
func inlineCommands(t *testing.T, root, file string) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, file))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	fenced := false
	for _, l := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(l, "```") {
			fenced = !fenced
			continue
		}
		if fenced {
			continue
		}
		for _, part := range strings.Split(l, "`")[1:] {
			if strings.HasPrefix(part, "camcost ") || part == "camcost" {
				out = append(out, part)
			}
		}
	}
	return out
}

// splitArgs splits a command line as a shell would, for the quoting the
// guides use.
func splitArgs(s string) []string {
	var out []string
	var cur strings.Builder
	quote, in := rune(0), false
	for _, r := range s {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote == 0 && (r == '"' || r == '\''):
			quote, in = r, true
		case quote == 0 && unicode.IsSpace(r):
			if in {
				out = append(out, cur.String())
				cur.Reset()
				in = false
			}
		default:
			cur.WriteRune(r)
			in = true
		}
	}
	if in {
		out = append(out, cur.String())
	}
	return out
}

// placeholder tells a word the reader replaces (CARTELLA, USCITA,
// TEMA=DRIVER, ...) or an elision.
func placeholder(s string) bool {
	if strings.Contains(s, "...") || strings.Contains(s, "…") {
		return true
	}
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			letters++
		}
	}
	return letters >= 3
}

// checkSyntax checks that a command line names a command and options that
// exist; it returns the command and its positional arguments.
func checkSyntax(t *testing.T, where string, args []string) (*cli.Command, []string) {
	t.Helper()
	app := newApp(nil, nil)
	if len(args) < 2 {
		return nil, nil
	}
	if placeholder(args[1]) || args[1] == "versione" {
		// camcost COMANDO --help; "camcost versione 0.1.0" is what
		// --version prints.
		return nil, nil
	}
	if strings.HasPrefix(args[1], "-") {
		for _, a := range args[1:] {
			name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
			if name == "version" || name == "v" || name == "help" || name == "h" {
				continue
			}
			if lookupFlag(app.Flags, name) == nil {
				t.Errorf("%s: %q: camcost has no option %s", where, strings.Join(args, " "), a)
			}
		}
		return nil, nil
	}
	cmd := findCommand(app.Commands, args[1])
	if cmd == nil {
		// camcost CARTELLA: a folder dropped on camcost.
		if len(args) != 2 {
			t.Errorf("%s: %q: no command %s", where, strings.Join(args, " "), args[1])
		}
		return nil, nil
	}
	var pos []string
	rest := args[2:]
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		if !strings.HasPrefix(a, "-") || a == "-" {
			pos = append(pos, a)
			continue
		}
		name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		f := lookupFlag(cmd.Flags, name)
		if f == nil && name != "help" && name != "h" {
			t.Errorf("%s: %q: camcost %s has no option %s", where, strings.Join(args, " "), cmd.Name, a)
			continue
		}
		if f != nil && !hasValue && takesValue(f) {
			i++
		}
	}
	return cmd, pos
}

// runnable tells whether a command of a guide can run as written in the
// folder the guides' commands share: no placeholder, and the folders it
// reads exist.
func runnable(cmd *cli.Command, args, pos []string) bool {
	for _, a := range args {
		if placeholder(a) {
			return false
		}
	}
	exists := func(p string) bool { _, err := os.Stat(p); return err == nil }
	switch cmd.Name {
	case "validate", "run", "verify":
		for i, a := range args {
			if a == "--inputs" && i+1 < len(args) && !exists(args[i+1]) {
				return false
			}
		}
		return len(pos) == 1 && exists(pos[0])
	case "demo", "generate", "template":
		return len(pos) == 1 && !exists(pos[0])
	}
	return true
}

// sameOutput compares the output of a command with the answer a guide
// shows: line for line, where a line "..." in the answer stands for any
// number of lines.
func sameOutput(got, want []string) bool {
	trim := func(ls []string) []string {
		out := make([]string, 0, len(ls))
		for _, l := range ls {
			out = append(out, strings.TrimRight(l, " "))
		}
		for len(out) > 0 && out[len(out)-1] == "" {
			out = out[:len(out)-1]
		}
		return out
	}
	got, want = trim(got), trim(want)
	var match func(g, w int) bool
	match = func(g, w int) bool {
		switch {
		case w == len(want):
			return g == len(got)
		case strings.TrimSpace(want[w]) == "..." || strings.TrimSpace(want[w]) == "…":
			for k := g; k <= len(got); k++ {
				if match(k, w+1) {
					return true
				}
			}
			return false
		case g == len(got):
			return false
		}
		return got[g] == want[w] && match(g+1, w+1)
	}
	return match(0, 0)
}

// TestGuidesCommands runs the commands of the guides, in the order a
// reader meets them, in one folder: every command names options that
// exist, every command that can run as written succeeds, and its output is
// the one the guide shows below it. Examples whose data the text changes
// by hand (marked handEdited) and commands with a word to replace are
// checked for their syntax only.
func TestGuidesCommands(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	ran, compared := 0, 0
	for _, file := range guides {
		// With -update, the answers that differ are rewritten with what
		// camcost prints: review the diff of the guides before committing.
		rewrite := map[int][]string{}
		for _, b := range docBlocks(t, root, file) {
			if !b.isCommands() {
				continue
			}
			for k, line := range b.lines {
				if strings.TrimSpace(line) == "" || strings.Contains(line, " | ") {
					// Blank, or a shell pipeline: not camcost's alone.
					continue
				}
				where := file + ":" + strconv.Itoa(b.line+1+k)
				args := splitArgs(line)
				cmd, pos := checkSyntax(t, where, args)
				if cmd == nil || b.edited || !runnable(cmd, args, pos) {
					continue
				}
				code, stdout, stderr := camcost(t, args[1:]...)
				ran++
				last := k == len(b.lines)-1 || strings.TrimSpace(strings.Join(b.lines[k+1:], "")) == ""
				if b.answer == nil || !last {
					if code != 0 {
						t.Errorf("%s: %s: exit %d\n%s", where, line, code, stderr)
					}
					continue
				}
				out := stdout
				if code != 0 {
					out = stderr
				}
				compared++
				if !sameOutput(strings.Split(out, "\n"), b.answer.lines) && *update {
					rewrite[b.answer.line] = strings.Split(strings.TrimRight(out, "\n"), "\n")
				} else if !sameOutput(strings.Split(out, "\n"), b.answer.lines) {
					t.Errorf("%s: %s: the output differs from the guide's (line %d):\n--- camcost\n%s--- guide\n%s",
						where, line, b.answer.line, out, strings.Join(b.answer.lines, "\n"))
				}
			}
		}
		if len(rewrite) > 0 {
			rewriteAnswers(t, filepath.Join(root, file), rewrite)
		}
		for _, line := range inlineCommands(t, root, file) {
			args := splitArgs(line)
			if cmd, _ := checkSyntax(t, file, args); cmd != nil && cmd.Name == "help" && len(args) == 2 {
				if code, _, stderr := camcost(t, "help"); code != 0 {
					t.Errorf("%s: camcost help: exit %d: %s", file, code, stderr)
				}
			}
		}
	}
	checkAuditorsFigures(t, root)
	t.Logf("ran %d commands of the guides, compared %d outputs", ran, compared)
	if ran < 10 || compared < 8 {
		t.Errorf("ran %d commands of the guides and compared %d outputs: the guides lost their examples?", ran, compared)
	}
}

// rewriteAnswers replaces the answer blocks whose opening fences are on the
// given lines (1-based) of a guide with new contents.
func rewriteAnswers(t *testing.T, path string, answers map[int][]string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	var out []string
	for i := 0; i < len(lines); i++ {
		out = append(out, lines[i])
		repl, ok := answers[i+1]
		if !ok {
			continue
		}
		j := i + 1
		for j < len(lines) && !strings.HasPrefix(lines[j], "```") {
			j++
		}
		out = append(out, repl...)
		i = j - 1
	}
	if err := os.WriteFile(path, []byte(strings.Join(out, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
}

// checkAuditorsFigures checks the figures docs/revisori.md quotes in its
// text rather than as a command's answer, in the folders its commands made
// (the current directory): the run ids of the demo run with --method
// reciproco and --method diretto, and the hash and size of a body's
// manifest in the multi-body manifest.
func checkAuditorsFigures(t *testing.T, root string) {
	t.Helper()
	doc, err := os.ReadFile(filepath.Join(root, "docs", "revisori.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, method := range []string{"reciproco", "diretto"} {
		out := "id-" + method
		if code, _, stderr := camcost(t, "run", "dati-2025", "--out", out, "--method", method, "--quiet"); code != 0 {
			t.Fatalf("run --method %s: exit %d: %s", method, code, stderr)
		}
		m, err := outputs.ReadManifest(out)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(doc, []byte("`"+m.RunID+"`")) {
			t.Errorf("docs/revisori.md: the run id of --method %s is %s, not the one quoted", method, m.RunID)
		}
	}
	sum, size, err := outputs.HashFile(filepath.Join("risultati-enti-2025", "01-mantova", outputs.ManifestFile))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(doc, []byte(`"sha256": "`+sum+`",`+"\n        \"size\": "+strconv.FormatInt(size, 10))) {
		t.Errorf("docs/revisori.md: 01-mantova/manifest.json is %s, %d bytes, not the ones quoted", sum, size)
	}
}
