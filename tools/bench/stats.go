package main

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func seconds(ds []time.Duration) []float64 {
	out := make([]float64, len(ds))
	for i, d := range ds {
		out[i] = d.Seconds()
	}
	return out
}

// pick maps samples to one number each.
func pick(ss []sample, f func(sample) float64) []float64 {
	out := make([]float64, len(ss))
	for i, s := range ss {
		out[i] = f(s)
	}
	return out
}

// worst is the largest value of f over the samples.
func worst(ss []sample, f func(sample) int) int {
	m := 0
	for _, s := range ss {
		m = max(m, f(s))
	}
	return m
}

// table renders a markdown table with padded columns, so that it also reads as text.
type table struct {
	head  []string
	right []bool // right-aligned columns
	rows  [][]string
}

func (t *table) add(cells ...string) { t.rows = append(t.rows, cells) }

func (t table) String() string {
	width := make([]int, len(t.head))
	for _, row := range append([][]string{t.head}, t.rows...) {
		for i, c := range row {
			width[i] = max(width[i], utf8.RuneCountInString(c), 3)
		}
	}
	var b strings.Builder
	line := func(cells []string, sep bool) {
		b.WriteString("|")
		for i := range t.head {
			c := ""
			if i < len(cells) {
				c = cells[i]
			}
			pad := strings.Repeat(" ", width[i]-utf8.RuneCountInString(c))
			right := i < len(t.right) && t.right[i]
			switch {
			case sep && right:
				c = strings.Repeat("-", width[i]-1) + ":"
			case sep:
				c = strings.Repeat("-", width[i])
			case right:
				c = pad + c
			default:
				c += pad
			}
			b.WriteString(" " + c + " |")
		}
		b.WriteString("\n")
	}
	line(t.head, false)
	line(nil, true)
	for _, row := range t.rows {
		line(row, false)
	}
	return b.String()
}
