// Command dockerfile-lint parses a Dockerfile with BuildKit's own parser and runs BuildKit's lint rules (the
// checks of `docker build --check`), without a Docker engine. It prints JSON: the stages with their
// instructions as written, and every parser or lint warning. Exit status 1 only when the file cannot be parsed.
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

type stage struct {
	Name         string   `json:"name"`
	Base         string   `json:"base"`
	Instructions []string `json:"instructions"`
}

type report struct {
	Stages   []stage  `json:"stages"`
	Warnings []string `json:"warnings"`
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	os.Exit(1)
}

func main() {
	if len(os.Args) != 2 {
		fail("usage: dockerfile-lint DOCKERFILE")
	}
	file, err := os.Open(os.Args[1])
	if err != nil {
		fail("%v", err)
	}
	defer file.Close()
	parsed, err := parser.Parse(file)
	if err != nil {
		fail("parse error: %v", err)
	}
	out := report{Stages: []stage{}, Warnings: []string{}}
	for _, w := range parsed.Warnings {
		out.Warnings = append(out.Warnings, w.Short)
	}
	lint := linter.New(&linter.Config{Warn: func(rule, _, _, msg string, location []parser.Range) {
		line := 0
		if len(location) > 0 {
			line = location[0].Start.Line
		}
		out.Warnings = append(out.Warnings, fmt.Sprintf("%s: %s (line %d)", rule, msg, line))
	}})
	stages, _, err := instructions.Parse(parsed.AST, lint)
	if err != nil {
		fail("instruction error: %v", err)
	}
	for _, s := range stages {
		st := stage{Name: s.Name, Base: s.BaseName, Instructions: []string{}}
		for _, command := range s.Commands {
			st.Instructions = append(st.Instructions, fmt.Sprint(command))
		}
		out.Stages = append(out.Stages, st)
	}
	encoder := json.NewEncoder(os.Stdout)
	encoder.SetIndent("", "  ")
	if err := encoder.Encode(out); err != nil {
		fail("%v", err)
	}
}
