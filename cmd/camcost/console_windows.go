//go:build windows

package main

import (
	"unsafe"

	"golang.org/x/sys/windows"
)

// ownConsole reports whether camcost has a console window of its own, which
// Windows closes when camcost exits: it was started by a double click or by
// dragging a folder onto camcost.exe, not from a terminal.
func ownConsole() bool {
	proc := windows.NewLazySystemDLL("kernel32.dll").NewProc("GetConsoleProcessList")
	if proc.Find() != nil {
		return false
	}
	var ids [2]uint32
	n, _, _ := proc.Call(uintptr(unsafe.Pointer(&ids[0])), 2)
	return n == 1
}
