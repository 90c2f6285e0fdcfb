package main

import _ "embed"

// findings is the analysis of the profiles behind the numbers, kept by hand beside the program.
//
//go:embed findings.md
var findings string
