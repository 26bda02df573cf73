package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/walint/walint/internal/output"
	"github.com/walint/walint/validate"
	"github.com/walint/walint/validate/media"
)

// writeMediaText writes what was found in each media file and its
// findings, then the closing count line:
//
//	video.mp4
//	  type:       video/mp4/h264/NONE
//	  container:  mp4 (brand isom)
//	  ...
//	  warning: the video has no audio track (video/mp4/h264/NONE) [video-no-audio] (code 1000, cloud 131053)
//	    hint: ...
//	    docs: https://...
func writeMediaText(w io.Writer, rs []mediaResult) error {
	var b strings.Builder
	for _, r := range rs {
		i := r.info
		b.WriteString(r.path + "\n")
		field := func(name, value string) {
			if value != "" {
				fmt.Fprintf(&b, "  %-11s %s\n", name+":", value)
			}
		}
		field("type", i.Descriptor())
		if i.Brand != "" {
			field("container", fmt.Sprintf("%s (brand %q)", i.Container, i.Brand))
		} else {
			field("container", i.Container)
		}
		field("size", sizeText(i.Size))
		if i.Width > 0 || i.Height > 0 {
			field("dimensions", fmt.Sprintf("%d×%d", i.Width, i.Height))
		}
		if i.Duration > 0 {
			field("duration", durationText(i.Duration))
		}
		if i.Animated {
			field("animated", "yes")
		}
		for n, t := range i.Tracks {
			field(fmt.Sprintf("track %d", n+1), trackText(t))
		}
		field("damaged", i.Damaged)
		for _, x := range r.findings {
			fmt.Fprintf(&b, "  %s: %s [%s]%s\n", x.Severity, x.Message, x.Rule, output.Codes(x))
			if x.Hint != "" {
				fmt.Fprintf(&b, "    hint: %s\n", x.Hint)
			}
			fmt.Fprintf(&b, "    docs: %s\n", output.DocURL(x.Rule))
		}
		b.WriteString("\n")
	}
	b.WriteString(output.Summarize(mediaFiles(rs)).String() + "\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// trackText describes a track: "video h264 (avc1, handler vide), 64×64, 1s".
func trackText(t media.Track) string {
	codec := t.Codec
	if codec == "" {
		codec = "unknown codec"
	}
	var detail []string
	if t.FourCC != "" {
		detail = append(detail, t.FourCC)
	}
	if t.Handler != "" {
		detail = append(detail, "handler "+t.Handler)
	}
	s := string(t.Kind) + " " + codec
	if len(detail) > 0 {
		s += " (" + strings.Join(detail, ", ") + ")"
	}
	if t.Width > 0 || t.Height > 0 {
		s += fmt.Sprintf(", %d×%d", t.Width, t.Height)
	}
	if t.Duration > 0 {
		s += ", " + durationText(t.Duration)
	}
	return s
}

func sizeText(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%d bytes (%.1f MB)", n, float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d bytes (%.1f KB)", n, float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

func durationText(d time.Duration) string {
	return d.Round(time.Millisecond).String()
}

// jsonMedia is the JSON form of `walint media`, version output.Version.
type jsonMedia struct {
	Version int                `json:"version"`
	Type    string             `json:"type"`
	Files   []output.MediaFile `json:"files"`
}

// writeMediaJSON writes the media results as one JSON document.
func writeMediaJSON(w io.Writer, kind validate.MediaKind, rs []mediaResult) error {
	out := jsonMedia{Version: output.Version, Type: kind.String(), Files: []output.MediaFile{}}
	for _, r := range rs {
		out.Files = append(out.Files, output.NewMediaFile(r.path, r.info, r.findings))
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
