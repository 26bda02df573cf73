package validate

import "testing"

func TestValidPackageName(t *testing.T) {
	for s, want := range map[string]bool{
		"com.example.app": true, "com.example.gardenapp.beta": true, "a.b": true, "Com.Example_2.App3": true,
		"gardenapp": false, "com..example": false, ".com.example": false, "com.example.": false,
		"com.1example": false, "com._example": false, "com.exa-mple": false, "com.example.app/": false, "": false,
	} {
		if got := validPackageName(s); got != want {
			t.Errorf("validPackageName(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestPlaceholderSpans(t *testing.T) {
	for s, want := range map[string]int{
		"https://a.example/{{1}}": 1, "https://a.example/{{1}}/{{2}}": 2, "{{1}}": 1, "https://a.example/": 0,
		"https://a.example/{{1": 0, "https://a.example/{{1}}}": 1, "{{a}}{{b}}": 2,
	} {
		if got := len(placeholderSpans(s)); got != want {
			t.Errorf("placeholderSpans(%q) found %d, want %d", s, got, want)
		}
	}
	if got := placeholderSpans("https://a.example/x{{1}}"); len(got) != 1 || got[0] != [2]int{19, 24} {
		t.Errorf("placeholderSpans: %v, want [[19 24]]", got)
	}
}
