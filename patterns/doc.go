// Package patterns makes, perturbs, reads and writes the patterns stored in
// and recalled by Hopfield networks.
//
// # Conventions
//
// A [Pattern] is a bipolar vector with a 2-D shape for display. Its Data is
// row-major (Data[r*Cols+c], NumPy's C order, the notebook's
// mat.reshape(-1)); a plain vector has Rows = 1. A neuron is +1 (ink, drawn
// black), -1 (background, white) or 0 (unknown, mid-gray), the constants
// [hopfield.Plus], [hopfield.Minus] and [hopfield.Unknown]. Unknown neurons
// appear only in cues: the notebook's S[5000:] = 0.
//
// The notebook draws with 0/1 matrices and stores 2*V-1; here 1 becomes +1
// and 0 becomes -1 ([FromZeroOne], [Pattern.ZeroOne]).
//
// # Cells
//
// One character per neuron is the cell alphabet: '#' ink (+1), '.'
// background (-1), '?' unknown (0). [FormatCells] and [ParseCells] are its
// one definition: the text form ([ReadText], which also takes 1 and 0),
// [Pattern.String], the web lab's requests and the figures' pattern grids
// all use it.
//
// # Built-in patterns
//
// [Checkerboard], [X], [LetterA], [BU], [BC] and [Star] draw exactly the
// notebook's cells: the same NumPy index ranges (written next to each
// function), so the tests compare them with arrays that NumPy drew from the
// notebook's own code. [Letter] draws A-Z from a 5x7 font at any size from
// 5 up. [Builtin] names them all for the command line and the web lab:
// seed:checkerboard, seed:X (with :N for another size), seed:A, seed:BU,
// seed:BC, seed:star and alphabet:A .. alphabet:Z (default 10x10, :N for
// N x N).
//
// # Noise and cues
//
// [FlipExact], [FlipEach], [Erase], [EraseRange], [EraseRect] and
// [KeepPrefix] make noisy or partial cues. They take a rand.Source from
// math/rand/v2 and never use global randomness: the same seed gives the
// same cue. Bad fractions are errors; sources of different lengths are
// programmer errors and panic; a dst argument is resized as needed (nil
// allocates).
//
// A [CueOp] is one of them by name, in the words the command line and the
// web lab share: noise=0.2, erase=0.1, erase=bottom, erase=rect:t,l,b,r,
// erase=range:from,to ([ParseCueOp], [CueOp.String]). [ApplyCue] applies
// several in a canonical order from one source, so that hopfield recall
// --noise 0.2 --erase-half bottom and a lab link with the same words make
// the same cue.
//
// [Resample] redraws a pattern on another grid, as reading a picture of it
// on that grid would ([ReadImage]'s averaging of gray levels).
//
// # Files
//
// [Load] and [Save] read and write .npy (NumPy), .png/.jpg/.gif (images,
// .png only for writing) and .txt (a text form people type: # ink, .
// background, ? unknown). A .png written by Save records its shape in a
// hopfield-shape text chunk, so it reads back as its patterns at any scale,
// a strip as several. Decoders reject bad input with a one-line error and
// never panic; each is fuzzed. Files are written through a temporary
// file and a rename, so a failed write leaves nothing.
//
// A .npy array of any integer, float or bool dtype is read as binary if all
// its values are 0 or 1, else as bipolar with 0 unknown ([EncodingAuto]);
// shapes (N,), (P, N), (H, W) and (P, H, W) are accepted, a 2-D array
// (a, b) being P = a vectors when a < b and one picture otherwise
// ([LayoutAuto]). Options force either reading. [ReadMatrixNPY] reads
// weight matrices and thresholds, and [ReadFloatNPY] real-valued float32
// or float64 arrays in their own precision (the continuous network's
// patterns). All three share one header parser: formats 1.0 to 3.0, either
// byte order, C or Fortran order.
//
// # Where we differ from the notebook
//
//   - Flip and erase counts round: [FlipExact] flips round(p*N) bits where
//     noisy_bipolar flips int(p*N), because 0.29*100 is 28.999999999999996
//     in floating point and int() would flip 28. [NotebookCount] and
//     [FlipN] reproduce the notebook's count.
//   - [KeepPrefix] keeps the notebook's int(fraction*N) prefix, but always
//     returns N neurons; the notebook's random cue, built from
//     int(f*N) + int((1-f)*N) values, can be one neuron short.
//   - The notebook's 5x5 A exists only at 5x5 (make_pattern raises for other
//     sizes); the alphabet's A ([Letter]) is a separate design that scales.
package patterns
