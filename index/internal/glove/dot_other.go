//go:build !amd64

package glove

// useAVX2 is false where there is no AVX2 (see dot_amd64.go).
var useAVX2 = false

func dotsAVX2(w *int8, q *int16, n int, out *int32) { panic("glove: no AVX2 on this architecture") }
