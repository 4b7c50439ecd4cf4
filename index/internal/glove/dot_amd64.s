#include "textflag.h"

// func dotsAVX2(w *int8, q *int16, n int, out *int32)
// out[l] = the dot product of the 128 int8 at w with the l-th 128 int16 at q, for l < n (n ≥ 1).
// w is sign-extended to words once (VPMOVSXBW, eight registers); for each q, VPMADDWD multiplies
// and sums adjacent products into int32, and the eight partial vectors are added up. Every sum is
// an exact integer.
TEXT ·dotsAVX2(SB), NOSPLIT, $0-32
	MOVQ w+0(FP), SI
	MOVQ q+8(FP), DI
	MOVQ n+16(FP), CX
	MOVQ out+24(FP), DX
	VPMOVSXBW 0(SI), Y0
	VPMOVSXBW 16(SI), Y1
	VPMOVSXBW 32(SI), Y2
	VPMOVSXBW 48(SI), Y3
	VPMOVSXBW 64(SI), Y4
	VPMOVSXBW 80(SI), Y5
	VPMOVSXBW 96(SI), Y6
	VPMOVSXBW 112(SI), Y7

lane:
	VPMADDWD 0(DI), Y0, Y8
	VPMADDWD 32(DI), Y1, Y9
	VPADDD   Y9, Y8, Y8
	VPMADDWD 64(DI), Y2, Y9
	VPMADDWD 96(DI), Y3, Y10
	VPADDD   Y10, Y9, Y9
	VPADDD   Y9, Y8, Y8
	VPMADDWD 128(DI), Y4, Y9
	VPMADDWD 160(DI), Y5, Y10
	VPADDD   Y10, Y9, Y9
	VPMADDWD 192(DI), Y6, Y10
	VPMADDWD 224(DI), Y7, Y11
	VPADDD   Y11, Y10, Y10
	VPADDD   Y10, Y9, Y9
	VPADDD   Y9, Y8, Y8

	VEXTRACTI128 $1, Y8, X9
	VPADDD       X9, X8, X8
	VPSHUFD      $0x4e, X8, X9
	VPADDD       X9, X8, X8
	VPSHUFD      $0xb1, X8, X9
	VPADDD       X9, X8, X8
	VMOVD        X8, (DX)

	ADDQ $256, DI
	ADDQ $4, DX
	DECQ CX
	JNZ  lane
	VZEROUPPER
	RET
