// Package seeds holds the official process map of the Camere di Commercio as
// Unioncamere exports it (mappa-dei-processi.tsv, kept byte for byte) and the
// parser that reads that export whatever column its codes sit in.
// PARSER.md lists the irregularities of the export and the rule that handles
// each.
package seeds

import _ "embed"

// SeedFile is the name of the embedded export, as errors give it.
const SeedFile = "mappa-dei-processi.tsv"

//go:embed mappa-dei-processi.tsv
var seedTSV []byte
