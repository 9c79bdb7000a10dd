// Command palabre serves the Palabre API and administers its database. See
// `palabre help`; cli.go lists the commands, one file each.
package main

import (
	"context"
	"os"
)

func main() {
	os.Exit(Main(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}
