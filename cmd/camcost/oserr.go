package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"syscall"
)

// osOps names in Italian what the operating system was doing.
var osOps = map[string]string{
	"open":       "apertura di",
	"openat":     "apertura di",
	"mkdir":      "creazione della cartella",
	"stat":       "accesso a",
	"lstat":      "accesso a",
	"read":       "lettura di",
	"readdirent": "lettura della cartella",
	"readdir":    "lettura della cartella",
	"fdopendir":  "lettura della cartella",
	"write":      "scrittura di",
	"sync":       "scrittura di",
	"close":      "scrittura di",
	"rename":     "spostamento di",
	"remove":     "eliminazione di",
	"unlinkat":   "eliminazione di",
	"chmod":      "modifica dei permessi di",
	"createfile": "apertura di",
}

// osReason says in Italian why the operating system refused.
func osReason(err error) string {
	switch {
	case errors.Is(err, syscall.ENOTDIR):
		return "una parte del percorso è un file, non una cartella"
	case errors.Is(err, fs.ErrNotExist):
		return "il file o la cartella non esiste"
	case errors.Is(err, fs.ErrPermission):
		return "permesso negato"
	case errors.Is(err, fs.ErrExist):
		return "esiste già"
	case errors.Is(err, syscall.EISDIR):
		return "è una cartella, non un file"
	case errors.Is(err, syscall.ENOSPC):
		return "spazio su disco esaurito"
	case errors.Is(err, syscall.EROFS):
		return "il disco è di sola lettura"
	case errors.Is(err, syscall.ENAMETOOLONG):
		return "nome troppo lungo"
	case errors.Is(err, syscall.EBUSY):
		return "il file è in uso da un altro programma"
	case errors.Is(err, syscall.ENOTEMPTY):
		return "la cartella non è vuota"
	}
	var errno syscall.Errno
	if errors.As(err, &errno) {
		return fmt.Sprintf("errore del sistema operativo n. %d", uintptr(errno))
	}
	return ""
}

// osText is err's message with the operating system's English words,
// which the file system errors of Go carry ("open x: no such file or
// directory"), put in Italian.
func osText(err error) string {
	msg := err.Error()
	var pe *fs.PathError
	if errors.As(err, &pe) {
		if reason := osReason(pe.Err); reason != "" {
			op := osOps[pe.Op]
			if op == "" {
				op = "accesso a"
			}
			return strings.Replace(msg, pe.Error(), fmt.Sprintf("%s %s: %s", op, pe.Path, reason), 1)
		}
		return msg
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		if reason := osReason(le.Err); reason != "" {
			return strings.Replace(msg, le.Error(), fmt.Sprintf("spostamento di %s in %s: %s", le.Old, le.New, reason), 1)
		}
		return msg
	}
	var se *os.SyscallError
	if errors.As(err, &se) {
		if reason := osReason(se.Err); reason != "" {
			return strings.Replace(msg, se.Error(), reason, 1)
		}
		return msg
	}
	var errno syscall.Errno
	if errors.As(err, &errno) {
		return strings.Replace(msg, errno.Error(), osReason(errno), 1)
	}
	return msg
}
