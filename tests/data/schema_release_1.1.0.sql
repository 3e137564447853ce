-- Schema of BoligDesk 1.1.0 (Alembic revision 0002), written by
-- scripts/snapshot_release_schema.py. Never edit: a released migration must keep producing it.

CREATE INDEX ix_advisers_updated_at ON advisers (updated_at);

CREATE INDEX ix_applications_case_id ON applications (case_id);

CREATE INDEX ix_applications_updated_at ON applications (updated_at);

CREATE INDEX ix_arrears_items_case_id ON arrears_items (case_id);

CREATE INDEX ix_arrears_items_updated_at ON arrears_items (updated_at);

CREATE INDEX ix_audit_events_case_id ON audit_events (case_id);

CREATE INDEX ix_audit_events_updated_at ON audit_events (updated_at);

CREATE INDEX ix_budget_lines_budget_id ON budget_lines (budget_id);

CREATE INDEX ix_budget_lines_updated_at ON budget_lines (updated_at);

CREATE INDEX ix_budgets_case_id ON budgets (case_id);

CREATE INDEX ix_budgets_updated_at ON budgets (updated_at);

CREATE INDEX ix_case_codes_case_id ON case_codes (case_id);

CREATE INDEX ix_case_codes_updated_at ON case_codes (updated_at);

CREATE INDEX ix_case_contacts_case_id ON case_contacts (case_id);

CREATE INDEX ix_case_contacts_contact_id ON case_contacts (contact_id);

CREATE INDEX ix_case_contacts_updated_at ON case_contacts (updated_at);

CREATE INDEX ix_case_kind_changes_case_id ON case_kind_changes (case_id);

CREATE INDEX ix_case_kind_changes_updated_at ON case_kind_changes (updated_at);

CREATE INDEX ix_case_tags_case_id ON case_tags (case_id);

CREATE INDEX ix_case_tags_updated_at ON case_tags (updated_at);

CREATE INDEX ix_cases_adviser_id ON cases (adviser_id);

CREATE INDEX ix_cases_number ON cases (number);

CREATE INDEX ix_cases_tenancy_id ON cases (tenancy_id);

CREATE INDEX ix_cases_tenant_id ON cases (tenant_id);

CREATE INDEX ix_cases_updated_at ON cases (updated_at);

CREATE INDEX ix_consents_case_id ON consents (case_id);

CREATE INDEX ix_consents_updated_at ON consents (updated_at);

CREATE INDEX ix_contact_attempts_case_id ON contact_attempts (case_id);

CREATE INDEX ix_contact_attempts_updated_at ON contact_attempts (updated_at);

CREATE INDEX ix_contacts_updated_at ON contacts (updated_at);

CREATE INDEX ix_course_extensions_course_id ON course_extensions (course_id);

CREATE INDEX ix_course_extensions_updated_at ON course_extensions (updated_at);

CREATE INDEX ix_courses_case_id ON courses (case_id);

CREATE INDEX ix_courses_updated_at ON courses (updated_at);

CREATE INDEX ix_documents_case_id ON documents (case_id);

CREATE INDEX ix_documents_updated_at ON documents (updated_at);

CREATE INDEX ix_envelope_plans_budget_id ON envelope_plans (budget_id);

CREATE INDEX ix_envelope_plans_case_id ON envelope_plans (case_id);

CREATE INDEX ix_envelope_plans_updated_at ON envelope_plans (updated_at);

CREATE INDEX ix_envelope_spendings_plan_id ON envelope_spendings (plan_id);

CREATE INDEX ix_envelope_spendings_updated_at ON envelope_spendings (updated_at);

CREATE INDEX ix_erasures_case_id ON erasures (case_id);

CREATE INDEX ix_erasures_updated_at ON erasures (updated_at);

CREATE INDEX ix_estates_association_id ON estates (association_id);

CREATE INDEX ix_estates_updated_at ON estates (updated_at);

CREATE INDEX ix_follow_ups_case_id ON follow_ups (case_id);

CREATE INDEX ix_follow_ups_updated_at ON follow_ups (updated_at);

CREATE INDEX ix_generated_letters_case_id ON generated_letters (case_id);

CREATE INDEX ix_generated_letters_updated_at ON generated_letters (updated_at);

CREATE INDEX ix_household_members_household_id ON household_members (household_id);

CREATE INDEX ix_household_members_updated_at ON household_members (updated_at);

CREATE INDEX ix_households_updated_at ON households (updated_at);

CREATE INDEX ix_housing_associations_updated_at ON housing_associations (updated_at);

CREATE INDEX ix_instalments_plan_id ON instalments (plan_id);

CREATE INDEX ix_instalments_updated_at ON instalments (updated_at);

CREATE INDEX ix_journal_notes_case_id ON journal_notes (case_id);

CREATE INDEX ix_journal_notes_updated_at ON journal_notes (updated_at);

CREATE INDEX ix_payments_plan_id ON payments (plan_id);

CREATE INDEX ix_payments_updated_at ON payments (updated_at);

CREATE INDEX ix_persons_updated_at ON persons (updated_at);

CREATE INDEX ix_rate_entries_table_key ON rate_entries (table_key);

CREATE INDEX ix_rate_entries_updated_at ON rate_entries (updated_at);

CREATE INDEX ix_receipts_case_id ON receipts (case_id);

CREATE INDEX ix_receipts_updated_at ON receipts (updated_at);

CREATE INDEX ix_repayment_plans_case_id ON repayment_plans (case_id);

CREATE INDEX ix_repayment_plans_updated_at ON repayment_plans (updated_at);

CREATE INDEX ix_retired_laptops_updated_at ON retired_laptops (updated_at);

CREATE INDEX ix_settings_updated_at ON settings (updated_at);

CREATE INDEX ix_stat_baselines_estate_id ON stat_baselines (estate_id);

CREATE INDEX ix_stat_baselines_updated_at ON stat_baselines (updated_at);

CREATE INDEX ix_sync_conflicts_row_id ON sync_conflicts (row_id);

CREATE INDEX ix_sync_losses_device ON sync_losses (device);

CREATE INDEX ix_tenancies_estate_id ON tenancies (estate_id);

CREATE INDEX ix_tenancies_tenancy_number ON tenancies (tenancy_number);

CREATE INDEX ix_tenancies_updated_at ON tenancies (updated_at);

CREATE TABLE advisers (
	name VARCHAR(200) NOT NULL,
	initials VARCHAR(10) NOT NULL,
	title VARCHAR(200) NOT NULL,
	phone VARCHAR(40) NOT NULL,
	email VARCHAR(200) NOT NULL,
	id VARCHAR(36) NOT NULL,
	created_at DATETIME NOT NULL,
	updated_at VARCHAR(64) NOT NULL,
	updated_by VARCHAR(40) NOT NULL,
	deleted BOOLEAN NOT NULL,
	field_clocks TEXT NOT NULL,
	CONSTRAINT pk_advisers PRIMARY KEY (id)
);

CREATE TABLE applications (
	case_id VARCHAR(36) NOT NULL,
	kind VARCHAR(40) NOT NULL,
	sent_to VARCHAR(200) NOT NULL,
	sent_on DATE NOT NULL,
	applied_amount INTEGER,
	answer_due_on DATE,
	decision VARCHAR(40) NOT NULL,
	decided_on DATE,
	received_on DATE,
	granted_amount INTEGER,
	letter_id VARCHAR(36),
	note TEXT NOT NULL,
	applied_to_arrears BOOLEAN NOT NULL,
	id VARCHAR(36) NOT NULL,
	created_at DATETIME NOT NULL,
	updated_at VARCHAR(64) NOT NULL,
	updated_by VARCHAR(40) NOT NULL,
	deleted BOOLEAN NOT NULL,
	field_clocks TEXT NOT NULL,
	CONSTRAINT pk_applications PRIMARY KEY (id),
	CONSTRAINT fk_applications_case_id_cases FOREIGN KEY(case_id) REFERENCES cases (id),
	CONSTRAINT fk_applications_letter_id_generated_letters FOREIGN KEY(letter_id) REFERENCES generated_letters (id)
);

CREATE TABLE arrears_items (
	case_id VARCHAR(36) NOT NULL,
	kind VARCHAR(40) NOT NULL,
	period DATE,
	text VARCHAR(200) NOT NULL,
	amount INTEGER NOT NULL,
	id VARCHAR(36) NOT NULL,
	created_at DATETIME NOT NULL,
	updated_at VARCHAR(64) NOT NULL,
	updated_by VARCHAR(40) NOT NULL,
	deleted BOOLEAN NOT NULL,
	field_clocks TEXT NOT NULL,
	CONSTRAINT pk_arrears_items PRIMARY KEY (id),
	CONSTRAINT fk_arrears_items_case_id_cases FOREIGN KEY(case_id) REFERENCES cases (id)
);

CREATE TABLE audit_events (
	at DATETIME NOT NULL,
	actor VARCHAR(200) NOT NULL,
	device VARCHAR(40) NOT NULL,
	action VARCHAR(40) NOT NULL,
	entity VARCHAR(60) NOT NULL,
	entity_id VARCHAR(36) NOT NULL,
	case_id VARCHAR(36),
	detail VARCHAR(300) NOT NULL,
	id VARCHAR(36) NOT NULL,
	created_at DATETIME NOT NULL,
	updated_at VARCHAR(64) NOT NULL,
	updated_by VARCHAR(40) NOT NULL,
	deleted BOOLEAN NOT NULL,
	field_clocks TEXT NOT NULL,
	CONSTRAINT pk_audit_events PRIMARY KEY (id)
);

CREATE TABLE budget_lines (
	budget_id VARCHAR(36) NOT NULL,
	kind VARCHAR(40) NOT NULL,
	category VARCHAR(40) NOT NULL,
	text VARCHAR(200) NOT NULL,
	amount INTEGER NOT NULL,
	frequency VARCHAR(40) NOT NULL,
	need VARCHAR(40),
	is_daily_money BOOLEAN NOT NULL,
	note TEXT NOT NULL,
	sort_order INTEGER NOT NULL,
	id VARCHAR(36) NOT NULL,
	created_at DATETIME NOT NULL,
	updated_at VARCHAR(64) NOT NULL,
	updated_by VARCHAR(40) NOT NULL,
	deleted BOOLEAN NOT NULL,
	field_clocks TEXT NOT NULL,
	CONSTRAINT pk_budget_lines PRIMARY KEY (id),
	CONSTRAINT fk_budget_lines_budget_id_budgets FOREIGN KEY(budget_id) REFERENCES budgets (id)
);

CREATE TABLE budgets (
	case_id VARCHAR(36) NOT NULL,
	made_on DATE NOT NULL,
	title VARCHAR(200) NOT NULL,
	note TEXT NOT NULL,
	copied_from_id VARCHAR(36),
	made_by VARCHAR(200) NOT NULL,
	id VARCHAR(36) NOT NULL,
	created_at DATETIME NOT NULL,
	updated_at VARCHAR(64) NOT NULL,
	updated_by VARCHAR(40) NOT NULL,
	deleted BOOLEAN NOT NULL,
	field_clocks TEXT NOT NULL,
	CONSTRAINT pk_budgets PRIMARY KEY (id),
	CONSTRAINT fk_budgets_case_id_cases FOREIGN KEY(case_id) REFERENCES cases (id),
	CONSTRAINT fk_budgets_copied_from_id_budgets FOREIGN KEY(copied_from_id) REFERENCES budgets (id)
);

CREATE TABLE case_codes (
	case_id VARCHAR(36) NOT NULL,
	category VARCHAR(40) NOT NULL,
	code VARCHAR(40) NOT NULL,
	qualifier VARCHAR(40) NOT NULL,
	id VARCHAR(36) NOT NULL,
	created_at DATETIME NOT NULL,
	updated_at VARCHAR(64) NOT NULL,
	updated_by VARCHAR(40) NOT NULL,
	deleted BOOLEAN NOT NULL,
	field_clocks TEXT NOT NULL,
	CONSTRAINT pk_case_codes PRIMARY KEY (id),
	CONSTRAINT fk_case_codes_case_id_cases FOREIGN KEY(case_id) REFERENCES cases (id)
);

CREATE TABLE case_contacts (
	case_id VARCHAR(36) NOT NULL,
	contact_id VARCHAR(36) NOT NULL,
	id VARCHAR(36) NOT NULL,
	created_at DATETIME NOT NULL,
	updated_at VARCHAR(64) NOT NULL,
	updated_by VARCHAR(40) NOT NULL,
	deleted BOOLEAN NOT NULL,
	field_clocks TEXT NOT NULL,
	CONSTRAINT pk_case_contacts PRIMARY KEY (id),
	CONSTRAINT fk_case_contacts_case_id_cases FOREIGN KEY(case_id) REFERENCES cases (id),
	CONSTRAINT fk_case_contacts_contact_id_contacts FOREIGN KEY(contact_id) REFERENCES contacts (id)
);

CREATE TABLE case_kind_changes (
	case_id VARCHAR(36) NOT NULL,
	kind VARCHAR(40) NOT NULL,
	changed_at DATETIME NOT NULL,
	changed_by VARCHAR(200) NOT NULL,
	id VARCHAR(36) NOT NULL,
	created_at DATETIME NOT NULL,
	updated_at VARCHAR(64) NOT NULL,
	updated_by VARCHAR(40) NOT NULL,
	deleted BOOLEAN NOT NULL,
	field_clocks TEXT NOT NULL,
	CONSTRAINT pk_case_kind_changes PRIMARY KEY (id),
	CONSTRAINT fk_case_kind_changes_case_id_cases FOREIGN KEY(case_id) REFERENCES cases (id)
);

CREATE TABLE case_tags (
	case_id VARCHAR(36) NOT NULL,
	"group" VARCHAR(40) NOT NULL,
	value VARCHAR(40) NOT NULL,
	id VARCHAR(36) NOT NULL,
	created_at DATETIME NOT NULL,
	updated_at VARCHAR(64) NOT NULL,
	updated_by VARCHAR(40) NOT NULL,
	deleted BOOLEAN NOT NULL,
	field_clocks TEXT NOT NULL,
	CONSTRAINT pk_case_tags PRIMARY KEY (id),
	CONSTRAINT fk_case_tags_case_id_cases FOREIGN KEY(case_id) REFERENCES cases (id)
);

CREATE TABLE cases (
	number VARCHAR(20) NOT NULL,
	kind VARCHAR(40) NOT NULL,
	phase VARCHAR(40) NOT NULL,
	tenant_id VARCHAR(36) NOT NULL,
	household_id VARCHAR(36),
	tenancy_id VARCHAR(36),
	adviser_id VARCHAR(36),
	opened_on DATE NOT NULL,
	closed_on DATE,
	letters_reach_tenant VARCHAR(40) NOT NULL,
	referral_source VARCHAR(40),
	income_basis VARCHAR(40),
	terminations_this_year INTEGER NOT NULL,
	wants_personal_meeting BOOLEAN,
	arrears INTEGER NOT NULL,
	reminder_fee INTEGER NOT NULL,
	reminder_sent_on DATE,
	reminder_received_on DATE,
	termination_on DATE,
	bailiff_request_on DATE,
	hearing_on DATE,
	eviction_on DATE,
	eviction_time_from TIME,
	eviction_time_to TIME,
	rescheduled_eviction_on DATE,
	withdrawn_on DATE,
	arrears_covered BOOLEAN,
	outcome VARCHAR(40),
	closing_age INTEGER,
	closing_children INTEGER,
	first_contact_channel VARCHAR(40),
	tenancy_years_at_move_out INTEGER,
	arrears_at_move_out INTEGER,
	move_out_cause VARCHAR(40) NOT NULL,
	stats_excluded VARCHAR(40),
	advice_offer_answer VARCHAR(40),
	arrears_covered_by VARCHAR(40),
	id VARCHAR(36) NOT NULL,
	created_at DATETIME NOT NULL,
	updated_at VARCHAR(64) NOT NULL,
	updated_by VARCHAR(40) NOT NULL,
	deleted BOOLEAN NOT NULL,
	field_clocks TEXT NOT NULL,
	CONSTRAINT pk_cases PRIMARY KEY (id),
	CONSTRAINT fk_cases_adviser_id_advisers FOREIGN KEY(adviser_id) REFERENCES advisers (id),
	CONSTRAINT fk_cases_household_id_households FOREIGN KEY(household_id) REFERENCES households (id),
	CONSTRAINT fk_cases_tenancy_id_tenancies FOREIGN KEY(tenancy_id) REFERENCES tenancies (id),
	CONSTRAINT fk_cases_tenant_id_persons FOREIGN KEY(tenant_id) REFERENCES persons (id)
);

CREATE TABLE consents (
	case_id VARCHAR(36) NOT NULL,
	share_with VARCHAR(40) NOT NULL,
	scope VARCHAR(300) NOT NULL,
	given_on DATE NOT NULL,
	how VARCHAR(40) NOT NULL,
	withdrawn_on DATE,
	id VARCHAR(36) NOT NULL,
	created_at DATETIME NOT NULL,
	updated_at VARCHAR(64) NOT NULL,
	updated_by VARCHAR(40) NOT NULL,
	deleted BOOLEAN NOT NULL,
	field_clocks TEXT NOT NULL,
	CONSTRAINT pk_consents PRIMARY KEY (id),
	CONSTRAINT fk_consents_case_id_cases FOREIGN KEY(case_id) REFERENCES cases (id)
);

CREATE TABLE contact_attempts (
	case_id VARCHAR(36) NOT NULL,
	at DATETIME NOT NULL,
	channel VARCHAR(40) NOT NULL,
	result VARCHAR(40) NOT NULL,
	note TEXT NOT NULL,
	"by" VARCHAR(200) NOT NULL,
	id VARCHAR(36) NOT NULL,
	created_at DATETIME NOT NULL,
	updated_at VARCHAR(64) NOT NULL,
	updated_by VARCHAR(40) NOT NULL,
	deleted BOOLEAN NOT NULL,
	field_clocks TEXT NOT NULL,
	CONSTRAINT pk_contact_attempts PRIMARY KEY (id),
	CONSTRAINT fk_contact_attempts_case_id_cases FOREIGN KEY(case_id) REFERENCES cases (id)
);

CREATE TABLE contacts (
	role VARCHAR(40) NOT NULL,
	name VARCHAR(200) NOT NULL,
	organisation VARCHAR(200) NOT NULL,
	phone VARCHAR(40) NOT NULL,
	email VARCHAR(200) NOT NULL,
	hours VARCHAR(200) NOT NULL,
	checked_on DATE,
	note TEXT NOT NULL,
	id VARCHAR(36) NOT NULL,
	created_at DATETIME NOT NULL,
	updated_at VARCHAR(64) NOT NULL,
	updated_by VARCHAR(40) NOT NULL,
	deleted BOOLEAN NOT NULL,
	field_clocks TEXT NOT NULL,
	CONSTRAINT pk_contacts PRIMARY KEY (id)
);

CREATE TABLE course_extensions (
	course_id VARCHAR(36) NOT NULL,
	extended_on DATE NOT NULL,
	months INTEGER NOT NULL,
	reason TEXT NOT NULL,
	id VARCHAR(36) NOT NULL,
	created_at DATETIME NOT NULL,
	updated_at VARCHAR(64) NOT NULL,
	updated_by VARCHAR(40) NOT NULL,
	deleted BOOLEAN NOT NULL,
	field_clocks TEXT NOT NULL,
	CONSTRAINT pk_course_extensions PRIMARY KEY (id),
	CONSTRAINT fk_course_extensions_course_id_courses FOREIGN KEY(course_id) REFERENCES courses (id)
);

CREATE TABLE courses (
	case_id VARCHAR(36) NOT NULL,
	method VARCHAR(40) NOT NULL,
	planned_months INTEGER NOT NULL,
	started_on DATE NOT NULL,
	ended_on DATE,
	id VARCHAR(36) NOT NULL,
	created_at DATETIME NOT NULL,
	updated_at VARCHAR(64) NOT NULL,
	updated_by VARCHAR(40) NOT NULL,
	deleted BOOLEAN NOT NULL,
	field_clocks TEXT NOT NULL,
	CONSTRAINT pk_courses PRIMARY KEY (id),
	CONSTRAINT fk_courses_case_id_cases FOREIGN KEY(case_id) REFERENCES cases (id)
);

CREATE TABLE device_info (
	device_id VARCHAR(40) NOT NULL,
	clock VARCHAR(64) NOT NULL,
	adviser_id VARCHAR(36),
	created_at DATETIME NOT NULL,
	CONSTRAINT pk_device_info PRIMARY KEY (device_id)
);

CREATE TABLE documents (
	case_id VARCHAR(36) NOT NULL,
	kind VARCHAR(40) NOT NULL,
	title VARCHAR(200) NOT NULL,
	received_on DATE,
	file_name VARCHAR(255) NOT NULL,
	media_type VARCHAR(40) NOT NULL,
	size INTEGER NOT NULL,
	sha256 VARCHAR(64) NOT NULL,
	added_by VARCHAR(200) NOT NULL,
	added_on DATE NOT NULL,
	id VARCHAR(36) NOT NULL,
	created_at DATETIME NOT NULL,
	updated_at VARCHAR(64) NOT NULL,
	updated_by VARCHAR(40) NOT NULL,
	deleted BOOLEAN NOT NULL,
	field_clocks TEXT NOT NULL,
	content BLOB,
	CONSTRAINT pk_documents PRIMARY KEY (id),
	CONSTRAINT fk_documents_case_id_cases FOREIGN KEY(case_id) REFERENCES cases (id)
);

CREATE TABLE drafts (
	kind VARCHAR(20) NOT NULL,
	case_id VARCHAR(36) NOT NULL,
	slot VARCHAR(120) NOT NULL,
	content TEXT NOT NULL,
	saved_at DATETIME NOT NULL,
	CONSTRAINT pk_drafts PRIMARY KEY (kind, case_id, slot)
);

CREATE TABLE envelope_plans (
	case_id VARCHAR(36) NOT NULL,
	budget_id VARCHAR(36) NOT NULL,
	pay_day DATE NOT NULL,
	start_on DATE NOT NULL,
	rounding_unit INTEGER NOT NULL,
	leftover_rule VARCHAR(40) NOT NULL,
	id VARCHAR(36) NOT NULL,
	created_at DATETIME NOT NULL,
	updated_at VARCHAR(64) NOT NULL,
	updated_by VARCHAR(40) NOT NULL,
	deleted BOOLEAN NOT NULL,
	field_clocks TEXT NOT NULL,
	CONSTRAINT pk_envelope_plans PRIMARY KEY (id),
	CONSTRAINT fk_envelope_plans_budget_id_budgets FOREIGN KEY(budget_id) REFERENCES budgets (id),
	CONSTRAINT fk_envelope_plans_case_id_cases FOREIGN KEY(case_id) REFERENCES cases (id)
);

CREATE TABLE envelope_spendings (
	plan_id VARCHAR(36) NOT NULL,
	envelope_index INTEGER NOT NULL,
	spent INTEGER NOT NULL,
	note VARCHAR(300) NOT NULL,
	id VARCHAR(36) NOT NULL,
	created_at DATETIME NOT NULL,
	updated_at VARCHAR(64) NOT NULL,
	updated_by VARCHAR(40) NOT NULL,
	deleted BOOLEAN NOT NULL,
	field_clocks TEXT NOT NULL,
	CONSTRAINT pk_envelope_spendings PRIMARY KEY (id),
	CONSTRAINT fk_envelope_spendings_plan_id_envelope_plans FOREIGN KEY(plan_id) REFERENCES envelope_plans (id)
);

CREATE TABLE erasures (
	case_id VARCHAR(36) NOT NULL,
	erased_on DATE NOT NULL,
	erased_by VARCHAR(200) NOT NULL,
	reason VARCHAR(20) NOT NULL,
	id VARCHAR(36) NOT NULL,
	created_at DATETIME NOT NULL,
	updated_at VARCHAR(64) NOT NULL,
	updated_by VARCHAR(40) NOT NULL,
	deleted BOOLEAN NOT NULL,
	field_clocks TEXT NOT NULL,
	CONSTRAINT pk_erasures PRIMARY KEY (id)
);

CREATE TABLE estates (
	association_id VARCHAR(36) NOT NULL,
	number VARCHAR(20) NOT NULL,
	name VARCHAR(200) NOT NULL,
	address VARCHAR(300) NOT NULL,
	max_plan_months INTEGER NOT NULL,
	phone_plan_max_months INTEGER NOT NULL,
	id VARCHAR(36) NOT NULL,
	created_at DATETIME NOT NULL,
	updated_at VARCHAR(64) NOT NULL,
	updated_by VARCHAR(40) NOT NULL,
	deleted BOOLEAN NOT NULL,
	field_clocks TEXT NOT NULL,
	CONSTRAINT pk_estates PRIMARY KEY (id),
	CONSTRAINT fk_estates_association_id_housing_associations FOREIGN KEY(association_id) REFERENCES housing_associations (id)
);

CREATE TABLE follow_ups (
	case_id VARCHAR(36) NOT NULL,
	due_on DATE NOT NULL,
	text VARCHAR(300) NOT NULL,
	done_on DATE,
	id VARCHAR(36) NOT NULL,
	created_at DATETIME NOT NULL,
	updated_at VARCHAR(64) NOT NULL,
	updated_by VARCHAR(40) NOT NULL,
	deleted BOOLEAN NOT NULL,
	field_clocks TEXT NOT NULL,
	CONSTRAINT pk_follow_ups PRIMARY KEY (id),
	CONSTRAINT fk_follow_ups_case_id_cases FOREIGN KEY(case_id) REFERENCES cases (id)
);

CREATE TABLE generated_letters (
	case_id VARCHAR(36) NOT NULL,
	template VARCHAR(60) NOT NULL,
	title VARCHAR(200) NOT NULL,
	made_at DATETIME NOT NULL,
	made_by VARCHAR(200) NOT NULL,
	sha256 VARCHAR(64) NOT NULL,
	body_text TEXT NOT NULL,
	pdf BLOB,
	id VARCHAR(36) NOT NULL,
	created_at DATETIME NOT NULL,
	updated_at VARCHAR(64) NOT NULL,
	updated_by VARCHAR(40) NOT NULL,
	deleted BOOLEAN NOT NULL,
	field_clocks TEXT NOT NULL,
	CONSTRAINT pk_generated_letters PRIMARY KEY (id),
	CONSTRAINT fk_generated_letters_case_id_cases FOREIGN KEY(case_id) REFERENCES cases (id)
);

CREATE TABLE household_members (
	household_id VARCHAR(36) NOT NULL,
	name VARCHAR(200) NOT NULL,
	role VARCHAR(40) NOT NULL,
	birth_date DATE,
	is_tenant BOOLEAN NOT NULL,
	pays_in BOOLEAN NOT NULL,
	sort_order INTEGER NOT NULL,
	id VARCHAR(36) NOT NULL,
	created_at DATETIME NOT NULL,
	updated_at VARCHAR(64) NOT NULL,
	updated_by VARCHAR(40) NOT NULL,
	deleted BOOLEAN NOT NULL,
	field_clocks TEXT NOT NULL,
	CONSTRAINT pk_household_members PRIMARY KEY (id),
	CONSTRAINT fk_household_members_household_id_households FOREIGN KEY(household_id) REFERENCES households (id)
);

CREATE TABLE households (
	id VARCHAR(36) NOT NULL,
	created_at DATETIME NOT NULL,
	updated_at VARCHAR(64) NOT NULL,
	updated_by VARCHAR(40) NOT NULL,
	deleted BOOLEAN NOT NULL,
	field_clocks TEXT NOT NULL,
	CONSTRAINT pk_households PRIMARY KEY (id)
);

CREATE TABLE housing_associations (
	name VARCHAR(200) NOT NULL,
	address VARCHAR(300) NOT NULL,
	phone VARCHAR(40) NOT NULL,
	id VARCHAR(36) NOT NULL,
	created_at DATETIME NOT NULL,
	updated_at VARCHAR(64) NOT NULL,
	updated_by VARCHAR(40) NOT NULL,
	deleted BOOLEAN NOT NULL,
	field_clocks TEXT NOT NULL,
	CONSTRAINT pk_housing_associations PRIMARY KEY (id)
);

CREATE TABLE instalments (
	plan_id VARCHAR(36) NOT NULL,
	seq INTEGER NOT NULL,
	due_on DATE NOT NULL,
	amount INTEGER NOT NULL,
	id VARCHAR(36) NOT NULL,
	created_at DATETIME NOT NULL,
	updated_at VARCHAR(64) NOT NULL,
	updated_by VARCHAR(40) NOT NULL,
	deleted BOOLEAN NOT NULL,
	field_clocks TEXT NOT NULL,
	CONSTRAINT pk_instalments PRIMARY KEY (id),
	CONSTRAINT fk_instalments_plan_id_repayment_plans FOREIGN KEY(plan_id) REFERENCES repayment_plans (id)
);

CREATE TABLE journal_notes (
	case_id VARCHAR(36) NOT NULL,
	written_at DATETIME NOT NULL,
	author VARCHAR(200) NOT NULL,
	text TEXT NOT NULL,
	corrects_id VARCHAR(36),
	id VARCHAR(36) NOT NULL,
	created_at DATETIME NOT NULL,
	updated_at VARCHAR(64) NOT NULL,
	updated_by VARCHAR(40) NOT NULL,
	deleted BOOLEAN NOT NULL,
	field_clocks TEXT NOT NULL,
	CONSTRAINT pk_journal_notes PRIMARY KEY (id),
	CONSTRAINT fk_journal_notes_case_id_cases FOREIGN KEY(case_id) REFERENCES cases (id),
	CONSTRAINT fk_journal_notes_corrects_id_journal_notes FOREIGN KEY(corrects_id) REFERENCES journal_notes (id)
);

CREATE TABLE payments (
	plan_id VARCHAR(36) NOT NULL,
	paid_on DATE NOT NULL,
	amount INTEGER NOT NULL,
	note VARCHAR(300) NOT NULL,
	registered_by VARCHAR(200) NOT NULL,
	id VARCHAR(36) NOT NULL,
	created_at DATETIME NOT NULL,
	updated_at VARCHAR(64) NOT NULL,
	updated_by VARCHAR(40) NOT NULL,
	deleted BOOLEAN NOT NULL,
	field_clocks TEXT NOT NULL,
	CONSTRAINT pk_payments PRIMARY KEY (id),
	CONSTRAINT fk_payments_plan_id_repayment_plans FOREIGN KEY(plan_id) REFERENCES repayment_plans (id)
);

CREATE TABLE persons (
	first_name VARCHAR(120) NOT NULL,
	last_name VARCHAR(120) NOT NULL,
	birth_date DATE,
	phone VARCHAR(40) NOT NULL,
	email VARCHAR(200) NOT NULL,
	preferred_language VARCHAR(40) NOT NULL,
	civil_status VARCHAR(40),
	education VARCHAR(40),
	id VARCHAR(36) NOT NULL,
	created_at DATETIME NOT NULL,
	updated_at VARCHAR(64) NOT NULL,
	updated_by VARCHAR(40) NOT NULL,
	deleted BOOLEAN NOT NULL,
	field_clocks TEXT NOT NULL,
	CONSTRAINT pk_persons PRIMARY KEY (id)
);

CREATE TABLE rate_entries (
	table_key VARCHAR(40) NOT NULL,
	valid_from DATE NOT NULL,
	figures TEXT NOT NULL,
	source_title VARCHAR(300) NOT NULL,
	source_url VARCHAR(500) NOT NULL,
	verified BOOLEAN NOT NULL,
	note TEXT NOT NULL,
	entered_by VARCHAR(200) NOT NULL,
	id VARCHAR(36) NOT NULL,
	created_at DATETIME NOT NULL,
	updated_at VARCHAR(64) NOT NULL,
	updated_by VARCHAR(40) NOT NULL,
	deleted BOOLEAN NOT NULL,
	field_clocks TEXT NOT NULL,
	CONSTRAINT pk_rate_entries PRIMARY KEY (id)
);

CREATE TABLE receipts (
	case_id VARCHAR(36) NOT NULL,
	budget_id VARCHAR(36),
	bought_on DATE,
	amount INTEGER NOT NULL,
	category VARCHAR(40) NOT NULL,
	need VARCHAR(40) NOT NULL,
	text VARCHAR(200) NOT NULL,
	id VARCHAR(36) NOT NULL,
	created_at DATETIME NOT NULL,
	updated_at VARCHAR(64) NOT NULL,
	updated_by VARCHAR(40) NOT NULL,
	deleted BOOLEAN NOT NULL,
	field_clocks TEXT NOT NULL,
	CONSTRAINT pk_receipts PRIMARY KEY (id),
	CONSTRAINT fk_receipts_budget_id_budgets FOREIGN KEY(budget_id) REFERENCES budgets (id),
	CONSTRAINT fk_receipts_case_id_cases FOREIGN KEY(case_id) REFERENCES cases (id)
);

CREATE TABLE repayment_plans (
	case_id VARCHAR(36) NOT NULL,
	version INTEGER NOT NULL,
	previous_id VARCHAR(36),
	status VARCHAR(40) NOT NULL,
	debt INTEGER NOT NULL,
	start_on DATE NOT NULL,
	months INTEGER NOT NULL,
	instalment INTEGER NOT NULL,
	rent INTEGER NOT NULL,
	budget_id VARCHAR(36),
	agreed_via VARCHAR(40) NOT NULL,
	assessment TEXT NOT NULL,
	agreed_on DATE,
	ended_on DATE,
	made_by VARCHAR(200) NOT NULL,
	id VARCHAR(36) NOT NULL,
	created_at DATETIME NOT NULL,
	updated_at VARCHAR(64) NOT NULL,
	updated_by VARCHAR(40) NOT NULL,
	deleted BOOLEAN NOT NULL,
	field_clocks TEXT NOT NULL,
	CONSTRAINT pk_repayment_plans PRIMARY KEY (id),
	CONSTRAINT fk_repayment_plans_budget_id_budgets FOREIGN KEY(budget_id) REFERENCES budgets (id),
	CONSTRAINT fk_repayment_plans_case_id_cases FOREIGN KEY(case_id) REFERENCES cases (id),
	CONSTRAINT fk_repayment_plans_previous_id_repayment_plans FOREIGN KEY(previous_id) REFERENCES repayment_plans (id)
);

CREATE TABLE retired_laptops (
	device_id VARCHAR(40) NOT NULL,
	reason TEXT NOT NULL,
	retired_by VARCHAR(200) NOT NULL,
	retired_at DATETIME NOT NULL,
	id VARCHAR(36) NOT NULL,
	created_at DATETIME NOT NULL,
	updated_at VARCHAR(64) NOT NULL,
	updated_by VARCHAR(40) NOT NULL,
	deleted BOOLEAN NOT NULL,
	field_clocks TEXT NOT NULL,
	CONSTRAINT pk_retired_laptops PRIMARY KEY (id),
	CONSTRAINT uq_retired_laptops_device_id UNIQUE (device_id)
);

CREATE TABLE settings (
	"key" VARCHAR(100) NOT NULL,
	value TEXT NOT NULL,
	id VARCHAR(36) NOT NULL,
	created_at DATETIME NOT NULL,
	updated_at VARCHAR(64) NOT NULL,
	updated_by VARCHAR(40) NOT NULL,
	deleted BOOLEAN NOT NULL,
	field_clocks TEXT NOT NULL,
	CONSTRAINT pk_settings PRIMARY KEY (id),
	CONSTRAINT uq_settings_key UNIQUE ("key")
);

CREATE TABLE stat_baselines (
	estate_id VARCHAR(36) NOT NULL,
	year INTEGER NOT NULL,
	figure VARCHAR(40) NOT NULL,
	count INTEGER NOT NULL,
	note TEXT NOT NULL,
	entered_by VARCHAR(200) NOT NULL,
	id VARCHAR(36) NOT NULL,
	created_at DATETIME NOT NULL,
	updated_at VARCHAR(64) NOT NULL,
	updated_by VARCHAR(40) NOT NULL,
	deleted BOOLEAN NOT NULL,
	field_clocks TEXT NOT NULL,
	CONSTRAINT pk_stat_baselines PRIMARY KEY (id),
	CONSTRAINT fk_stat_baselines_estate_id_estates FOREIGN KEY(estate_id) REFERENCES estates (id)
);

CREATE TABLE sync_acks (
	holder VARCHAR(40) NOT NULL,
	device VARCHAR(40) NOT NULL,
	seq INTEGER NOT NULL,
	mark VARCHAR(64) NOT NULL,
	updated DATETIME NOT NULL,
	seen VARCHAR(40) NOT NULL,
	CONSTRAINT pk_sync_acks PRIMARY KEY (holder, device)
);

CREATE TABLE sync_conflicts (
	id VARCHAR(36) NOT NULL,
	table_name VARCHAR(60) NOT NULL,
	row_id VARCHAR(36) NOT NULL,
	field VARCHAR(60) NOT NULL,
	kept_value TEXT NOT NULL,
	lost_value TEXT NOT NULL,
	kept_clock VARCHAR(64) NOT NULL,
	lost_clock VARCHAR(64) NOT NULL,
	lost_device VARCHAR(40) NOT NULL,
	detected_at DATETIME NOT NULL,
	resolved_at DATETIME,
	resolution VARCHAR(20) NOT NULL,
	CONSTRAINT pk_sync_conflicts PRIMARY KEY (id)
);

CREATE TABLE sync_losses (
	id VARCHAR(36) NOT NULL,
	team VARCHAR(40) NOT NULL,
	device VARCHAR(40) NOT NULL,
	first_seq INTEGER NOT NULL,
	last_seq INTEGER NOT NULL,
	accepted_by VARCHAR(200) NOT NULL,
	accepted_at DATETIME NOT NULL,
	CONSTRAINT pk_sync_losses PRIMARY KEY (id)
);

CREATE TABLE sync_peers (
	device_id VARCHAR(40) NOT NULL,
	applied_seq INTEGER NOT NULL,
	last_sent_clock VARCHAR(64) NOT NULL,
	updated DATETIME NOT NULL,
	CONSTRAINT pk_sync_peers PRIMARY KEY (device_id)
);

CREATE TABLE sync_quarantine (
	id VARCHAR(36) NOT NULL,
	table_name VARCHAR(60) NOT NULL,
	row_id VARCHAR(36) NOT NULL,
	payload TEXT NOT NULL,
	clock VARCHAR(64) NOT NULL,
	received_at DATETIME NOT NULL,
	CONSTRAINT pk_sync_quarantine PRIMARY KEY (id)
);

CREATE TABLE tenancies (
	estate_id VARCHAR(36),
	tenancy_number VARCHAR(40) NOT NULL,
	address_line VARCHAR(300) NOT NULL,
	postcode VARCHAR(10) NOT NULL,
	city VARCHAR(100) NOT NULL,
	rent INTEGER NOT NULL,
	rooms INTEGER,
	move_in_date DATE,
	id VARCHAR(36) NOT NULL,
	created_at DATETIME NOT NULL,
	updated_at VARCHAR(64) NOT NULL,
	updated_by VARCHAR(40) NOT NULL,
	deleted BOOLEAN NOT NULL,
	field_clocks TEXT NOT NULL,
	CONSTRAINT pk_tenancies PRIMARY KEY (id),
	CONSTRAINT fk_tenancies_estate_id_estates FOREIGN KEY(estate_id) REFERENCES estates (id)
);
