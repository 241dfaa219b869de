package main

import "github.com/spf13/cobra"

// csvRawUsage is the help of --csv-raw, the same on every command that
// writes CSV.
const csvRawUsage = "write CSV text cells raw: no leading ' before values starting with = + - @ tab or CR " +
	"(the spreadsheet formula-injection guard); for files read by programs only"

// addCSVRawFlag adds --csv-raw to a command that writes CSV.
func addCSVRawFlag(cmd *cobra.Command, raw *bool) {
	cmd.Flags().BoolVar(raw, "csv-raw", false, csvRawUsage)
}
