package outputs

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"camcost/costing"
	"camcost/indicators"
	"camcost/model"

	"github.com/shopspring/decimal"
)

// Names of the files a run writes.
const (
	CostsFile      = "costs.csv"
	TraceFile      = "trace.csv"
	ManifestFile   = "manifest.json"
	CostiWorkbook  = "costi-dei-processi.xlsx"
	ContoWorkbook  = "conto-economico-per-funzioni.xlsx"
	IndicWorkbook  = "indicatori.xlsx"
	BenchWorkbook  = "benchmarking.xlsx"
	manifestFormat = 1
)

// RunInfo describes a run for the workbooks and the manifest. It holds
// nothing that changes between two runs of the same inputs and version.
type RunInfo struct {
	RunID   string // derived from the version, the settings and the inputs' hashes
	Version string
	Ente    string // contesto "ente", or the folder name
	Anno    string // contesto "anno", may be empty
	// InputDir is the input folder as a path relative to the output
	// folder, with forward slashes: where verify finds the inputs again.
	InputDir string
}

// NewRunInfo derives the run's description from its result and the name of
// its input folder (used when contesto has no ente).
func NewRunInfo(res *costing.Result, folder string) RunInfo {
	info := RunInfo{Version: model.Version, Ente: folder}
	if e := res.Inputs.Context.Ente; e != "" {
		info.Ente = e
	}
	if y := res.Inputs.Context.Anno; y != 0 {
		info.Anno = strconv.Itoa(y)
	}
	h := sha256.New()
	fmt.Fprintf(h, "camcost %s\nente %s\nmethod %s\n", model.Version, info.Ente, res.Settings.Method)
	for _, d := range res.Settings.SupportDrivers {
		fmt.Fprintf(h, "support %s %s\n", d.Tema, d.Driver)
	}
	for _, o := range res.Settings.Overrides.Args() {
		fmt.Fprintf(h, "override %s\n", o) // they are written in the outputs
	}
	for _, f := range res.Inputs.Files {
		fmt.Fprintf(h, "input %s %s\n", f.Name, f.SHA256)
	}
	info.RunID = hex.EncodeToString(h.Sum(nil))[:16]
	return info
}

// Run names the run of one body of a multi-body run, name being the
// body's sub-folder, for the comparison of bodies.
func (info RunInfo) Run(name string) indicators.Run {
	return indicators.Run{Name: name, Ente: info.Ente, Anno: info.Anno, RunID: info.RunID, Version: info.Version}
}

// File is an entry of the manifest.
type File struct {
	Name   string   `json:"name"`
	SHA256 string   `json:"sha256"`
	Size   int64    `json:"size"`
	Tables []string `json:"tables,omitempty"`
}

// Total is a checked total of the manifest.
type Total struct {
	Voce       string `json:"voce"`
	Ledger     string `json:"ledger"`
	Allocated  string `json:"allocated"`
	Difference string `json:"difference"`
}

// Manifest records a run: enough to reproduce it and to check that its
// outputs are the ones it wrote.
type Manifest struct {
	Format   int          `json:"format"`
	Engine   string       `json:"engine"`
	Kind     string       `json:"kind,omitempty"` // "confronto" for a comparison, empty for a run
	Version  string       `json:"version"`
	RunID    string       `json:"run_id"`
	Ente     string       `json:"ente,omitempty"`
	Anno     string       `json:"anno,omitempty"`
	Settings ManifestSets `json:"settings"`
	MapFrom  string       `json:"map"`
	InputDir string       `json:"input_dir,omitempty"`
	Inputs   []File       `json:"inputs,omitempty"`
	Outputs  []File       `json:"outputs"`
	Totals   []Total      `json:"totals"`
	TotalFTE string       `json:"total_fte"`
	Warnings []string     `json:"warnings,omitempty"`
	Bodies   []Body       `json:"bodies,omitempty"`
}

// ManifestSets are the settings as the manifest records them.
type ManifestSets struct {
	Method         string            `json:"method,omitempty"`
	SupportDrivers map[string]string `json:"support_drivers,omitempty"`
	File           string            `json:"file,omitempty"`
	Overrides      []string          `json:"overrides,omitempty"`
}

// Body is one body of a multi-body run: its sub-folder of inputs and of
// outputs, and its own manifest's hash.
type Body struct {
	Name     string `json:"name"`
	Manifest File   `json:"manifest"`
}

// artefact is one output file: its name and the function that writes it.
type artefact struct {
	name  string
	write func(io.Writer) error
}

// artefacts lists the files of a single-body run, in the order the
// manifest lists them.
func artefacts(res *costing.Result, info RunInfo) []artefact {
	tot := newNodeTotals(res) // shared by the writers
	return []artefact{
		{CostsFile, func(w io.Writer) error { return writeCostsCSV(w, res, tot) }},
		{TraceFile, func(w io.Writer) error { return WriteTraceCSV(w, res) }},
		{CostiWorkbook, func(w io.Writer) error { return writeCostiWorkbook(w, res, info, tot) }},
		{ContoWorkbook, func(w io.Writer) error { return WriteContoWorkbook(w, res, info) }},
		{IndicWorkbook, func(w io.Writer) error { return writeIndicatoriWorkbook(w, res, info, tot) }},
	}
}

// writeFirst orders the files of a body by how long they take to write,
// longest first, so that writing them in parallel ends early.
var writeFirst = map[string]int{CostiWorkbook: 0, TraceFile: 1, IndicWorkbook: 2, ContoWorkbook: 3, CostsFile: 4}

// NewManifest builds the manifest of a run whose outputs are files.
func NewManifest(res *costing.Result, info RunInfo, outputs []File) *Manifest {
	m := &Manifest{
		Format:   manifestFormat,
		Engine:   "camcost",
		Version:  info.Version,
		RunID:    info.RunID,
		Ente:     info.Ente,
		Anno:     info.Anno,
		Settings: ManifestSets{Method: string(res.Settings.Method), File: res.Settings.Source, Overrides: res.Settings.Overrides.Args()},
		MapFrom:  "embedded",
		InputDir: info.InputDir,
		Outputs:  outputs,
		TotalFTE: model.FTEString(res.TotalFTE),
		Warnings: warningTexts(res),
	}
	if res.Inputs.MapSource != "" {
		m.MapFrom = res.Inputs.MapSource
	}
	for _, d := range res.Settings.SupportDrivers {
		if m.Settings.SupportDrivers == nil {
			m.Settings.SupportDrivers = map[string]string{}
		}
		m.Settings.SupportDrivers[string(d.Tema)] = d.Driver
	}
	for _, f := range res.Inputs.Files {
		m.Inputs = append(m.Inputs, File{Name: f.Name, SHA256: f.SHA256, Size: f.Size, Tables: f.Tables})
	}
	for _, t := range res.Totals {
		m.Totals = append(m.Totals, Total{Voce: string(t.Voce), Ledger: model.Euro(t.Ledger), Allocated: model.Euro(t.Allocated), Difference: model.Euro(t.Difference())})
	}
	return m
}

// warningTexts lists the warnings of a run as the manifest and the Metodo
// sheet show them: the engine's, then those of the inputs. Both list them
// as warnings, so a warning's own mark ("attenzione:") is left out.
func warningTexts(res *costing.Result) []string {
	var out []string
	for _, w := range res.Warnings {
		w.Warning = false
		out = append(out, w.Error())
	}
	for _, w := range res.Inputs.Warnings {
		out = append(out, w.Error())
	}
	return out
}

// MarshalManifest renders a manifest as indented JSON with a final newline.
func MarshalManifest(m *Manifest) ([]byte, error) {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// writeManifest writes m as dir/manifest.json.
func writeManifest(dir string, m *Manifest) error {
	b, err := MarshalManifest(m)
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, ManifestFile), b, 0o644)
}

// ReadManifest reads the manifest of an output folder.
func ReadManifest(dir string) (*Manifest, error) {
	b, err := os.ReadFile(filepath.Join(dir, ManifestFile))
	if err != nil {
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s: manifest non leggibile: %w", filepath.Join(dir, ManifestFile), err)
	}
	return &m, nil
}

// WriteBody writes every output of one body into dir, which must exist, and
// returns its manifest. It writes as many files at a time as there are
// cores (WriteBodyParallel).
func WriteBody(dir string, res *costing.Result, info RunInfo) (*Manifest, error) {
	return WriteBodyParallel(dir, res, info, runtime.GOMAXPROCS(0))
}

// WriteBodyParallel is WriteBody writing up to n files at a time, each
// into its own file, the longest first. The bytes and the manifest do not
// depend on n; on an error, the files written are left for the caller to
// remove (Atomic) and the error is the first in the manifest's order.
func WriteBodyParallel(dir string, res *costing.Result, info RunInfo, n int) (*Manifest, error) {
	arts := artefacts(res, info)
	order := make([]int, len(arts))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return writeFirst[arts[a].name] - writeFirst[arts[b].name] })
	files := make([]File, len(arts))
	errs := make([]error, len(arts))
	write := func(i int) {
		a := arts[i]
		if files[i], errs[i] = writeFile(filepath.Join(dir, a.name), a.write); errs[i] != nil {
			errs[i] = fmt.Errorf("scrittura di %s: %w", a.name, errs[i])
		}
	}
	if n <= 1 {
		for _, i := range order {
			write(i)
		}
	} else {
		next := make(chan int, len(order))
		for _, i := range order {
			next <- i
		}
		close(next)
		var wg sync.WaitGroup
		for range min(n, len(order)) {
			wg.Go(func() {
				for i := range next {
					write(i)
				}
			})
		}
		wg.Wait()
	}
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	m := NewManifest(res, info, files)
	return m, writeManifest(dir, m)
}

// writeFile writes a file through fn and returns its manifest entry.
func writeFile(path string, fn func(io.Writer) error) (File, error) {
	f, err := os.Create(path)
	if err != nil {
		return File{}, err
	}
	hw := &hashWriter{w: f, h: sha256.New()}
	if err := fn(hw); err != nil {
		f.Close()
		return File{}, err
	}
	if err := f.Close(); err != nil {
		return File{}, err
	}
	return File{Name: filepath.Base(path), SHA256: hex.EncodeToString(hw.h.Sum(nil)), Size: hw.n}, nil
}

// hashWriter writes to w and hashes and counts what it wrote.
type hashWriter struct {
	w io.Writer
	h hash.Hash
	n int64
}

func (hw *hashWriter) Write(p []byte) (int, error) {
	n, err := hw.w.Write(p)
	hw.h.Write(p[:n])
	hw.n += int64(n)
	return n, err
}

// HashFile returns the SHA-256 of a file's bytes, hex-encoded, and its size.
func HashFile(path string) (string, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", 0, err
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// NationalInfo describes a multi-body run for its manifest.
type NationalInfo struct {
	Version   string
	Overrides model.Overrides // the command-line overrides applied to every body
	InputDir  string          // the multi-body input folder, relative to the output folder
}

// WriteNational writes what a multi-body run adds to its bodies' folders:
// the benchmarking workbook and a manifest that covers every body (by its
// own manifest's hash) and the workbook. Bodies and manifests are given in
// the same order.
func WriteNational(dir string, bodies []indicators.BodySummary, mans []*Manifest, info NationalInfo) (*Manifest, error) {
	bench, err := WriteBenchmark(dir, bodies)
	if err != nil {
		return nil, err
	}
	return WriteNationalManifest(dir, bench, bodies, mans, info)
}

// WriteBenchmark writes the benchmarking workbook of bodies into dir and
// returns its manifest entry: the first half of WriteNational, which a run
// can start as soon as it has every body's summary, while the bodies'
// files are still being written.
func WriteBenchmark(dir string, bodies []indicators.BodySummary) (File, error) {
	bench, err := writeFile(filepath.Join(dir, BenchWorkbook), func(w io.Writer) error { return WriteBenchmarkWorkbook(w, bodies) })
	if err != nil {
		return File{}, fmt.Errorf("scrittura di %s: %w", BenchWorkbook, err)
	}
	return bench, nil
}

// WriteNationalManifest writes the manifest of a multi-body run whose
// bodies' folders and benchmarking workbook (bench, from WriteBenchmark)
// are in dir: the second half of WriteNational.
func WriteNationalManifest(dir string, bench File, bodies []indicators.BodySummary, mans []*Manifest, info NationalInfo) (*Manifest, error) {
	m := &Manifest{
		Format:   manifestFormat,
		Engine:   "camcost",
		Version:  info.Version,
		Settings: ManifestSets{Overrides: info.Overrides.Args()},
		MapFrom:  "per ente",
		InputDir: info.InputDir,
		Outputs:  []File{bench},
	}
	h := sha256.New()
	fmt.Fprintf(h, "camcost %s national\n", info.Version)
	type entry struct {
		name string
		man  *Manifest
	}
	var list []entry
	for i, b := range bodies {
		list = append(list, entry{b.Name, mans[i]})
	}
	slices.SortFunc(list, func(a, b entry) int { return strings.Compare(a.name, b.name) })
	for _, e := range list {
		sum, size, err := HashFile(filepath.Join(dir, e.name, ManifestFile))
		if err != nil {
			return nil, err
		}
		m.Bodies = append(m.Bodies, Body{Name: e.name, Manifest: File{Name: e.name + "/" + ManifestFile, SHA256: sum, Size: size}})
		fmt.Fprintf(h, "body %s %s\n", e.name, e.man.RunID)
	}
	m.RunID = hex.EncodeToString(h.Sum(nil))[:16]
	m.Totals, m.TotalFTE = sumTotals(mans)
	return m, writeManifest(dir, m)
}

// sumTotals adds up the checked totals of every body, voce by voce.
func sumTotals(mans []*Manifest) ([]Total, string) {
	var fte decimal.Decimal
	var order []string
	sums := map[string]*[3]decimal.Decimal{}
	for _, m := range mans {
		fte = fte.Add(decimal.RequireFromString(m.TotalFTE))
		for _, t := range m.Totals {
			s, ok := sums[t.Voce]
			if !ok {
				s = &[3]decimal.Decimal{}
				sums[t.Voce] = s
				order = append(order, t.Voce)
			}
			for i, v := range []string{t.Ledger, t.Allocated, t.Difference} {
				s[i] = s[i].Add(decimal.RequireFromString(v))
			}
		}
	}
	var out []Total
	for _, v := range order {
		s := sums[v]
		out = append(out, Total{Voce: v, Ledger: model.Euro(s[0]), Allocated: model.Euro(s[1]), Difference: model.Euro(s[2])})
	}
	return out, model.FTEString(fte)
}
