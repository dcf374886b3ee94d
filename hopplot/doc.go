// Package hopplot draws the figures of the Hopfield library with
// gonum/plot: the figures of the teaching notebook, made readable.
//
// # Figures
//
// [Draw] turns a figure described by package figure into a [Panel], and
// [SaveFigure] and [RenderFigure] write it as png, svg or pdf. That is how
// a library user draws the library's values in a few lines:
//
//	var tr hopfield.Trace
//	net.Run(cue, hopfield.RunOptions{Observe: tr.Observe})
//	f, _ := figure.Trace("recall", &tr, "BU", "BC")
//	hopplot.SaveFigure("recall.png", f)
//
// and how the command draws the experiments' figures, the very figures the
// web lab draws in the browser from the same description.
//
// # Plotters
//
// Underneath are small plotters and panels in gonum/plot style. Their
// inputs are plain Go data ([]float64, [][]float64, []int8 with a shape).
// Every constructor validates its input (empty, ragged, mismatched
// lengths, NaN or ±Inf, values out of range) and returns an error wrapping
// ErrInvalid instead of drawing nonsense or panicking.
//
// # Pieces
//
// Data:
//
//   - Matrix: a validated grid (NewMatrix, NewMatrixFlat, NewMatrixInt8,
//     StatesOverTime for a neuron x time raster). Matrix.BlockAverage and
//     Matrix.Downsample average blocks of cells; partial blocks on the
//     bottom and right edges average the cells they hold.
//
// Plotters (plot.Plotter, usable in any *plot.Plot):
//
//   - Raster: a Matrix as crisp cells, row 0 at the top under an inverted
//     Y axis, cell (i, j) centred on (j, i). Colormaps: InkMap (+1 black
//     ink on white, 0 mid-gray), GrayMap, DivergingMap (blue-white-red,
//     centred on 0), ViridisMap. Grids larger than MaxCells
//     (DefaultMaxCells = 200) a side are block-averaged first, so a
//     10,000 x 10,000 weight matrix draws quickly into a small file.
//     Cells are painted by nearest-cell sampling at the output resolution
//     (200 dpi for svg/pdf), so they are never blurred.
//   - Stem: matplotlib's plt.stem, stems from a baseline with round heads.
//   - RefLine: axhline/axvline (HLine, VLine), spanning the data area.
//
// Panels (ready-made plots in the house style of NewPlot):
//
//   - RasterPlot: a raster with integer ticks, optional square cells and
//     colour bar. A run's states and a network's weights are the figure
//     panels [figure.States] and [figure.Weights], drawn by Draw.
//   - A heat map (a figure.HeatMap, drawn by Draw): cells between given
//     edges in data coordinates, row 0 at the bottom, painted as one
//     bitmap of nearest cells, under the panel's reference lines and
//     series (theory lines over a measured grid), with a colour bar and
//     its label on the right. Viridis unless told otherwise.
//   - StemPlot, StemPlotInt8: one stem plot with optional grid.
//   - Histogram: counts of samples with the exact pmf (expected count per
//     bin) or a density (n * binwidth * f) drawn over them, and red dotted
//     reference lines (RefX). Integer or lattice data get bins holding a
//     whole, preferably odd, number of lattice points, one bin centred on
//     the median (or the pmf mean), so symmetric distributions look
//     symmetric.
//   - LinePlot: named Series (lines, points or both, dashed, with ±Err
//     error bars) with a legend placed where it hides the least data, and
//     reference lines.
//   - NewPatternGrid: patterns side by side (or in rows) with square
//     cells, a frame, cell borders when at most BorderCells a side, and a
//     caption over or under each: true / noisy / recalled.
//
// *plot.Plot results may be adjusted further (axis ranges, tick markers).
//
// # Composition
//
// Anything with Draw(draw.Canvas) is a Panel. NewFigure, Stack and Side
// tile panels under an overall title; when all panels are *plot.Plot their
// data areas are aligned (plot.Align), like the notebook's
// subplot(4,1,k) stack of stems over an error curve. Figures nest.
//
// # Output
//
// Save(path, width, height, panel) writes png, svg or pdf according to the
// extension (or WithFormat), atomically through internal/atomicfile.
// Zero sizes mean DefaultWidth x DefaultHeight (8 x 5 in); png is rendered
// at DefaultDPI (150, WithDPI to change). Render writes to an io.Writer,
// e.g. an HTTP response (ContentType gives the MIME type). Drawing panics
// inside gonum/plot are returned as errors.
//
// Text uses Liberation Sans: bold 14 pt titles (16 pt for figure titles),
// 12 pt axis labels and captions, 10 pt ticks and legends.
//
// # Tests
//
// Golden images live in testdata/<name>_golden.png and are compared pixel
// by pixel (rendering is deterministic). After a deliberate change, run
//
//	go test ./hopplot -update
//
// and look at every regenerated image before committing it.
package hopplot
