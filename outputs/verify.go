package outputs

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"camcost/costing"
	"camcost/indicators"
	"camcost/model"
)

// Rerun is what Verify needs from the rest of camcost to repeat a run:
// reading and costing an input folder, and finding the bodies of a
// multi-body folder. The command line wires inputs and costing in, so that
// outputs does not read inputs itself.
type Rerun struct {
	// Cost reads and costs one run folder with the given overrides.
	Cost func(dir string, o model.Overrides) (*costing.Result, error)
	// Bodies lists the bodies of a multi-body input folder, nil for a
	// run folder (inputs.Bodies).
	Bodies func(dir string) ([]string, error)
}

// Check is the verdict on one output file, or on a whole body whose files
// are all identical.
type Check struct {
	Name   string
	Status string
	OK     bool
	Files  int // the files the verdict covers, when more than one
}

// Verification is what Verify found: one check per output file.
type Verification struct {
	RunID  string
	Checks []Check
}

// Files is the number of files checked.
func (v *Verification) Files() int {
	n := 0
	for _, c := range v.Checks {
		n += max(c.Files, 1)
	}
	return n
}

// Failed is the number of checks that did not find an identical file.
func (v *Verification) Failed() int {
	n := 0
	for _, c := range v.Checks {
		if !c.OK {
			n++
		}
	}
	return n
}

// Reasons Verify cannot verify a folder at all.
var (
	// ErrNoInputDir: the manifest does not say where the inputs are, and
	// the caller gave no folder.
	ErrNoInputDir = errors.New("il manifest non registra la cartella di input: indicarla con --inputs")
)

// UnverifiableError says why a run cannot be repeated (its inputs changed,
// the folder is not an output); the message is for the user.
type UnverifiableError struct{ Msg string }

func (e *UnverifiableError) Error() string { return e.Msg }

func unverifiable(format string, args ...any) error {
	return &UnverifiableError{Msg: fmt.Sprintf(format, args...)}
}

// Verify repeats the run recorded in the output folder out from its inputs
// (inputsDir, or the folder the manifest names when empty) and compares
// every output byte for byte with the recorded hashes and with the files in
// out. A returned error means it could not verify; differences are in the
// Verification.
func Verify(out, inputsDir string, rerun Rerun) (*Verification, error) {
	man, err := readOutputManifest(out)
	if err != nil {
		return nil, err
	}
	if man.Kind == confrontoKind {
		return nil, unverifiable("%s è il risultato di camcost confronta, non di un calcolo: verificare i due calcoli confrontati (camcost verify PRIMA, camcost verify DOPO) e rifare il confronto", out)
	}
	if inputsDir == "" {
		if man.InputDir == "" {
			return nil, ErrNoInputDir
		}
		inputsDir = filepath.Join(out, filepath.FromSlash(man.InputDir))
	}
	if err := checkManifestNames(man); err != nil {
		return nil, err
	}
	removeStaleVerifyDirs(os.TempDir(), time.Now())
	tmp, err := os.MkdirTemp("", verifyDirPrefix)
	if err != nil {
		return nil, err
	}
	defer track(tmp)()
	defer os.RemoveAll(tmp)

	v := &Verification{RunID: man.RunID}
	if len(man.Bodies) > 0 {
		v.Checks, err = verifyNational(out, inputsDir, tmp, man, rerun)
	} else {
		var b *verifiedBody
		if b, err = verifyBody(out, inputsDir, tmp, man, rerun); b != nil {
			v.Checks = b.checks
		}
	}
	if err != nil {
		return nil, err
	}
	return v, nil
}

// readOutputManifest reads the manifest of an output folder, with the
// user's words for a folder that is not one.
func readOutputManifest(out string) (*Manifest, error) {
	if st, err := os.Stat(out); err != nil || !st.IsDir() {
		return nil, unverifiable("la cartella %s non esiste", out)
	}
	man, err := ReadManifest(out)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, unverifiable("%s non contiene manifest.json: non è la cartella di uscita di un calcolo di camcost", out)
	}
	return man, err
}

// verifiedBody is what repeating one body gives: the verdicts and what the
// multi-body benchmarking needs.
type verifiedBody struct {
	checks  []Check
	summary indicators.BodySummary
}

// verifyBody checks one body's inputs against its manifest, repeats the run
// into tmp and compares every output with the recorded one and with the
// file in out.
func verifyBody(out, inputsDir, tmp string, man *Manifest, rerun Rerun) (*verifiedBody, error) {
	if changed := ChangedInputs(man, inputsDir); len(changed) > 0 {
		return nil, unverifiable("gli input non sono quelli del calcolo registrato, impossibile riprodurlo:\n  %s", strings.Join(changed, "\n  "))
	}
	// The settings file, if any, is among the inputs checked above; the
	// command-line overrides are in the manifest.
	overrides, err := model.ParseOverrideArgs(man.Settings.Overrides)
	if err != nil {
		return nil, fmt.Errorf("manifest.json: %w", err)
	}
	res, err := rerun.Cost(inputsDir, overrides)
	if err != nil {
		return nil, fmt.Errorf("il nuovo calcolo di %s non riesce: %w", inputsDir, err)
	}
	recorded := map[string]bool{}
	for _, f := range man.Inputs {
		recorded[f.Name] = true
	}
	for _, f := range res.Inputs.Files {
		if !recorded[f.Name] {
			return nil, unverifiable("la cartella di input %s contiene %s, che il calcolo registrato non aveva letto: toglierlo per verificare", inputsDir, f.Name)
		}
	}
	info := NewRunInfo(res, man.Ente)
	info.Ente, info.InputDir = man.Ente, man.InputDir
	again, err := WriteBody(tmp, res, info)
	if err != nil {
		return nil, err
	}
	b := &verifiedBody{summary: indicators.Summarize(res, info.Run(filepath.Base(tmp)))}
	b.checks = compareOutputs(man.Outputs, again.Outputs, out, tmp)
	b.checks = append(b.checks, compareFile(ManifestFile, out, tmp))
	return b, nil
}

// ChangedInputs lists, one line each, the inputs of a body's manifest that
// are missing from inputsDir or no longer hash as recorded; none means the
// folder holds the inputs of the run.
func ChangedInputs(man *Manifest, inputsDir string) []string {
	var changed []string
	for _, f := range man.Inputs {
		sum, _, err := HashFile(filepath.Join(inputsDir, filepath.FromSlash(f.Name)))
		switch {
		case errors.Is(err, os.ErrNotExist):
			changed = append(changed, fmt.Sprintf("%s: manca nella cartella %s", f.Name, inputsDir))
		case err != nil:
			changed = append(changed, fmt.Sprintf("%s: %v", f.Name, err))
		case sum != f.SHA256:
			changed = append(changed, fmt.Sprintf("%s: è cambiato dopo il calcolo (sha256 %s, registrato %s)", f.Name, short(sum), short(f.SHA256)))
		}
	}
	return changed
}

// compareOutputs gives, for every output, the verdict of comparing the
// recorded hash, the file in out and the file written again.
func compareOutputs(recorded, again []File, out, tmp string) []Check {
	now := map[string]string{}
	for _, f := range again {
		now[f.Name] = f.SHA256
	}
	var checks []Check
	for _, f := range recorded {
		disk, _, err := HashFile(filepath.Join(out, f.Name))
		sum, made := now[f.Name]
		delete(now, f.Name)
		c := Check{Name: f.Name}
		switch {
		case !made:
			c.Status = "registrato ma non prodotto dal nuovo calcolo"
		case sum != f.SHA256:
			c.Status = fmt.Sprintf("DIVERSO: il nuovo calcolo dà sha256 %s, registrato %s", short(sum), short(f.SHA256))
		case err != nil:
			c.Status = "riprodotto identico, ma manca nella cartella di uscita"
		case disk != f.SHA256:
			c.Status = fmt.Sprintf("riprodotto identico, ma il file nella cartella è stato modificato dopo il calcolo (sha256 %s)", short(disk))
		default:
			c.Status, c.OK = "identico", true
		}
		checks = append(checks, c)
	}
	var extra []string
	for name := range now {
		extra = append(extra, name)
	}
	slices.Sort(extra)
	for _, name := range extra {
		checks = append(checks, Check{Name: name, Status: "prodotto dal nuovo calcolo ma non registrato"})
	}
	return checks
}

// compareFile compares a file of out with the one written again in tmp.
func compareFile(name, out, tmp string) Check {
	a, err1 := os.ReadFile(filepath.Join(out, name))
	b, err2 := os.ReadFile(filepath.Join(tmp, name))
	switch {
	case err1 != nil:
		return Check{Name: name, Status: "manca nella cartella di uscita"}
	case err2 != nil:
		return Check{Name: name, Status: "non riprodotto: " + err2.Error()}
	case !bytes.Equal(a, b):
		return Check{Name: name, Status: "DIVERSO dal file riprodotto"}
	}
	return Check{Name: name, Status: "identico", OK: true}
}

func short(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}

// verifyNational verifies every body of a multi-body output, then the
// benchmarking workbook and the manifest that covers them.
func verifyNational(out, inputsDir, tmp string, man *Manifest, rerun Rerun) ([]Check, error) {
	var checks []Check
	var summaries []indicators.BodySummary
	var mans []*Manifest
	for _, b := range man.Bodies {
		bodyOut := filepath.Join(out, b.Name)
		bodyTmp := filepath.Join(tmp, b.Name)
		v, err := verifyNamedBody(bodyOut, filepath.Join(inputsDir, b.Name), bodyTmp, rerun)
		var unv *UnverifiableError
		switch {
		case errors.As(err, &unv):
			return nil, unverifiable("ente %s: %s", b.Name, unv.Msg)
		case err != nil:
			return nil, fmt.Errorf("ente %s: %w", b.Name, err)
		}
		good := 0
		for _, c := range v.checks {
			if c.OK {
				good++
				continue
			}
			c.Name = b.Name + "/" + c.Name
			checks = append(checks, c)
		}
		checks = append(checks, Check{Name: b.Name, Status: fmt.Sprintf("%d file identici", good), OK: true, Files: good})
		summaries = append(summaries, v.summary)
		again, err := ReadManifest(bodyTmp)
		if err != nil {
			return nil, err
		}
		mans = append(mans, again)
	}
	// Bodies in the input folder that the recorded run did not have.
	bodies, err := rerun.Bodies(inputsDir)
	if err != nil {
		return nil, err
	}
	for _, name := range bodies {
		if !slices.ContainsFunc(man.Bodies, func(b Body) bool { return b.Name == name }) {
			return nil, unverifiable("la cartella di input contiene l'ente %s, che il calcolo registrato non aveva: toglierlo per verificare", name)
		}
	}
	overrides, err := model.ParseOverrideArgs(man.Settings.Overrides)
	if err != nil {
		return nil, fmt.Errorf("manifest.json: %w", err)
	}
	again, err := WriteNational(tmp, summaries, mans, NationalInfo{Version: man.Version, Overrides: overrides, InputDir: man.InputDir})
	if err != nil {
		return nil, err
	}
	checks = append(checks, compareOutputs(man.Outputs, again.Outputs, out, tmp)...)
	checks = append(checks, compareFile(ManifestFile, out, tmp))
	return checks, nil
}

// verifyNamedBody verifies the body whose outputs are in bodyOut.
func verifyNamedBody(bodyOut, bodyIn, bodyTmp string, rerun Rerun) (*verifiedBody, error) {
	man, err := readOutputManifest(bodyOut)
	if err != nil {
		return nil, err
	}
	if err := checkManifestNames(man); err != nil {
		return nil, err
	}
	if err := os.Mkdir(bodyTmp, 0o755); err != nil {
		return nil, err
	}
	return verifyBody(bodyOut, bodyIn, bodyTmp, man, rerun)
}

// checkManifestNames refuses a manifest naming a file or a body outside
// its folder: verify joins those names to folders it reads and writes, and
// a manifest is a file anyone can edit.
func checkManifestNames(man *Manifest) error {
	var bad []string
	for _, f := range slices.Concat(man.Inputs, man.Outputs) {
		if !filepath.IsLocal(filepath.FromSlash(f.Name)) {
			bad = append(bad, f.Name)
		}
	}
	for _, b := range man.Bodies {
		if !filepath.IsLocal(b.Name) || strings.ContainsAny(b.Name, `/\`) || strings.HasPrefix(b.Name, ".") {
			bad = append(bad, b.Name)
		}
	}
	if len(bad) > 0 {
		return unverifiable("manifest.json nomina file o enti fuori dalla sua cartella (%s): il manifest è stato modificato, impossibile verificarlo", strings.Join(bad, ", "))
	}
	return nil
}

// verifyDirPrefix names verify's temporary folders.
const verifyDirPrefix = "camcost-verify-"

// staleAfter is how old a temporary folder of verify must be before another
// verify removes it: a verify takes seconds, so one a day old was killed.
const staleAfter = 24 * time.Hour

// removeStaleVerifyDirs removes what killed verifies left in the temporary
// folder.
func removeStaleVerifyDirs(dir string, now time.Time) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), verifyDirPrefix) {
			continue
		}
		if info, err := e.Info(); err == nil && now.Sub(info.ModTime()) > staleAfter {
			os.RemoveAll(filepath.Join(dir, e.Name()))
		}
	}
}
