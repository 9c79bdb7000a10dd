// Command palabre serves the Palabre API and administers its database. See
// `palabre help`, or server.Main where the commands are.
package main

import (
	"context"
	"os"

	"github.com/palabre/palabre/server"
)

func main() {
	os.Exit(server.Main(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}
