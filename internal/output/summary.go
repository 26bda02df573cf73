package output

import (
	"strconv"
	"strings"

	"github.com/walint/walint/validate"
)

// Summary counts the findings of a run, for the closing line of the text
// format and for anything else that reports totals.
type Summary struct {
	// Files is how many payload files were checked.
	Files int
	// FilesWithFindings is how many of them have at least one finding.
	FilesWithFindings int
	// Errors, Warnings and Infos count the findings by severity.
	Errors, Warnings, Infos int
	// Templates is how many of the files were checked as template
	// creation or edit bodies.
	Templates int
}

// Summarize counts the findings of files.
func Summarize(files []File) Summary {
	var s Summary
	for _, f := range files {
		s.Add(f)
	}
	return s
}

// Add counts one more file and its findings.
func (s *Summary) Add(f File) {
	s.Files++
	if KindName(f.Report) != "" {
		s.Templates++
	}
	fs := f.findings()
	if len(fs) > 0 {
		s.FilesWithFindings++
	}
	for _, x := range fs {
		s.count(x.Severity)
	}
}

// count counts one finding of the severity.
func (s *Summary) count(sev validate.Severity) {
	switch sev {
	case validate.SeverityError:
		s.Errors++
	case validate.SeverityWarning:
		s.Warnings++
	default:
		s.Infos++
	}
}

// Findings returns the number of findings of every severity.
func (s Summary) Findings() int {
	return s.Errors + s.Warnings + s.Infos
}

// String returns the closing line of a run, without a newline:
//
//	3 errors, 1 warning in 2 files (12 files checked)
//	no problems in 12 files
//
// When some files were template bodies, it says how many:
//
//	1 error in 1 file (12 files checked, 3 of them templates)
//	no problems in 12 files (3 of them templates)
func (s Summary) String() string {
	templates := ""
	if s.Templates > 0 {
		templates = strconv.Itoa(s.Templates) + " of them templates"
		if s.Templates == 1 {
			templates = "1 of them a template"
		}
		if s.Files == 1 {
			templates = "a template"
		}
	}
	if s.Findings() == 0 {
		if templates != "" {
			templates = " (" + templates + ")"
		}
		return "no problems in " + plural(s.Files, "file") + templates
	}
	if templates != "" {
		templates = ", " + templates
	}
	return s.counts() + " in " + plural(s.FilesWithFindings, "file") +
		" (" + plural(s.Files, "file") + " checked" + templates + ")"
}

// counts returns the findings by severity: "3 errors, 1 warning".
func (s Summary) counts() string {
	var parts []string
	if s.Errors > 0 {
		parts = append(parts, plural(s.Errors, "error"))
	}
	if s.Warnings > 0 {
		parts = append(parts, plural(s.Warnings, "warning"))
	}
	if s.Infos > 0 {
		// "info" is a mass noun: "2 info", not "2 infos".
		parts = append(parts, strconv.Itoa(s.Infos)+" info")
	}
	return strings.Join(parts, ", ")
}
