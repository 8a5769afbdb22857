package infra

import (
	"context"
	"fmt"

	"github.com/cds-snc/notification-pulumi/infra/cloudsim"
)

// World is what the simulated cloud's inventory needs of it (*cloudsim.Sim has it).
type World interface {
	StackResources(stack string) []cloudsim.SimResource
	DeleteResource(account, region, typ, id string) bool
}

// WorldInventory is the simulated world's inventory of a stack, for the orphan finder: it knows
// every resource by the URN that created it.
func WorldInventory(w World) Inventory { return worldInventory{w} }

type worldInventory struct{ w World }

func (i worldInventory) StackResources(_ context.Context, stack string) ([]CloudResource, error) {
	var out []CloudResource
	for _, r := range i.w.StackResources(stack) {
		out = append(out, CloudResource{URN: r.URN, Type: r.Type, ID: r.ID, Account: r.Account, Region: r.Region})
	}
	return out, nil
}

func (i worldInventory) ByURN() bool { return true }

func (i worldInventory) DeleteResource(_ context.Context, r CloudResource) error {
	if !i.w.DeleteResource(r.Account, r.Region, r.Type, r.ID) {
		return fmt.Errorf("%s %s is not in the simulated world", r.Type, r.ID)
	}
	return nil
}
