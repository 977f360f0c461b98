CREATE TABLE "council_agenda_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"request_reference" text NOT NULL,
	"community_id" uuid NOT NULL,
	"place_path" text NOT NULL,
	"title" text NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"meeting_on" date,
	"decision" text,
	"decided_at" timestamp with time zone,
	"decided_by" text,
	"withdrawn_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "council_agenda_items_request_uq" ON "council_agenda_items" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "council_agenda_items_path_idx" ON "council_agenda_items" USING btree ("place_path" text_pattern_ops,"created_at");