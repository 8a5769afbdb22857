package render

import (
	"encoding/json"
	"io"
)

// WriteJSON writes the graph in its documented JSON form, indented, keys sorted.
func WriteJSON(w io.Writer, g *Graph) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(g)
}
