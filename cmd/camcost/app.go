package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/urfave/cli/v2"

	"camcost/model"
)

// run executes the command line args and returns the exit status. It is the
// whole CLI, so tests run it in-process.
func run(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		// The first interrupt lets the run stop cleanly; a second one
		// ends the process at once (the next run removes what is left).
		<-ctx.Done()
		stop()
	}()
	app := newApp(stdout, stderr)
	moved, err := interleave(app, args)
	unknownCommand = ""
	if err == nil {
		err = app.RunContext(ctx, moved)
	}
	if err == nil && unknownCommand != "" {
		err = cli.Exit(fmt.Sprintf("comando %q sconosciuto: i comandi sono map, validate, run, verify, generate, demo, template (camcost --help)", unknownCommand), 2)
	}
	if err != nil {
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
		fmt.Fprintln(stderr, "camcost:", err)
		return 1
	}
	return 0
}

func newApp(stdout, stderr io.Writer) *cli.App {
	return &cli.App{
		Name:    "camcost",
		Usage:   "costi dei processi delle Camere di Commercio (activity-based costing)",
		Version: model.Version,
		Description: `camcost legge una cartella di input (personale, tempi, retribuzioni,
contabilità), attribuisce ogni euro del conto economico fino alle attività della
mappa dei processi e scrive le cartelle di lavoro Excel e i file per i revisori.`,
		Writer:               stdout,
		ErrWriter:            stderr,
		EnableBashCompletion: true,
		HideHelpCommand:      true, // "camcost help" still works; --help is what the texts show
		Commands:             commands(),
		Flags:                profileFlags(),
		CommandNotFound: func(c *cli.Context, name string) {
			unknownCommand = name
		},
		ExitErrHandler: func(*cli.Context, error) {}, // run reports errors itself
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

// stopProfiles ends the profiles started by the global flags.
var stopProfiles func() error

// commands lists the subcommands; each lives in a file of its own.
func commands() []*cli.Command {
	cmds := []*cli.Command{
		mapCommand(),
		validateCommand(),
		runCommand(),
		verifyCommand(),
		generateCommand(),
		demoCommand(),
		templateCommand(),
	}
	for _, c := range cmds {
		// Let run translate flag errors instead of printing English help.
		c.OnUsageError = func(_ *cli.Context, err error, _ bool) error { return err }
	}
	return cmds
}
