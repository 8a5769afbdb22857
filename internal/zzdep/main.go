package main
import (
	_ "github.com/spf13/cobra"
	_ "github.com/spf13/cobra/doc"
	_ "gonum.org/v1/plot"
	_ "gonum.org/v1/plot/vg/vgimg"
	_ "gonum.org/v1/plot/vg/vgsvg"
	_ "github.com/rhysd/actionlint"
	_ "github.com/google/go-github/v72/github"
)
func main(){}
