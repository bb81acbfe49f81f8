package main

import (
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// mdLink matches the target of an inline Markdown link or image.
var mdLink = regexp.MustCompile(`\]\(([^)\s]+)\)`)

// TestLinksStayInside checks that every relative link of every Markdown
// file of the repository names a file inside it that exists: the project
// carries its own documentation, and nothing may point outside it.
func TestLinksStayInside(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") && path != root || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(d.Name(), ".md") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		inFence := false
		for i, line := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(line, "```") {
				inFence = !inFence
			}
			if inFence {
				continue
			}
			for _, m := range mdLink.FindAllStringSubmatch(line, -1) {
				target := m[1]
				if u, err := url.Parse(target); err == nil && (u.Scheme != "" || strings.HasPrefix(target, "#")) {
					continue
				}
				target, _, _ = strings.Cut(target, "#")
				if dec, err := url.PathUnescape(target); err == nil {
					target = dec
				}
				full := filepath.Clean(filepath.Join(filepath.Dir(path), target))
				checked++
				if r, err := filepath.Rel(root, full); err != nil || strings.HasPrefix(r, "..") {
					t.Errorf("%s:%d: link %s points outside the repository", rel, i+1, m[1])
				} else if _, err := os.Stat(full); err != nil {
					t.Errorf("%s:%d: link %s: no such file", rel, i+1, m[1])
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 20 {
		t.Errorf("checked %d links: the docs lost their links?", checked)
	}
}
