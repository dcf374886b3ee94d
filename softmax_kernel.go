package hopfield

import (
	"math"
	"runtime"
	"sync"
	"sync/atomic"
)

// The update V^T softmax(beta K xi) in one streaming pass over the stored
// rows (an "online softmax"). For each row mu the kernel computes the score
// s = beta k_mu.xi and keeps, for the rows seen so far, the largest score m,
// the sum of exp(s - m) and acc = sum exp(s - m) v_mu; when a score exceeds
// m, the sum and acc are rescaled by exp(m_old - m_new). Every exponent is
// <= 0, so no exponential overflows whatever beta is, provided the scores
// themselves are finite (Run checks that for its cue and the states it can
// reach; Step does not check), and each row (key and value) is read from
// memory once. The cost per row is a dot
// product and an axpy of d values, plus an exponential: on a 2-core machine
// with fast memory that arithmetic, not the read, bounds the pass (see the
// softmax section of docs/performance.md).
//
// Rows are split into fixed chunks (softmaxChunkRows, a function of the row
// size alone). Each chunk's (m, sum, acc) is computed in order of its rows,
// in any goroutine, and the chunks are merged in chunk order, so a result is
// the same bit for bit at any GOMAXPROCS, and the same whether a state is
// updated alone (Step) or in a batch (StepBatch).
//
// Precision: the dot products and acc are in T, by gonum's BLAS kernels
// (Sdot/Saxpy or Ddot/Daxpy); scores, exponentials, sums and the merge are in
// float64. float64 patterns thus give results within a few units of float64
// rounding per term of exact arithmetic; float32 patterns give float32
// results whose weights carry the float32 rounding of the scores (relative
// error about beta |k||xi| d 6e-8 at worst).

const (
	// softmaxChunkBytes is about the bytes of rows per chunk: enough rows
	// that the per-chunk states (dv values each) and their merge cost well
	// under 1% of the pass, and enough chunks to keep cores busy.
	softmaxChunkBytes = 2 << 20
	// softmaxMinChunk bounds the chunk's state memory, P/64 rows' worth,
	// when rows are long.
	softmaxMinChunk = 64
	// softmaxTileBytes is the part of a chunk that a block of batched
	// queries passes over in turn, sized to stay in a 1 MiB L2 cache with
	// the block's states.
	softmaxTileBytes = 256 << 10
	// softmaxBlock is the most queries that share a pass over the rows.
	softmaxBlock = 16
)

// rowBytes is the bytes read per row: its key, and its value unless the
// value is the key.
func (s *Softmax[T]) rowBytes() int {
	n := s.d
	if !s.auto {
		n += s.dv
	}
	return n * floatSize[T]()
}

// softmaxChunkRows returns the rows per chunk for rows of the given size. It
// must not depend on GOMAXPROCS or on anything but the shape: the chunks fix
// the order of the arithmetic.
func softmaxChunkRows(rowBytes int) int {
	return max(softmaxMinChunk, (softmaxChunkBytes+rowBytes-1)/rowBytes)
}

// softPart is the online-softmax state of a run of rows.
type softPart[T float32 | float64] struct {
	m, sum float64 // largest score; sum of exp(s - m)
	acc    []T     // sum of exp(s - m) v
}

func (p *softPart[T]) reset() {
	p.m, p.sum = math.Inf(-1), 0
	clear(p.acc)
}

// softTotal merges chunk states in float64.
type softTotal struct {
	m, sum float64
	acc    []float64
}

func (t *softTotal) reset() {
	t.m, t.sum = math.Inf(-1), 0
	clear(t.acc)
}

// softScratch is the memory of one Step or one block of a batch.
type softScratch[T float32 | float64] struct {
	parts []softPart[T]
	tots  []softTotal
}

func (s *Softmax[T]) getScratch(nparts, ntots int) *softScratch[T] {
	sc, _ := s.scratch.Get().(*softScratch[T])
	if sc == nil {
		sc = new(softScratch[T])
	}
	for len(sc.parts) < nparts {
		sc.parts = append(sc.parts, softPart[T]{acc: make([]T, s.dv)})
	}
	for len(sc.tots) < ntots {
		sc.tots = append(sc.tots, softTotal{acc: make([]float64, s.dv)})
	}
	return sc
}

func (s *Softmax[T]) chunks() int { return (s.p + s.chunk - 1) / s.chunk }

func (s *Softmax[T]) chunkBounds(c int) (lo, hi int) {
	return c * s.chunk, min((c+1)*s.chunk, s.p)
}

// rows adds rows [lo, hi) to the state p of the query xi.
func (s *Softmax[T]) rows(xi []T, lo, hi int, p *softPart[T]) {
	d, dv, beta := s.d, s.dv, s.beta
	for mu := lo; mu < hi; mu++ {
		sc := beta * float64(dot(s.keys[mu*d:(mu+1)*d], xi))
		if sc > p.m {
			if p.sum > 0 {
				// The same rounded factor scales sum and acc, so that they
				// stay consistent in float32 too.
				r := T(math.Exp(p.m - sc))
				p.sum *= float64(r)
				scal(r, p.acc)
			}
			p.m = sc
		}
		w := T(math.Exp(sc - p.m))
		p.sum += float64(w)
		if w != 0 { // rows far below the maximum add nothing; skip reading their values
			axpy(w, s.values[mu*dv:(mu+1)*dv], p.acc)
		}
	}
}

// merge adds a chunk's state to the total.
func merge[T float32 | float64](t *softTotal, p *softPart[T]) {
	if p.m > t.m {
		if t.sum > 0 {
			r := math.Exp(t.m - p.m)
			t.sum *= r
			blasImpl.Dscal(len(t.acc), r, t.acc, 1)
		}
		t.m = p.m
	}
	w := math.Exp(p.m - t.m)
	t.sum += w * p.sum
	switch acc := any(p.acc).(type) {
	case []float64:
		blasImpl.Daxpy(len(acc), w, acc, 1, t.acc, 1)
	case []float32:
		for i, v := range acc {
			t.acc[i] += w * float64(v)
		}
	}
}

// writeTotal sets dst to acc / sum, the softmax-weighted average.
func writeTotal[T float32 | float64](dst []T, t *softTotal) {
	for i, v := range t.acc {
		dst[i] = T(v / t.sum)
	}
}

// step is Step without its checks: chunks in parallel, merged in order.
func (s *Softmax[T]) step(dst, xi []T) {
	nc := s.chunks()
	sc := s.getScratch(nc, 1)
	defer s.scratch.Put(sc)
	parts := sc.parts[:nc]
	eachInParallel(nc, s.chunk*(s.d+s.dv), func(c int) {
		parts[c].reset()
		a, b := s.chunkBounds(c)
		s.rows(xi, a, b, &parts[c])
	})
	t := &sc.tots[0]
	t.reset()
	for c := range parts {
		merge(t, &parts[c])
	}
	writeTotal(dst, t)
}

// stepBatch is StepBatch without its checks. With fewer queries than
// cores, each query runs alone with its chunks in parallel; otherwise
// blocks of queries run in parallel, each block in one pass over the rows.
// Both give each query the chunks and merge order of step.
func (s *Softmax[T]) stepBatch(dst, xs [][]T) {
	workers := runtime.GOMAXPROCS(0)
	if len(xs) < 2 || len(xs) < workers {
		for q, x := range xs {
			s.step(dst[q], x)
		}
		return
	}
	// The block size only changes which memory is reused, not the
	// arithmetic, so it may depend on GOMAXPROCS.
	bs := min(softmaxBlock, (len(xs)+workers-1)/workers)
	nb := (len(xs) + bs - 1) / bs
	eachInParallel(nb, bs*s.p*(s.d+s.dv), func(b int) {
		a, e := b*bs, min((b+1)*bs, len(xs))
		s.block(dst[a:e], xs[a:e])
	})
}

// eachInParallel calls f(i) for i in [0, n) on up to GOMAXPROCS goroutines
// that take the next i as they finish one, so that a core slowed by other
// work takes fewer: which goroutine runs f(i) changes from run to run, but
// each f(i) computes the same thing. Small jobs (n * cost below about 2^15
// operations) run on the calling goroutine.
func eachInParallel(n, cost int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 || n*cost < 1<<15 {
		for i := range n {
			f(i)
		}
		return
	}
	var next atomic.Int64
	work := func() {
		for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
			f(i)
		}
	}
	var wg sync.WaitGroup
	for range workers - 1 {
		wg.Go(work)
	}
	work()
	wg.Wait()
}

// block updates a few queries in one pass over the rows: chunk by chunk,
// and within a chunk tile by tile, every query of the block passes over a
// tile while it is in cache.
func (s *Softmax[T]) block(dst, xs [][]T) {
	sc := s.getScratch(len(xs), len(xs))
	defer s.scratch.Put(sc)
	parts, tots := sc.parts[:len(xs)], sc.tots[:len(xs)]
	for q := range tots {
		tots[q].reset()
	}
	tile := max(1, softmaxTileBytes/s.rowBytes())
	for c := range s.chunks() {
		lo, hi := s.chunkBounds(c)
		for q := range parts {
			parts[q].reset()
		}
		for a := lo; a < hi; a += tile {
			b := min(a+tile, hi)
			for q, x := range xs {
				s.rows(x, a, b, &parts[q])
			}
		}
		for q := range parts {
			merge(&tots[q], &parts[q])
		}
	}
	for q := range tots {
		writeTotal(dst[q], &tots[q])
	}
}

// scal sets x = alpha x by BLAS (Sscal, Dscal).
func scal[T float32 | float64](alpha T, x []T) {
	switch x := any(x).(type) {
	case []float32:
		blasImpl.Sscal(len(x), float32(alpha), x, 1)
	case []float64:
		blasImpl.Dscal(len(x), float64(alpha), x, 1)
	}
}
