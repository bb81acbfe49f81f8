// Command camcost costs the processes of a Camera di Commercio: it reads a run
// folder (time sheets, payroll, ledger), allocates every euro down to the
// attività of the process map and writes the workbooks and files of
// docs/uscite.md. Run "camcost help" for the commands.
package main

import (
	"bufio"
	"fmt"
	"os"
	"runtime/debug"
)

func main() {
	if os.Getenv("GOGC") == "" {
		// A run is short and allocates many small decimals: collecting
		// half as often saves a fifth of a national run for a heap that
		// stays in the hundreds of megabytes (make bench).
		debug.SetGCPercent(200)
	}
	code := run(os.Args, os.Stdout, os.Stderr)
	if ownConsole() {
		// Started by a double click or a drag: keep the window open so
		// the controller can read what camcost said.
		if len(os.Args) == 1 {
			fmt.Println("Per calcolare i costi, trascinare la cartella dei dati su camcost.exe.")
		}
		fmt.Print("\nPremere Invio per chiudere questa finestra.")
		bufio.NewReader(os.Stdin).ReadString('\n')
	}
	os.Exit(code)
}
