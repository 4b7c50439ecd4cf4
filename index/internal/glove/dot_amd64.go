package glove

import "golang.org/x/sys/cpu"

// useAVX2: Probe computes cosines with AVX2 dot products (dot_amd64.s) instead of the packed
// lanes; a variable so that tests cover both.
var useAVX2 = cpu.X86.HasAVX2

// dotsAVX2 sets out[l] to the dot product of the wideDims int8 at w with the l-th wideDims int16
// at q, for l < n. n ≥ 1.
//
//go:noescape
func dotsAVX2(w *int8, q *int16, n int, out *int32)
