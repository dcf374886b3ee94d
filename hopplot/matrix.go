package hopplot

import "github.com/hopfield-lab/hopfield/figure"

// Matrix is a validated, rectangular grid of finite values (see
// [figure.Matrix]): a raster of neuron states over time, a weight matrix or
// a pattern seen as an image.
type Matrix = figure.Matrix

// Constructors of a Matrix, from package figure.
var (
	NewMatrix      = figure.NewMatrix
	NewMatrixFlat  = figure.NewMatrixFlat
	NewMatrixInt8  = figure.NewMatrixInt8
	StatesOverTime = figure.StatesOverTime
)
