package main

import (
	"runtime/debug"
)

// version is the release version make dist stamps into the command with
// -ldflags "-X main.version=v1.2.3" (scripts/dist.sh). It is empty in any
// other build, where the build information gives the version instead.
var version string

// moduleVersion returns walint's version: the stamped release version when
// there is one, otherwise the module version from the build information (a
// release tag for `go install ...@v1.2.3`, a pseudo-version for a build from
// a checkout with VCS stamping, "(devel)" without it or when it is unknown).
// It is the version SARIF reports and the first word of versionString.
func moduleVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}

// versionString returns the version followed, when the build recorded it,
// by the VCS revision and commit time:
//
//	v1.2.0
//	v1.2.0 (revision 0123456789ab, 2025-11-23T09:43:00Z)
//	(devel) (revision 0123456789ab, modified, 2025-11-23T09:43:00Z)
func versionString() string {
	v := moduleVersion()
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return v
	}
	return v + revision(bi.Settings)
}

// revision returns " (revision R[, modified][, TIME])" from the VCS
// settings of the build information, or "" when it has no revision (go
// install of a module version, -buildvcs=false, no VCS checkout).
func revision(settings []debug.BuildSetting) string {
	var rev, when, modified string
	for _, s := range settings {
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
		return ""
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if when != "" {
		when = ", " + when
	}
	return " (revision " + rev + modified + when + ")"
}
