CREATE TABLE "care_group_types" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"has_grade" boolean DEFAULT false NOT NULL,
	"visit_interval_days" integer,
	"active" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 100 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "households" (
	"place_id" uuid PRIMARY KEY NOT NULL,
	"place_path" text NOT NULL,
	"building_id" uuid NOT NULL,
	"head_resident_id" uuid,
	"registered_address" text,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resident_care_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"resident_id" uuid NOT NULL,
	"code" text NOT NULL,
	"grade" integer,
	"start_date" date,
	"end_date" date,
	"responsible_user_id" uuid,
	"place_path" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resident_import_errors" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"import_id" uuid NOT NULL,
	"row_number" integer NOT NULL,
	"column" text NOT NULL,
	"reason" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resident_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"mode" text NOT NULL,
	"file_name" text NOT NULL,
	"processed" integer DEFAULT 0 NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"message" text,
	"actor_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "resident_moves" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"resident_id" uuid NOT NULL,
	"from_household_id" uuid,
	"to_household_id" uuid,
	"moved_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reason" text,
	"actor_id" uuid,
	"actor_name" text
);
--> statement-breakpoint
CREATE TABLE "residents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"household_id" uuid,
	"place_id" uuid NOT NULL,
	"place_path" text NOT NULL,
	"name" text NOT NULL,
	"name_tokens" text[] NOT NULL,
	"gender" text NOT NULL,
	"birth_date" date NOT NULL,
	"id_type" text NOT NULL,
	"id_number_enc" text NOT NULL,
	"id_number_index" text NOT NULL,
	"id_number_masked" text NOT NULL,
	"phone_enc" text,
	"phone_index" text,
	"phone_masked" text,
	"relation_to_head" text,
	"residence_type" text NOT NULL,
	"occupation" text,
	"employer" text,
	"health_notes_enc" text,
	"notes" text,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"resident_id" uuid NOT NULL,
	"place_path" text NOT NULL,
	"visited_at" timestamp with time zone NOT NULL,
	"method" text NOT NULL,
	"visitor_id" uuid,
	"visitor_name" text NOT NULL,
	"observations" text NOT NULL,
	"needs_found" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "resident_care_groups" ADD CONSTRAINT "resident_care_groups_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_care_groups" ADD CONSTRAINT "resident_care_groups_code_care_group_types_code_fk" FOREIGN KEY ("code") REFERENCES "public"."care_group_types"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_import_errors" ADD CONSTRAINT "resident_import_errors_import_id_resident_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."resident_imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_moves" ADD CONSTRAINT "resident_moves_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "households_path_idx" ON "households" USING btree ("place_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "households_building_idx" ON "households" USING btree ("building_id");--> statement-breakpoint
CREATE INDEX "resident_care_groups_resident_idx" ON "resident_care_groups" USING btree ("resident_id");--> statement-breakpoint
CREATE INDEX "resident_care_groups_path_idx" ON "resident_care_groups" USING btree ("place_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "resident_care_groups_code_idx" ON "resident_care_groups" USING btree ("code");--> statement-breakpoint
CREATE INDEX "resident_import_errors_import_idx" ON "resident_import_errors" USING btree ("import_id","row_number");--> statement-breakpoint
CREATE INDEX "resident_moves_resident_idx" ON "resident_moves" USING btree ("resident_id","moved_at");--> statement-breakpoint
CREATE INDEX "residents_path_idx" ON "residents" USING btree ("place_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "residents_name_tokens_idx" ON "residents" USING gin ("name_tokens");--> statement-breakpoint
CREATE UNIQUE INDEX "residents_id_number_unique" ON "residents" USING btree ("id_number_index") WHERE "residents"."status" <> 'anonymised';--> statement-breakpoint
CREATE INDEX "residents_phone_idx" ON "residents" USING btree ("phone_index");--> statement-breakpoint
CREATE INDEX "residents_household_idx" ON "residents" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "residents_birth_date_idx" ON "residents" USING btree ("birth_date");--> statement-breakpoint
CREATE INDEX "residents_created_idx" ON "residents" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "residents_name_idx" ON "residents" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "visits_resident_idx" ON "visits" USING btree ("resident_id","visited_at");--> statement-breakpoint
CREATE INDEX "visits_path_idx" ON "visits" USING btree ("place_path" text_pattern_ops);