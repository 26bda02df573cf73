package output

import (
	"github.com/walint/walint/validate"
	"github.com/walint/walint/validate/media"
)

// MediaFile is the JSON form of one inspected media file: what was found in
// it and what a message of its kind would be refused for. `walint media
// --format json` lists them; the browser module returns one.
type MediaFile struct {
	Path       string         `json:"path,omitempty"`
	MIME       string         `json:"mime"`
	Descriptor string         `json:"descriptor"`
	Container  string         `json:"container"`
	Brand      string         `json:"brand,omitempty"`
	Size       int64          `json:"size"`
	Width      int            `json:"width,omitempty"`
	Height     int            `json:"height,omitempty"`
	DurationMS int64          `json:"duration_ms,omitempty"`
	Animated   bool           `json:"animated"`
	Damaged    string         `json:"damaged,omitempty"`
	Tracks     []MediaTrack   `json:"tracks"`
	Findings   []MediaFinding `json:"findings"`
}

// MediaTrack is one stream of a media file.
type MediaTrack struct {
	Kind       string `json:"kind"`
	Handler    string `json:"handler,omitempty"`
	FourCC     string `json:"fourcc,omitempty"`
	Codec      string `json:"codec"`
	Width      int    `json:"width,omitempty"`
	Height     int    `json:"height,omitempty"`
	DurationMS int64  `json:"duration_ms,omitempty"`
}

// MediaFinding is a finding about a media file: a payload finding without a
// place in a payload.
type MediaFinding struct {
	Rule      string            `json:"rule"`
	Severity  validate.Severity `json:"severity"`
	Code      int               `json:"code"`
	CloudCode int               `json:"cloud_code"`
	Message   string            `json:"message"`
	Hint      string            `json:"hint,omitempty"`
	Doc       string            `json:"doc"`
}

// NewMediaFile builds the JSON form of an inspection and its findings.
func NewMediaFile(path string, info *media.Info, findings []validate.Finding) MediaFile {
	f := MediaFile{Path: path, MIME: info.MIME, Descriptor: info.Descriptor(), Container: info.Container, Brand: info.Brand,
		Size: info.Size, Width: info.Width, Height: info.Height, DurationMS: info.Duration.Milliseconds(),
		Animated: info.Animated, Damaged: info.Damaged, Tracks: []MediaTrack{}, Findings: []MediaFinding{}}
	for _, t := range info.Tracks {
		f.Tracks = append(f.Tracks, MediaTrack{Kind: string(t.Kind), Handler: t.Handler, FourCC: t.FourCC, Codec: t.Codec,
			Width: t.Width, Height: t.Height, DurationMS: t.Duration.Milliseconds()})
	}
	for _, x := range findings {
		f.Findings = append(f.Findings, MediaFinding{Rule: x.Rule, Severity: x.Severity, Code: x.Code,
			CloudCode: x.CloudCode, Message: x.Message, Hint: x.Hint, Doc: DocURL(x.Rule)})
	}
	return f
}
