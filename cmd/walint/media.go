package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/walint/walint/internal/output"
	"github.com/walint/walint/validate"
	"github.com/walint/walint/validate/media"
)

const mediaUsage = `usage: walint media --type TYPE [--voice] [--format text|json] [flags] FILE...

Inspects media files before they are uploaded or linked: the MIME type
sniffed from the bytes, the container, the tracks and their codecs, the size,
the dimensions, animation and damage. Then reports what WhatsApp would refuse
in a message of the given TYPE: image, video, audio, document or sticker
(--voice: audio sent as a voice note).

Exit status: 0 nothing at or above --fail-on, 1 something was, 2 bad usage or
unreadable file, 3 internal failure.

Flags:
`

// mediaTypes are the message types --type offers: the media kinds that are
// message types of their own. --type takes any media kind's name (voice,
// template-image...), but these and --voice are what a person needs.
var mediaTypes = func() []string {
	var types []string
	for _, k := range validate.MediaKinds() {
		if k.String() == k.MessageType() {
			types = append(types, k.String())
		}
	}
	return types
}()

// mediaResult is what inspecting one media file gave.
type mediaResult struct {
	path     string
	info     *media.Info
	findings []validate.Finding
	err      error
}

// runMedia inspects media files.
func runMedia(args []string, e *env) int {
	fs := newFlagSet("walint media", mediaUsage, e)
	cf := addConfigFlags(fs, "config", "dialect", "fail-on", "disable")
	kind := fs.String("type", "", "the message `type` the files are for: "+strings.Join(mediaTypes, ", "))
	voice := fs.Bool("voice", false, "check audio as a voice note (OGG/Opus, at most 512 KB for the play icon)")
	format := fs.String("format", "text", "output `format`: text or json")
	paths, code, ok := parseArgs(fs, args, e)
	if !ok {
		return code
	}
	k, kindErr := validate.ParseMediaKind(*kind)
	switch {
	case *kind == "":
		e.errorf("media needs --type: one of %s", strings.Join(mediaTypes, ", "))
		return exitUsage
	case kindErr != nil:
		e.errorf("unknown media type %q (want %s)", *kind, strings.Join(mediaTypes, ", "))
		return exitUsage
	case *voice && k != validate.MediaAudio:
		e.errorf("--voice is for --type audio")
		return exitUsage
	case *format != "text" && *format != "json":
		e.errorf("unknown format %q (want text or json)", *format)
		return exitUsage
	case len(paths) == 0:
		e.errorf("no media files given")
		fs.Usage()
		return exitUsage
	}
	if *voice {
		k = validate.MediaVoice
	}
	s, err := cf.load()
	if err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	// The validator judges the files with the configuration's dialect,
	// disabled rules and severities, as it judges payloads.
	v, err := validate.New(s.ruleOptions()...)
	if err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	var files []string
	for _, p := range paths {
		matches := []string{p}
		if _, err := os.Lstat(p); err != nil && hasMeta(p) {
			if matches, err = glob(p); err != nil || len(matches) == 0 {
				e.errorf("no files match %q", p)
				code = exitUsage
			}
		}
		files = append(files, matches...)
	}
	results := make([]mediaResult, len(files))
	forEach(len(files), func(i int) {
		results[i] = inspectFile(v, files[i], k)
	})
	var checked []mediaResult
	for _, r := range results {
		if r.err != nil {
			e.errorf("%v", r.err)
			code = worse(code, exitUsage)
			continue
		}
		checked = append(checked, r)
		if atOrAbove(r.findings, s.FailOn) > 0 {
			code = worse(code, exitFound)
		}
	}
	if *format == "json" {
		err = writeMediaJSON(e.stdout, k, checked)
	} else {
		err = writeMediaText(e.stdout, checked)
	}
	if err != nil {
		e.errorf("writing the report: %v", err)
		return worse(code, exitUsage)
	}
	return code
}

// inspectFile inspects one file and judges it as media of the kind.
func inspectFile(v *validate.Validator, name string, kind validate.MediaKind) mediaResult {
	r := mediaResult{path: name}
	f, err := openFile(name, false)
	if err != nil {
		r.err = err
		return r
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		r.err = err
		return r
	}
	if r.info, err = media.Inspect(f, st.Size()); err != nil {
		r.err = fmt.Errorf("inspecting %s: %w", name, err)
		return r
	}
	r.findings, r.err = v.CheckMedia(kind, r.info, "")
	return r
}

// fallbackSource tries each source in turn while the link's file is not
// found: a local mirror first, then the network.
type fallbackSource []media.Source

func (fs fallbackSource) Open(ctx context.Context, link string) (*media.Object, error) {
	var err error
	for _, src := range fs {
		var obj *media.Object
		if obj, err = src.Open(ctx, link); err == nil {
			return obj, nil
		}
		var nf *media.NotFoundError
		if !errors.As(err, &nf) {
			return nil, err
		}
	}
	return nil, err
}

// mediaFiles wraps media results as output files, for the summary line.
func mediaFiles(rs []mediaResult) []output.File {
	files := make([]output.File, len(rs))
	for i, r := range rs {
		files[i] = output.File{Path: r.path, Report: &validate.Report{Findings: r.findings}}
	}
	return files
}
