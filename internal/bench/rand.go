package bench

import "strings"

// rng is SplitMix64. It is written out here, rather than taken from
// math/rand, so that the corpus a seed gives can never change with the Go
// release: same seed, same bytes, on any toolchain.
type rng struct{ s uint64 }

// newRNG returns the generator for one stream of a seed: payload i of a
// corpus draws from stream i, so it is the same whatever the corpus size.
func newRNG(seed, stream uint64) *rng {
	r := &rng{s: seed ^ (stream+1)*0x9e3779b97f4a7c15}
	r.next()
	return r
}

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// intn returns a number in [0, n).
func (r *rng) intn(n int) int {
	if n <= 0 {
		panic("bench: intn of a non-positive bound")
	}
	return int(r.next() % uint64(n))
}

// between returns a number in [lo, hi].
func (r *rng) between(lo, hi int) int { return lo + r.intn(hi-lo+1) }

// chance is true with probability p.
func (r *rng) chance(p float64) bool { return float64(r.next()>>11)/(1<<53) < p }

// pick returns one element of xs.
func pick[T any](r *rng, xs []T) T { return xs[r.intn(len(xs))] }

// weighted is a choice with a relative weight.
type weighted[T any] struct {
	w int
	v T
}

// pickWeighted returns one value, each as likely as its weight.
func pickWeighted[T any](r *rng, xs []weighted[T]) T {
	total := 0
	for _, x := range xs {
		total += x.w
	}
	n := r.intn(total)
	for _, x := range xs {
		if n < x.w {
			return x.v
		}
		n -= x.w
	}
	panic("unreachable")
}

// digits returns n random decimal digits.
func (r *rng) digits(n int) string {
	var b strings.Builder
	for range n {
		b.WriteByte(byte('0' + r.intn(10)))
	}
	return b.String()
}

// token returns n random characters from alphabet.
func (r *rng) token(n int, alphabet string) string {
	var b strings.Builder
	for range n {
		b.WriteByte(alphabet[r.intn(len(alphabet))])
	}
	return b.String()
}

const (
	alnum   = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	upperNo = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
)

// digitIn returns one decimal digit in [lo, hi].
func (r *rng) digitIn(lo, hi int) string { return string(rune('0' + r.between(lo, hi))) }
