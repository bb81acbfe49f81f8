package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/urfave/cli/v2"

	"camcost/model"
	"camcost/outputs"
)

// exitInterrupted is the exit status of a run stopped by Ctrl-C, as shells
// report a process ended by SIGINT.
const exitInterrupted = 130

// interruptGrace is how long an interrupted command may take to stop by
// itself before camcost abandons it.
const interruptGrace = 200 * time.Millisecond

// run executes the command line args and returns the exit status. It is the
// whole CLI, so tests run it in-process.
//
// Ctrl-C (or SIGTERM) cancels the command's context; a command that does
// not return within interruptGrace is abandoned: outputs.Abort keeps every
// output folder as it was and removes the temporary ones, and run returns
// at once. A second Ctrl-C ends the process the default way.
func run(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	done := make(chan int, 1)
	go func() {
		if dir, ok := droppedFolder(args); ok {
			done <- runDropped(ctx, args[0], dir, stdout, stderr)
			return
		}
		done <- execute(ctx, args, stdout, stderr)
	}()
	select {
	case code := <-done:
		return code
	case <-ctx.Done():
	}
	stop()
	select {
	case code := <-done:
		return code
	case <-time.After(interruptGrace):
	}
	outputs.Abort()
	fmt.Fprintln(stderr, "camcost:", outputs.ErrInterrupted)
	return exitInterrupted
}

// execute runs the command line and turns its error into an exit status.
func execute(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	app := newApp(stdout, stderr)
	moved, err := interleave(app, args)
	unknownCommand = ""
	if err == nil {
		err = app.RunContext(ctx, moved)
	}
	if err == nil && unknownCommand != "" {
		err = cli.Exit(fmt.Sprintf("comando %q sconosciuto: %s", unknownCommand, commandNames), 2)
	}
	if err == nil {
		return 0
	}
	if errors.Is(err, outputs.ErrInterrupted) || ctx.Err() != nil {
		fmt.Fprintln(stderr, "camcost:", outputs.ErrInterrupted)
		return exitInterrupted
	}
	cmd := ""
	for _, a := range args[1:] {
		if c := findCommand(app.Commands, a); c != nil {
			cmd = c.Name
			break
		}
	}
	err = usageError(cmd, err)
	var exit cli.ExitCoder
	if errors.As(err, &exit) {
		if msg := exit.Error(); msg != "" {
			fmt.Fprintln(stderr, "camcost:", msg)
		}
		return exit.ExitCode()
	}
	fmt.Fprintln(stderr, "camcost:", osText(err))
	return 1
}

// commit is the commit camcost was built from, stamped by make dist.
var commit string

// versionString is the engine version, with the commit when stamped.
func versionString() string {
	if commit != "" {
		return model.Version + " (" + commit + ")"
	}
	return model.Version
}

func init() {
	cli.VersionPrinter = func(c *cli.Context) {
		fmt.Fprintf(c.App.Writer, "camcost versione %s\n", c.App.Version)
	}
}

func newApp(stdout, stderr io.Writer) *cli.App {
	return &cli.App{
		Name:    "camcost",
		Usage:   "costi dei processi delle Camere di Commercio (activity-based costing)",
		Version: versionString(),
		Description: `camcost legge una cartella di input (personale, tempi, retribuzioni,
contabilità), attribuisce ogni euro del conto economico fino alle attività della
mappa dei processi e scrive le cartelle di lavoro Excel e i file per i revisori.

Per l'aiuto di un comando: camcost help COMANDO (oppure camcost COMANDO --help).`,
		Writer:               stdout,
		ErrWriter:            stderr,
		EnableBashCompletion: true,
		HideHelpCommand:      true, // helpCommand takes its place, in Italian
		Commands:             commands(),
		// The help command takes the place of urfave's, which would have
		// added --help itself.
		Flags: append(profileFlags(), cli.HelpFlag),
		CommandNotFound: func(c *cli.Context, name string) {
			unknownCommand = name
		},
		ExitErrHandler: func(*cli.Context, error) {}, // run reports errors itself
		// Let run translate flag errors instead of printing English help.
		OnUsageError: func(_ *cli.Context, err error, _ bool) error { return err },
		Before: func(c *cli.Context) error {
			stop, err := startProfiles(c)
			if err != nil {
				return err
			}
			stopProfiles = stop
			return nil
		},
		After: func(*cli.Context) error {
			if stopProfiles == nil {
				return nil
			}
			err := stopProfiles()
			stopProfiles = nil
			return err
		},
	}
}

// unknownCommand is the command the user typed that does not exist.
var unknownCommand string

// commandNames lists the commands for a message about one that does not
// exist.
const commandNames = "i comandi sono map, validate, run, verify, confronta, spiega, generate, demo, template e help (camcost help)"

// stopProfiles ends the profiles started by the global flags.
var stopProfiles func() error

// commands lists the subcommands; each lives in a file of its own.
func commands() []*cli.Command {
	cmds := []*cli.Command{
		mapCommand(),
		validateCommand(),
		runCommand(),
		verifyCommand(),
		confrontaCommand(),
		spiegaCommand(),
		generateCommand(),
		demoCommand(),
		templateCommand(),
		helpCommand(),
	}
	for _, c := range cmds {
		// Let run translate flag errors instead of printing English help.
		c.OnUsageError = func(_ *cli.Context, err error, _ bool) error { return err }
	}
	return cmds
}
