package main

import (
	_ "github.com/aws/aws-sdk-go-v2/service/eks"
	_ "github.com/aws/aws-sdk-go-v2/service/rds"
	_ "github.com/aws/aws-sdk-go-v2/service/route53"
	_ "github.com/aws/aws-sdk-go-v2/service/sqs"
	_ "github.com/google/go-github/v72/github"
	_ "github.com/rhysd/actionlint"
	_ "github.com/spf13/cobra"
	_ "github.com/spf13/cobra/doc"
	_ "gonum.org/v1/plot"
	_ "gonum.org/v1/plot/vg/vgimg"
	_ "gonum.org/v1/plot/vg/vgsvg"
)

func main() {}
