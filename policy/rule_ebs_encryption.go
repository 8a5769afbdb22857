package policy

import "github.com/cds-snc/notification-pulumi/infra/render"

var _ = register(&Rule{
	ID:        "ebs-encryption",
	Rationale: "Every EBS volume the program defines (launch template disks, instances' disks, volumes) is encrypted.",
	Applies:   []string{typeLaunchTemplate, typeInstance, typeVolume},
	Check: func(c *Context, r *render.Resource) []string {
		switch r.Type {
		case typeVolume:
			if !isTrue(input(r, "encrypted")) {
				return []string{"encrypted is not true"}
			}
			return nil
		case typeInstance:
			var out []string
			if !isTrue(input(r, "rootBlockDevice.encrypted")) {
				out = append(out, "rootBlockDevice.encrypted is not true")
			}
			for _, d := range list(input(r, "ebsBlockDevices")) {
				if !isTrue(object(d)["encrypted"]) {
					out = append(out, "an ebsBlockDevices entry is not encrypted")
				}
			}
			return out
		}
		disks := list(input(r, "blockDeviceMappings"))
		if len(disks) == 0 {
			return []string{"no blockDeviceMappings: the node's disk would take the AMI's default, unencrypted unless the account says otherwise"}
		}
		var out []string
		for _, d := range disks {
			ebs := object(object(d)["ebs"])
			if ebs != nil && !isTrue(ebs["encrypted"]) {
				name, _ := object(d)["deviceName"].(string)
				out = append(out, "block device "+name+" is not encrypted")
			}
		}
		return out
	},
})
