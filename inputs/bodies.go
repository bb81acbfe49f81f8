package inputs

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// outputMarker is the file that marks a camcost output folder (its
// manifest): such a folder is never read as inputs, even when it sits
// inside an input folder.
const outputMarker = "manifest.json"

// IsRunFolder reports whether dir holds input of its own: a CSV named after
// a table, a workbook, or camcost.toml.
func IsRunFolder(dir string) (bool, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false, err
	}
	for _, e := range entries {
		if !e.IsDir() && e.Name() == outputMarker {
			return false, nil
		}
	}
	for _, e := range entries {
		if !e.IsDir() && IsTableFile(e.Name()) {
			return true, nil
		}
	}
	return false, nil
}

// Bodies returns the sub-folders of dir that are run folders, in name
// order, when dir is a multi-body folder (docs/ingressi.md, "Più enti in un
// calcolo"); nil when dir is a run folder itself. Hidden sub-folders are
// skipped.
func Bodies(dir string) ([]string, error) {
	own, err := IsRunFolder(dir)
	if err != nil || own {
		return nil, err
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var bodies []string
	for _, e := range entries {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		ok, err := IsRunFolder(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		if ok {
			bodies = append(bodies, e.Name())
		}
	}
	slices.Sort(bodies)
	return bodies, nil
}
