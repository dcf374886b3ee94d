// Package figure describes figures as data: what to draw, not how. A
// [Figure] is panels in a grid; a [Panel] holds curves ([Series]), stems,
// a histogram ([Hist]), a raster of values ([Raster]), a heat map over
// data coordinates ([HeatMap], with curves over it) or a grid of patterns
// ([Patterns]), with axes, reference lines and a legend. Every
// type is plain data with JSON tags.
//
// Two renderers draw the same description: package hopplot with gonum/plot
// (png, svg, pdf: the command's figures and docs/figures), and the web
// lab's figure.js in the browser (SVG, from the JSON). So an experiment
// describes its figures once and they look the same in both, and the
// WebAssembly build of the lab carries no plotting library.
//
// Builders make figures from the library's own values: [Trace] (a run's
// overlaps and energy), [Weights] (a weight matrix as block means, never
// forming N x N), [States] (a neuron x time raster), [NewPatterns] (a
// gallery), [Capacity] (a capacity table with its theory curves), and the
// pieces [NewHist] (binning on lattices) and [NewRaster] (block averages,
// [Matrix]).
//
// # Conventions
//
//   - Colours are names (see [Colors]): the tab10 cycle C0..C9, blue, red,
//     gray and so on; "" takes a series' place in the cycle.
//   - An axis without Min and Max takes the data's range, padded, widened
//     to hold its Include values.
//   - Rasters draw row 0 at the top, cell (i, j) centred on x = j, y = i.
//     Grids larger than a figure shows are averaged in blocks before they
//     are described, so a description stays small. Heat maps are plots:
//     cells between given edges in data coordinates, row 0 at the bottom.
//   - Titles, axis labels, legend names, tick and reference line labels
//     may write subscripts and superscripts as _{...} and ^{...}: T_{g},
//     N^{n−1} ([ParseText]). Captions are plain text.
//   - Validate reports what is wrong in one line wrapping [ErrInvalid];
//     constructors validate what they are given.
package figure
