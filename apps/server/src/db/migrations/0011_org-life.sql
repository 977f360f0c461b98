CREATE TABLE "org_life_attendees" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"status" text,
	"note" text,
	"recorded_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "org_life_frequencies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"place_id" uuid NOT NULL,
	"type" text NOT NULL,
	"period" text NOT NULL,
	"required_count" integer NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "org_life_make_ups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"studied_on" date NOT NULL,
	"note" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "org_life_photos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"uploader_user_id" uuid NOT NULL,
	"mime" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"byte_size" integer NOT NULL,
	"data" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "org_life_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"type" text NOT NULL,
	"org_id" uuid NOT NULL,
	"title" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"location" text,
	"status" text DEFAULT 'planned' NOT NULL,
	"cancel_reason" text,
	"minutes" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "org_life_sessions_seq_unique" UNIQUE("seq")
);
--> statement-breakpoint
ALTER TABLE "org_life_attendees" ADD CONSTRAINT "org_life_attendees_session_id_org_life_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."org_life_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_life_attendees" ADD CONSTRAINT "org_life_attendees_member_id_party_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."party_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_life_make_ups" ADD CONSTRAINT "org_life_make_ups_session_id_org_life_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."org_life_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_life_make_ups" ADD CONSTRAINT "org_life_make_ups_member_id_party_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."party_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_life_photos" ADD CONSTRAINT "org_life_photos_session_id_org_life_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."org_life_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_life_sessions" ADD CONSTRAINT "org_life_sessions_org_id_party_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."party_orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "org_life_attendees_uq" ON "org_life_attendees" USING btree ("session_id","member_id");--> statement-breakpoint
CREATE INDEX "org_life_attendees_member_idx" ON "org_life_attendees" USING btree ("member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "org_life_frequencies_uq" ON "org_life_frequencies" USING btree ("place_id","type");--> statement-breakpoint
CREATE UNIQUE INDEX "org_life_make_ups_uq" ON "org_life_make_ups" USING btree ("session_id","member_id");--> statement-breakpoint
CREATE INDEX "org_life_photos_session_idx" ON "org_life_photos" USING btree ("session_id","created_at");--> statement-breakpoint
CREATE INDEX "org_life_sessions_org_idx" ON "org_life_sessions" USING btree ("org_id","starts_at");--> statement-breakpoint
CREATE INDEX "org_life_sessions_planned_idx" ON "org_life_sessions" USING btree ("starts_at") WHERE "org_life_sessions"."status" = 'planned';