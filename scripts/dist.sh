#!/usr/bin/env bash
# Release artifacts, run by make dist (docs/releasing.md says how a release
# is cut): the command for each platform, static (CGO_ENABLED=0), built with
# -trimpath and its version stamped (-X main.version), archived with the
# README and the LICENSE (tar.gz, zip for windows); the checker page's files
# (what make wasm left in $WEB) as one tar.gz; the npm package's tarball
# (what make dist packed into $NPM_PACK); SHA256SUMS over them all, in
# sha256sum's format; and RELEASE_NOTES.md, CHANGELOG's section for the
# version (release-notes.sh). Each archive holds one directory of its own
# name.
#
#	VERSION=v1.2.3 bash scripts/dist.sh
#
# Environment:
#	VERSION    stamped into the command and named in the files (a leading
#	           "v" before a digit is left out of the names, as GoReleaser
#	           does); default: git describe --tags --always --dirty, or
#	           "dev" outside a git checkout
#	PLATFORMS  GOOS/GOARCH pairs; default: linux, darwin and windows on
#	           amd64 and arm64
#	OUT        the directory to write into (its walint_* and walint-*.tgz
#	           files, SHA256SUMS and RELEASE_NOTES.md are removed first);
#	           default: dist
#	WEB        the page's files, after make wasm; default: wasm/web
#	NPM_PACK   a directory holding the npm package's tarball, walint-*.tgz,
#	           alone (make dist packs it with wasm/npm/scripts/build.js
#	           --pack); default: wasm/npm/dist/pack
#	CHANGELOG  the changelog; default: CHANGELOG.md
#	GO         the go command; default: go
#	SOURCE_DATE_EPOCH  the time of every file in the archives; default: the
#	           commit's, so that the same commit gives the same archives
set -euo pipefail
cd "$(dirname "$0")/.."

GO=${GO:-go}
PLATFORMS=${PLATFORMS:-linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64}
OUT=${OUT:-dist}
WEB=${WEB:-wasm/web}
NPM_PACK=${NPM_PACK:-wasm/npm/dist/pack}
CHANGELOG=${CHANGELOG:-CHANGELOG.md}

die() { echo "dist: $*" >&2; exit 1; }

if [ -z "${VERSION:-}" ]; then
	VERSION=$(git describe --tags --always --dirty 2>/dev/null) || VERSION=dev
fi
# The version goes into file names and, unquoted, into -ldflags.
[[ $VERSION =~ ^[A-Za-z0-9][A-Za-z0-9._+-]*$ ]] || die "VERSION $VERSION: want letters, digits and . _ + - (v1.2.3)"
name_version=$VERSION
[[ $VERSION =~ ^v[0-9] ]] && name_version=${VERSION#v}

# The page: its sources are committed, the rest is make wasm's; a release
# without the compressed copies would serve a 7 MB module uncompressed.
for f in index.html walint.js core.js worker.js wasm_exec.js walint.wasm walint.wasm.gz walint.wasm.br examples/index.json; do
	[ -f "$WEB/$f" ] || die "$WEB/$f is missing: run make wasm first"
done

# The npm tarball: the one make dist just packed, for this version. Its
# package.json has the version without the "v"; a version that is not
# X.Y.Z[-pre] becomes a prerelease of 0.0.0 (build.js's npmVersion), which
# is not checked here.
shopt -s nullglob
tarballs=("$NPM_PACK"/walint-*.tgz)
shopt -u nullglob
[ ${#tarballs[@]} -eq 1 ] || die "$NPM_PACK holds ${#tarballs[@]} npm tarballs (walint-*.tgz), want one: run make dist, which packs it"
npm_tarball=${tarballs[0]}
npm_version=$(tar -xzOf "$npm_tarball" package/package.json | sed -n 's/^  "version": "\(.*\)",$/\1/p') ||
	die "$npm_tarball: no package/package.json in it"
if [[ $name_version =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]] && [ "$npm_version" != "$name_version" ]; then
	die "$npm_tarball is version ${npm_version:-unknown}, not $name_version: run make dist VERSION=$VERSION, which packs it"
fi

# The notes, before anything is built: a release without them is no release.
notes=$(bash scripts/release-notes.sh "$VERSION" "$CHANGELOG") || exit 1

tar --version 2>/dev/null | grep -q 'GNU tar' || die "GNU tar is needed (on macOS: brew install gnu-tar, then PATH=\$(brew --prefix)/opt/gnu-tar/libexec/gnubin:\$PATH)"
if command -v sha256sum >/dev/null; then
	sha256() { sha256sum "$@"; }
elif command -v shasum >/dev/null; then
	sha256() { shasum -a 256 "$@"; }
else
	die "sha256sum (or shasum) is needed"
fi
case " $PLATFORMS " in
*" windows/"*) command -v zip >/dev/null || die "zip is needed for the windows archives (apt-get install zip)" ;;
esac

if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
	# 1980-01-01, the earliest time a zip file can hold, outside git.
	SOURCE_DATE_EPOCH=$(git log -1 --format=%ct 2>/dev/null) || SOURCE_DATE_EPOCH=315532800
fi

mkdir -p "$OUT"
out=$(cd "$OUT" && pwd)
rm -f "$out"/walint_* "$out"/walint-*.tgz "$out/SHA256SUMS" "$out/RELEASE_NOTES.md"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

# archive DIR FORMAT [EXE] writes $out/DIR.FORMAT (tar.gz or zip) from
# $stage/DIR: names sorted, owner root, times fixed and modes 0644 but for
# DIR/EXE's 0755, so that the same files give the same bytes.
archive() {
	local dir=$1 format=$2 exe=${3:-}
	find "$stage/$dir" -type d -exec chmod 0755 {} +
	find "$stage/$dir" -type f -exec chmod 0644 {} +
	[ -z "$exe" ] || chmod 0755 "$stage/$dir/$exe"
	find "$stage/$dir" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
	case $format in
	zip) (cd "$stage" && find "$dir" -type f | LC_ALL=C sort | TZ=UTC zip -q -X -9 "$out/$dir.zip" -@) ;;
	tar.gz)
		tar -C "$stage" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" -cf - "$dir" |
			gzip -9 -n >"$out/$dir.tar.gz"
		;;
	esac
}

host=$("$GO" env GOHOSTOS)/$("$GO" env GOHOSTARCH)
for platform in $PLATFORMS; do
	goos=${platform%/*} goarch=${platform#*/}
	dir=walint_${name_version}_${goos}_${goarch}
	exe=walint format=tar.gz
	[ "$goos" = windows ] && exe=walint.exe format=zip
	mkdir "$stage/$dir"
	echo "dist: $dir"
	# -buildvcs=auto overrides a GOFLAGS=-buildvcs=false (this machine's go
	# env has one) so that --version names the commit; GOAMD64 and GOARM64
	# are the baselines, whatever the environment says.
	CGO_ENABLED=0 GOOS=$goos GOARCH=$goarch GOAMD64=v1 GOARM64=v8.0 \
		"$GO" build -trimpath -buildvcs=auto -ldflags "-s -w -X main.version=$VERSION" \
		-o "$stage/$dir/$exe" ./cmd/walint
	if [ "$platform" = "$host" ]; then
		"$stage/$dir/$exe" --version | sed 's/^/dist:   /'
	fi
	cp README.md "$stage/$dir/"
	[ -f LICENSE ] && cp LICENSE "$stage/$dir/"
	archive "$dir" $format $exe
done

# The page, without what make wasm's build leaves behind on failure
# (walint.wasm.new) or an editor's and a file manager's dotfiles.
dir=walint_${name_version}_web
echo "dist: $dir"
mkdir "$stage/$dir"
(cd "$WEB" && find . -type f ! -name '.*' ! -name '*.new' -exec cp --parents -t "$stage/$dir" {} +)
# walint's licence, and Go's, which covers wasm_exec.js and the Go runtime
# in walint.wasm (the npm package ships it as dist/LICENSE-go too).
[ -f LICENSE ] && cp LICENSE "$stage/$dir/"
cp "$("$GO" env GOROOT)/LICENSE" "$stage/$dir/LICENSE-go"
archive "$dir" tar.gz

cp "$npm_tarball" "$out/"
echo "dist: $(basename "$npm_tarball") (npm, version $npm_version)"
printf '%s\n' "$notes" >"$out/RELEASE_NOTES.md"

# The archives, then the npm tarball, each glob sorted in the C locale
# whatever the machine's, so that the same files give the same SHA256SUMS.
(cd "$out" && export LC_ALL=C && sha256 walint_* walint-*.tgz >SHA256SUMS)
echo "dist: in $OUT:"
(cd "$out" && ls -l walint_* walint-*.tgz SHA256SUMS RELEASE_NOTES.md | awk '{printf "dist:   %10d  %s\n", $5, $9}')
