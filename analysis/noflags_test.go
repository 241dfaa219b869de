package analysis

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The libraries do not know the command line: no text of theirs (error
// messages, documentation) names an option such as --boundaries. The
// command maps library errors to its options.
func TestLibrariesNameNoCommandLineOption(t *testing.T) {
	flag := regexp.MustCompile(`(^|[\s"'(\x60])--[a-z][a-z-]+`)
	for _, dir := range []string{".", "access", "locate", "../travel", "../travel/traveltest"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for n, line := range strings.Split(string(b), "\n") {
				if flag.MatchString(line) && !strings.Contains(line, "go test ") {
					t.Errorf("%s:%d names a command-line option: %s", f, n+1, strings.TrimSpace(line))
				}
			}
		}
	}
}
