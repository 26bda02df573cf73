#!/usr/bin/env bash
# Prints a release's notes: the body of CHANGELOG's section for VERSION,
# without its heading (the GitHub release names the version) and without
# the links of version labels that Keep a Changelog puts at the end of the
# file. make dist writes them into dist/RELEASE_NOTES.md, and runs this
# first so that a release without notes fails before anything is built.
#
#	bash scripts/release-notes.sh VERSION [CHANGELOG]
#
# A section's heading is Keep a Changelog's "## [1.2.3] - 2026-12-10"
# ("## [1.2.3]" and "## 1.2.3" do too), VERSION's leading "v" before a
# digit left out. A release (X.Y.Z) must have a section with something in
# it. Anything else, a prerelease (v1.2.3-rc.1) or a snapshot from git
# describe, has its own section if there is one, else the Unreleased one:
# so a rehearsal before the changelog names the release is
# make dist VERSION=v1.2.3-rc.1.
set -euo pipefail

die() { echo "release-notes: $*" >&2; exit 1; }

[ $# -ge 1 ] && [ $# -le 2 ] || die "usage: release-notes.sh VERSION [CHANGELOG]"
version=$1 changelog=${2:-CHANGELOG.md}
[[ $version =~ ^v[0-9] ]] && version=${version#v}
[ -f "$changelog" ] || die "$changelog not found: the release notes are its section for $version"

# section LABEL prints the body of the section headed [LABEL] (or LABEL),
# blank lines at either end trimmed; nothing when there is none.
section() {
	awk -v label="$1" '
		/^## / {
			if (found) exit
			h = tolower($2)
			found = h == tolower("[" label "]") || h == tolower(label)
			next
		}
		!found { next }
		/^\[[^]]+\]: / {
			ref = tolower(substr($0, 2, index($0, "]") - 2))
			if (ref == "unreleased" || ref ~ /^v?[0-9]/) next
		}
		{ lines[++n] = $0 }
		END {
			first = 1
			while (first <= n && lines[first] ~ /^[ \t]*$/) first++
			last = n
			while (last >= first && lines[last] ~ /^[ \t]*$/) last--
			for (i = first; i <= last; i++) print lines[i]
		}' "$changelog"
}

notes=$(section "$version")
if [ -z "$notes" ]; then
	sections=$(awk '/^## / { printf "%s%s", sep, $2; sep = ", " }' "$changelog")
	if [[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
		die "$changelog has no section for $version (its sections: ${sections:-none}), or an empty one: a release's notes are its own section, so head its entries \"## [$version] - YYYY-MM-DD\" before make dist (a rehearsal before then: make dist VERSION=v$version-rc.1, whose notes are the Unreleased section)"
	fi
	notes=$(section Unreleased)
	[ -n "$notes" ] || die "$changelog has no section for $version and no Unreleased one with something in it (its sections: ${sections:-none})"
	echo "release-notes: $changelog has no section for $version: the notes are its Unreleased section" >&2
fi
printf '%s\n' "$notes"
