// Command walint lints WhatsApp Business API message payloads before they
// are sent. See the README for usage.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
