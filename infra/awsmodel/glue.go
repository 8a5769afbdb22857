package awsmodel

import "fmt"

// Glue: the catalog tables Athena queries.
func init() {
	outputFuncs["aws:glue/catalogTable:CatalogTable"] = func(o *Object) {
		o.def("catalogId", o.Account)
		o.set("arn", o.arn("glue", fmt.Sprintf("table/%s/%s", o.str("databaseName"), o.name())))
	}
	idFuncs["aws:glue/catalogTable:CatalogTable"] = func(o *Object) string {
		return fmt.Sprintf("%s:%s:%s", o.Account, o.str("databaseName"), o.name())
	}

}
