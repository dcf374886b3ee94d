package experiments

import (
	"github.com/hopfield-lab/hopfield"
	"github.com/hopfield-lab/hopfield/internal/plots"
)

// blockWeights returns the weight matrix of net averaged over blocks x
// blocks tiles (fewer if N is smaller), without ever forming the N x N
// matrix (see Network.WeightBlocks): the 10^8 weights of the 100x100 images
// take milliseconds to draw.
func blockWeights(net *hopfield.Network, blocks int) (*plots.Matrix, error) {
	return plots.NewMatrix(net.WeightBlocks(blocks))
}
