package policy

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/cds-snc/notification-pulumi/infra/render"
)

func TestMustBeSetAndMustBeTrue(t *testing.T) {
	res := func(inputs map[string]any) *render.Resource { return &render.Resource{Inputs: inputs} }
	set := mustBeSet("kmsKeyId", " (why)")
	assert.Nil(t, set(nil, res(map[string]any{"kmsKeyId": "arn:aws:kms:ca-central-1:111122223333:key/k"})))
	assert.Equal(t, []string{"kmsKeyId is not set (why)"}, set(nil, res(map[string]any{"kmsKeyId": ""})))
	assert.Equal(t, []string{"kmsKeyArn is not set"}, mustBeSet("kmsKeyArn", "")(nil, res(nil)))

	on := mustBeTrue("storageEncrypted")
	assert.Nil(t, on(nil, res(map[string]any{"storageEncrypted": true})))
	assert.Nil(t, on(nil, res(map[string]any{"storageEncrypted": "true"})))
	assert.Equal(t, []string{"storageEncrypted is not true"}, on(nil, res(map[string]any{"storageEncrypted": false})))
	assert.Equal(t, []string{"storageEncrypted is not true"}, on(nil, res(nil)))
}
