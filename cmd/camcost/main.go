// Command camcost costs the processes of a Camera di Commercio: it reads a run
// folder (time sheets, payroll, ledger), allocates every euro down to the
// attività of the process map and writes the workbooks and files of
// OUTPUTS.md. Run "camcost help" for the commands.
package main

import "os"

func main() {
	os.Exit(run(os.Args, os.Stdout, os.Stderr))
}
