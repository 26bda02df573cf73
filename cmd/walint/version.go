package main

import (
	"runtime/debug"
)

// moduleVersion returns walint's module version from the build
// information: a release tag for `go install ...@v1.2.3`, "(devel)" for a
// build from a checkout or when it is unknown.
func moduleVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}

// versionString returns the module version followed, when the build
// recorded it, by the VCS revision and commit time:
//
//	v1.2.0
//	(devel) (revision 0123456789ab, modified, 2025-11-23T09:43:00Z)
func versionString() string {
	v := moduleVersion()
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return v
	}
	var rev, when, modified string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			when = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = ", modified"
			}
		}
	}
	if rev == "" {
		return v
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if when != "" {
		when = ", " + when
	}
	return v + " (revision " + rev + modified + when + ")"
}
