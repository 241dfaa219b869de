package speccheck

import (
	"os"
	"regexp"
	"sort"
	"strings"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/contributions"
	"github.com/partons/partons/datasets/reportdir"
	"github.com/partons/partons/study/usage"
)

// mappingSuffix is what the part after a file argument's last ':' must
// look like to be read as mappings: field=column(,field=column)*.
var mappingSuffix = regexp.MustCompile(`^[A-Za-z_]+=[^,=]+(,[A-Za-z_]+=[^,=]+)*$`)

// SplitFileArg splits a village or service file given as FILE[:field=col,…].
// An argument naming an existing file is that file, whatever it contains
// (a path may hold ':'). Otherwise, when the part after the last ':'
// matches field=column(,field=column)*, it holds the file's own mappings
// and the part before is the path; else the whole argument is a path
// (so C:\data\bpe.csv stays a path, and C:\data\bpe.csv:category=TYPEQU
// maps one column). Column names in such mappings cannot hold ',', '='
// or ':'; map those in the config file.
func SplitFileArg(arg string) (path string, fields map[string]string) {
	if _, err := os.Stat(arg); err == nil {
		return arg, nil
	}
	i := strings.LastIndexByte(arg, ':')
	if i <= 0 || !mappingSuffix.MatchString(arg[i+1:]) {
		return arg, nil
	}
	fields = map[string]string{}
	for _, kv := range strings.Split(arg[i+1:], ",") {
		k, v, _ := strings.Cut(kv, "=")
		fields[strings.TrimSpace(k)] = strings.TrimSpace(v)
	}
	return arg[:i], fields
}

// CheckFileFields makes sure every per-file mapping names known fields,
// so that a typo is a usage error before any file is read.
func CheckFileFields(ff []reportdir.FileFields) error {
	seen := map[[2]string]bool{}
	for _, f := range ff {
		var err error
		switch f.Kind {
		case "villages":
			s := datasets.DefaultVillageSchema()
			err = s.Apply(f.Fields)
		case "services":
			s := datasets.DefaultServiceSchema()
			err = s.Apply(f.Fields)
		case "contributions":
			s := contributions.DefaultSchema()
			err = s.Apply(f.Fields)
		default:
			return usage.Errorf("file fields of %s: kind %q is not villages, services or contributions", f.Path, f.Kind)
		}
		if err != nil {
			return usage.Errorf("{%s} %s: %v", f.Kind, describeFileFields(f), err)
		}
		k := [2]string{f.Kind, f.Path}
		if seen[k] {
			return usage.Errorf("{%s} %s: the file is given twice", f.Kind, f.Path)
		}
		seen[k] = true
	}
	return nil
}

// describeFileFields writes f back as FILE:field=col,….
func describeFileFields(f reportdir.FileFields) string {
	keys := make([]string, 0, len(f.Fields))
	for k := range f.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + f.Fields[k]
	}
	return f.Path + ":" + strings.Join(parts, ",")
}

// FieldsFor returns the mappings of the file path of kind, nil when none.
func FieldsFor(ff []reportdir.FileFields, kind, path string) map[string]string {
	for _, f := range ff {
		if f.Kind == kind && f.Path == path {
			return f.Fields
		}
	}
	return nil
}
