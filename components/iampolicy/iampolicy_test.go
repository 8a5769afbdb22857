package iampolicy

import (
	"encoding/json"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAssumeRoleRendersServicePrincipal(t *testing.T) {
	var got map[string]any
	require.NoError(t, json.Unmarshal([]byte(AssumeRole("lambda.amazonaws.com").JSON()), &got))
	assert.Equal(t, "2012-10-17", got["Version"])
	st := got["Statement"].([]any)[0].(map[string]any)
	assert.Equal(t, []any{"sts:AssumeRole"}, st["Action"])
	assert.Equal(t, map[string]any{"Service": []any{"lambda.amazonaws.com"}}, st["Principal"])
	assert.NotContains(t, st, "Resource", "a trust policy has no Resource")
}

func TestAllowListsActionsAndResources(t *testing.T) {
	d := New(Allow([]string{"sqs:SendMessage"}, "arn:aws:sqs:ca-central-1:1:q"))
	assert.JSONEq(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["sqs:SendMessage"],"Resource":["arn:aws:sqs:ca-central-1:1:q"]}]}`, d.JSON())
}

func TestServiceRoleNamesTagsAndTrustsTheService(t *testing.T) {
	described := ServiceRole("notify-backup", "AWS Backup jobs", "backup.amazonaws.com")
	assert.Equal(t, pulumi.String("notify-backup"), described.Name)
	assert.Equal(t, pulumi.String("AWS Backup jobs"), described.Description)
	assert.Equal(t, AssumeRole("backup.amazonaws.com").String(), described.AssumeRolePolicy)
	assert.Equal(t, pulumi.StringMap{"Name": pulumi.String("notify-backup")}, described.Tags)
	assert.Nil(t, ServiceRole("notify-scan", "", "lambda.amazonaws.com").Description, "no description: none sent")
}
