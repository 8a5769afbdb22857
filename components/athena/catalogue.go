package athena

import (
	"fmt"
	"strings"
)

// Databases of the Glue catalogue, as the support team and QuickSight know them.
const (
	// LogsDatabase holds the load balancer log tables the support queries read.
	LogsDatabase = "notification_athena"
	// QuickSightDatabase holds the tables of the application's exported data QuickSight reads.
	QuickSightDatabase = "notification_quicksight"
)

// WorkGroup is one Athena work group: who runs what, each with its own query history and
// CloudWatch metrics, all writing encrypted results to the same bucket.
type WorkGroup struct {
	// Name is the work group's name, which the support runbooks use.
	Name string
	// Key is its stable logical key.
	Key string
	// Description says what it is for.
	Description string
}

// WorkGroups are today's work groups. "primary" is Athena's own default work group, which an
// account always has and cannot delete: it is left to AWS, and "Adhoc_queries" takes its
// place for ad hoc work.
func WorkGroups() []WorkGroup {
	return []WorkGroup{
		{Name: "Build_log_tables", Key: "build-tables", Description: "creates and repairs the log tables"},
		{Name: "Support", Key: "support", Description: "the support team's saved queries"},
		{Name: "Adhoc_queries", Key: "adhoc", Description: "ad hoc investigation"},
		{Name: "Notification_quicksight", Key: "quicksight", Description: "QuickSight's queries of the exported data"},
	}
}

// NamedQuery is a saved query in a work group.
type NamedQuery struct {
	// Key is the stable logical key.
	Key string
	// Name is what the console lists.
	Name string
	// WorkGroup is the key of the work group it is saved in.
	WorkGroup string
	// Database is where it runs.
	Database string
	// Query is its SQL; AlbLogsPlaceholder stands for the load balancer logs' S3 location.
	Query string
}

// albLogsTable is the table over the load balancer's access logs, partitioned by day through
// partition projection, so no crawler or MSCK REPAIR is needed (AWS's documented layout).
const albLogsTable = `CREATE EXTERNAL TABLE IF NOT EXISTS alb_logs (
  type string, time string, elb string, client_ip string, client_port int, target_ip string,
  target_port int, request_processing_time double, target_processing_time double,
  response_processing_time double, elb_status_code int, target_status_code string,
  received_bytes bigint, sent_bytes bigint, request_verb string, request_url string,
  request_proto string, user_agent string, ssl_cipher string, ssl_protocol string,
  target_group_arn string, trace_id string, domain_name string, chosen_cert_arn string,
  matched_rule_priority string, request_creation_time string, actions_executed string,
  redirect_url string, lambda_error_reason string, target_port_list string,
  target_status_code_list string, classification string, classification_reason string)
PARTITIONED BY (day string)
ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.RegexSerDe'
WITH SERDEPROPERTIES ('serialization.format' = '1', 'input.regex' =
'([^ ]*) ([^ ]*) ([^ ]*) ([^ ]*):([0-9]*) ([^ ]*)[:-]([0-9]*) ([-.0-9]*) ([-.0-9]*) ([-.0-9]*) (|[-0-9]*) (-|[-0-9]*) ([-0-9]*) ([-0-9]*) \"([^ ]*) (.*) (- |[^ ]*)\" \"([^\"]*)\" ([A-Z0-9-_]+) ([A-Za-z0-9.-]*) ([^ ]*) \"([^\"]*)\" \"([^\"]*)\" \"([^\"]*)\" ([-.0-9]*) ([^ ]*) \"([^\"]*)\" \"([^\"]*)\" \"([^ ]*)\" \"([^\\s]+?)\" \"([^\\s]+)\" \"([^ ]*)\" \"([^ ]*)\" ?.*')
LOCATION '{{alb_logs}}'
TBLPROPERTIES ('projection.enabled' = 'true', 'projection.day.type' = 'date',
  'projection.day.range' = '2024/01/01,NOW', 'projection.day.format' = 'yyyy/MM/dd',
  'projection.day.interval' = '1', 'projection.day.interval.unit' = 'DAYS',
  'storage.location.template' = '{{alb_logs}}${day}')`

// NamedQueries are the saved queries: the table over the load balancer logs and the support
// team's investigations of them. The WAF investigations of today's estate are not here: the
// web ACLs log to CloudWatch Logs (the waf component), where Logs Insights queries them.
func NamedQueries() []NamedQuery {
	return []NamedQuery{
		{Key: "create-alb-logs", Name: "create_table_alb_logs", WorkGroup: "build-tables", Database: LogsDatabase, Query: albLogsTable},
		supportQuery("alb-500s", "ALB: find 500 errors", "time, client_ip, request_verb, request_url, elb_status_code, target_status_code",
			" AND elb_status_code >= 500", "ORDER BY time DESC\nLIMIT 500"),
		supportQuery("alb-400s", "ALB: find 400 errors", "time, client_ip, request_verb, request_url, elb_status_code, user_agent",
			" AND elb_status_code BETWEEN 400 AND 499", "ORDER BY time DESC\nLIMIT 500"),
		supportQuery("alb-ip-by-url", "ALB: Lookup IP By URL", "client_ip, count(*) AS requests",
			" AND request_url LIKE '%<url fragment>%'", "GROUP BY client_ip\nORDER BY requests DESC"),
		supportQuery("alb-slow-requests", "ALB: slowest requests", "time, request_verb, request_url, target_processing_time",
			"", "ORDER BY target_processing_time DESC\nLIMIT 100"),
	}
}

// supportQuery is a support team's query saved in the support work group: it selects columns
// from the last seven days of load balancer logs that also match filter (" AND ...", or ""),
// then applies rest (grouping, order, limit).
func supportQuery(key, name, columns, filter, rest string) NamedQuery {
	lastWeek := "day >= date_format(current_date - interval '7' day, '%Y/%m/%d')"
	return NamedQuery{Key: key, Name: name, WorkGroup: "support", Database: LogsDatabase,
		Query: "SELECT " + columns + "\nFROM alb_logs\nWHERE " + lastWeek + filter + "\n" + rest}
}

// Column is a table column and its Hive type.
type Column struct{ Name, Type string }

// Table is a Parquet table of the application's data exported for QuickSight.
type Table struct {
	Name    string
	Columns []Column
}

// cols reads "name=type name=type ..." so the schemas stay one line per table.
func cols(spec string) []Column {
	var out []Column
	for _, f := range strings.Fields(spec) {
		name, typ, ok := strings.Cut(f, "=")
		if !ok {
			panic(fmt.Sprintf("athena: column %q has no type", f))
		}
		out = append(out, Column{Name: name, Type: typ})
	}
	return out
}

// notificationColumns are shared by notifications and notification_history.
const notificationColumns = "id=string job_id=string job_row_number=int service_id=string template_id=string template_version=int " +
	"api_key_id=string key_type=string notification_type=string created_at=string sent_at=string sent_by=string updated_at=string " +
	"reference=string billable_units=int client_reference=string international=boolean phone_prefix=string rate_multiplier=string " +
	"notification_status=string created_by_id=string postage=string queue_name=string feedback_type=string feedback_subtype=string " +
	"ses_feedback_id=string ses_feedback_date=string sms_total_message_price=double sms_total_carrier_fee=double " +
	"sms_iso_country_code=string sms_carrier_name=string sms_message_encoding=string sms_origination_phone_number=string feedback_reason=string"

// QuickSightTables are the tables QuickSight's data sets read (the schemas of the application's
// tables as exported to Parquet).
func QuickSightTables() []Table {
	return []Table{
		{Name: "notifications", Columns: cols(notificationColumns + " to=string _personalisation=string normalised_to=string reply_to_text=string provider_response=string")},
		{Name: "notification_history", Columns: cols(notificationColumns)},
		{Name: "services", Columns: cols("id=string name=string created_at=string updated_at=string active=boolean message_limit=bigint " +
			"restricted=boolean email_from=string created_by_id=string version=int research_mode=boolean organisation_type=string " +
			"prefix_sms=boolean crown=boolean rate_limit=int contact_link=string consent_to_research=boolean volume_email=int " +
			"volume_letter=int volume_sms=int count_as_live=boolean go_live_at=string go_live_user_id=string organisation_id=string " +
			"sending_domain=string default_branding_is_french=boolean sms_daily_limit=bigint organisation_notes=string " +
			"sensitive_service=boolean email_annual_limit=bigint sms_annual_limit=bigint suspended_by_id=string suspended_at=string")},
		{Name: "organisation", Columns: cols("id=string name=string active=boolean created_at=string updated_at=string " +
			"email_branding_id=string letter_branding_id=string agreement_signed=boolean agreement_signed_at=string " +
			"agreement_signed_by_id=string agreement_signed_version=double crown=boolean organisation_type=string " +
			"request_to_go_live_notes=string agreement_signed_on_behalf_of_email_address=string " +
			"agreement_signed_on_behalf_of_name=string default_branding_is_french=boolean")},
		{Name: "templates", Columns: cols("id=string name=string template_type=string created_at=string updated_at=string content=string " +
			"service_id=string subject=string created_by_id=string version=int archived=boolean process_type=string " +
			"service_letter_contact_id=string hidden=boolean postage=string template_category_id=string text_direction_rtl=boolean")},
		{Name: "template_categories", Columns: cols("id=string name_en=string name_fr=string description_en=string description_fr=string " +
			"sms_process_type=string email_process_type=string hidden=boolean created_at=string updated_at=string " +
			"sms_sending_vehicle=string created_by_id=string updated_by_id=string")},
		{Name: "ft_billing", Columns: cols("bst_date=timestamp updated_at=timestamp created_at=timestamp template_id=string service_id=string " +
			"notification_type=string provider=string rate_multiplier=int international=boolean rate=double billable_units=int " +
			"notifications_sent=int postage=string sms_sending_vehicle=string billing_total=double")},
	}
}

// AlbLogsPlaceholder is replaced in every query by the S3 location of the load balancer's
// access logs.
const AlbLogsPlaceholder = "{{alb_logs}}"
