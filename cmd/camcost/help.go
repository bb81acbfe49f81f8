package main

import (
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
}

func init() { italianHelp() }
