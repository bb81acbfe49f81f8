package main

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/urfave/cli/v2"
)

// interleave moves the flags of a subcommand before its positional
// arguments: urfave/cli v2 stops parsing flags at the first argument, but
// "camcost run DIR --out OUT" is how the docs, and people, write it. Flags
// keep their order, positional arguments theirs; "--" ends the flags.
func interleave(app *cli.App, args []string) ([]string, error) {
	if len(args) < 2 {
		return args, nil
	}
	cmds := app.Commands
	i := 1
	for i < len(args) && strings.HasPrefix(args[i], "-") {
		// Global flags such as --help, with their value if they take one.
		name, _, hasValue := strings.Cut(strings.TrimLeft(args[i], "-"), "=")
		if f := lookupFlag(app.Flags, name); f != nil && !hasValue && takesValue(f) {
			i++
		}
		i++
	}
	if i >= len(args) {
		// Only global flags, the last perhaps without its value: urfave
		// reports that.
		return args, nil
	}
	cmd := findCommand(cmds, args[i])
	if cmd == nil {
		return args, nil
	}
	out := append([]string{}, args[:i+1]...)
	var pos []string
	rest := args[i+1:]
	for j := 0; j < len(rest); j++ {
		a := rest[j]
		if a == "--" {
			pos = append(pos, rest[j:]...)
			break
		}
		if len(a) < 2 || a[0] != '-' {
			pos = append(pos, a)
			continue
		}
		out = append(out, a)
		name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if name == "h" || name == "help" {
			// Help takes no arguments: urfave would read one as a topic.
			return out, nil
		}
		if f := lookupFlag(cmd.Flags, name); f != nil && !hasValue && takesValue(f) {
			if j+1 == len(rest) {
				return nil, cli.Exit(fmt.Sprintf("%s: l'opzione %s richiede un valore", cmd.Name, a), 2)
			}
			j++
			out = append(out, rest[j])
		}
	}
	return append(out, pos...), nil
}

func findCommand(cmds []*cli.Command, name string) *cli.Command {
	for _, c := range cmds {
		if c.HasName(name) {
			return c
		}
	}
	return nil
}

func lookupFlag(flags []cli.Flag, name string) cli.Flag {
	for _, f := range flags {
		for _, n := range f.Names() {
			if n == name {
				return f
			}
		}
	}
	return nil
}

func takesValue(f cli.Flag) bool {
	if d, ok := f.(cli.DocGenerationFlag); ok {
		return d.TakesValue()
	}
	return true
}

var (
	reUndefined = regexp.MustCompile(`^flag provided but not defined: -+(.+)$`)
	reNeedsArg  = regexp.MustCompile(`^flag needs an argument: -+(.+)$`)
	reInvalid   = regexp.MustCompile(`^invalid (?:boolean )?value "(.*)" for (?:flag )?-+([^:]+):`)
	reRequired  = regexp.MustCompile(`^Required flags? "(.+)" (?:is |are )?not set$`)
)

// usageError turns the flag package's English messages into Italian ones
// with exit status 2; other errors pass unchanged.
func usageError(cmd string, err error) error {
	msg := err.Error()
	// execute prints "camcost: " before the message.
	prefix := ""
	if cmd != "" {
		prefix = cmd + ": "
	}
	switch {
	case reUndefined.MatchString(msg):
		m := reUndefined.FindStringSubmatch(msg)
		help := "camcost --help"
		if cmd != "" {
			help = "camcost " + cmd + " --help"
		}
		return cli.Exit(fmt.Sprintf("%sopzione sconosciuta: --%s (vedere %s)", prefix, m[1], help), 2)
	case reNeedsArg.MatchString(msg):
		m := reNeedsArg.FindStringSubmatch(msg)
		return cli.Exit(fmt.Sprintf("%sl'opzione --%s richiede un valore", prefix, m[1]), 2)
	case reInvalid.MatchString(msg):
		m := reInvalid.FindStringSubmatch(msg)
		return cli.Exit(fmt.Sprintf("%sopzione --%s: valore %q non valido", prefix, m[2], m[1]), 2)
	case reRequired.MatchString(msg):
		m := reRequired.FindStringSubmatch(msg)
		var names []string
		for _, n := range strings.Split(m[1], `", "`) {
			names = append(names, "--"+n)
		}
		return cli.Exit(fmt.Sprintf("%smanca l'opzione obbligatoria %s", prefix, strings.Join(names, ", ")), 2)
	}
	return err
}
