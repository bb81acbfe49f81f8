package main

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"
)

// errHelpShown stops a command whose help was asked for after its
// arguments.
var errHelpShown = errors.New("help shown")

// trailingFlags applies the flags written after the positional arguments,
// which urfave/cli v2 leaves among the arguments ("camcost validate DIR
// --method scalare" is how users write it), and returns the positional
// arguments. "--" ends the flags.
func trailingFlags(c *cli.Context) ([]string, error) {
	var pos []string
	args := c.Args().Slice()
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return append(pos, args[i+1:]...), nil
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			pos = append(pos, a)
			continue
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if name == "h" || name == "help" {
			if err := cli.ShowSubcommandHelp(c); err != nil {
				return nil, err
			}
			return nil, errHelpShown
		}
		f := findFlag(c.Command.Flags, name)
		if f == nil {
			return nil, fmt.Errorf("opzione sconosciuta %s", a)
		}
		if !hasValue {
			value = "true"
			if dg, ok := f.(cli.DocGenerationFlag); ok && dg.TakesValue() {
				if i+1 == len(args) {
					return nil, fmt.Errorf("manca il valore dell'opzione %s", a)
				}
				i++
				value = args[i]
			}
		}
		if err := c.Set(f.Names()[0], value); err != nil {
			return nil, fmt.Errorf("opzione %s: %w", a, err)
		}
	}
	return pos, nil
}

func findFlag(flags []cli.Flag, name string) cli.Flag {
	for _, f := range flags {
		if slices.Contains(f.Names(), name) {
			return f
		}
	}
	return nil
}
