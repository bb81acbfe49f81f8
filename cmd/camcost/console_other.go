//go:build !windows

package main

// ownConsole reports whether camcost has a console window that closes when
// it exits; only Windows opens one for a program started by a double click.
func ownConsole() bool { return false }
