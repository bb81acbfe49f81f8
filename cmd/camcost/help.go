package main

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"
)

// italianHelp puts urfave/cli's help headings and built-in flags in
// Italian: controllers read the help, and everything else they read is
// Italian.
func italianHelp() {
	r := strings.NewReplacer(
		"NAME:", "NOME:",
		"USAGE:", "USO:",
		"VERSION:", "VERSIONE:",
		"DESCRIPTION:", "DESCRIZIONE:",
		"GLOBAL OPTIONS:", "OPZIONI GENERALI:",
		"COMMANDS:", "COMANDI:",
		"OPTIONS:", "OPZIONI:",
		"[global options]", "[opzioni generali]",
		"[command options]", "[opzioni del comando]",
		" command ", " comando ",
		"[arguments...]", "[argomenti...]",
	)
	cli.AppHelpTemplate = r.Replace(cli.AppHelpTemplate)
	cli.CommandHelpTemplate = r.Replace(cli.CommandHelpTemplate)
	cli.SubcommandHelpTemplate = r.Replace(cli.SubcommandHelpTemplate)
	cli.HelpFlag = &cli.BoolFlag{Name: "help", Aliases: []string{"h"}, Usage: "mostra questo aiuto"}
	cli.VersionFlag = &cli.BoolFlag{Name: "version", Aliases: []string{"v"}, Usage: "mostra la versione"}
	stringer := cli.FlagStringer
	cli.FlagStringer = func(f cli.Flag) string { return italianDefault(stringer(f)) }
}

// italianDefault puts the default value of a flag in Italian, and leaves
// out that of a switch, which is always off.
func italianDefault(s string) string {
	s = strings.Replace(s, " (default: false)", "", 1)
	return strings.Replace(s, " (default: ", " (predefinito: ", 1)
}

// helpCommand is "camcost help [COMANDO]": the list of commands, or the
// help of one, as --help shows them.
func helpCommand() *cli.Command {
	return &cli.Command{
		Name:      "help",
		Usage:     "elenca i comandi, o spiega un comando (come COMANDO --help)",
		UsageText: "camcost help [COMANDO]",
		Action: func(c *cli.Context) error {
			switch c.NArg() {
			case 0:
				return cli.ShowAppHelp(c)
			case 1:
				name := c.Args().First()
				if findCommand(c.App.Commands, name) == nil {
					return cli.Exit(fmt.Sprintf("help: comando %q sconosciuto: %s", name, commandNames), 2)
				}
				// From the app's context: the help command has no subcommands.
				return cli.ShowCommandHelp(c.Lineage()[1], name)
			}
			return cli.Exit("help: indicare al più un comando, es. camcost help run", 2)
		},
	}
}

func init() { italianHelp() }
