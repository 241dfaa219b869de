package main

import "github.com/partons/partons/study/usage"

// userMessage is err as stderr shows it: one line per problem, options
// named by their flags.
func userMessage(err error) string { return usage.Message(flagged(err)) }
