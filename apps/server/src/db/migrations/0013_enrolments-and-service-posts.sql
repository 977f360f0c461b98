CREATE TABLE "party_enrolments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"user_id" uuid NOT NULL,
	"resident_id" uuid,
	"community_id" uuid NOT NULL,
	"place_path" text NOT NULL,
	"name" text NOT NULL,
	"phone_enc" text NOT NULL,
	"phone_masked" text NOT NULL,
	"employer" text NOT NULL,
	"home_org_name" text NOT NULL,
	"status" text NOT NULL,
	"probationary_on" date,
	"full_on" date,
	"note" text,
	"state" text DEFAULT 'pending' NOT NULL,
	"reject_reason" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"member_id" uuid,
	"points" numeric(8, 1) DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "party_enrolments_seq_unique" UNIQUE("seq")
);
--> statement-breakpoint
CREATE TABLE "service_post_claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"post_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"place_path" text NOT NULL,
	"claimed_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_post_claims_seq_unique" UNIQUE("seq")
);
--> statement-breakpoint
CREATE TABLE "service_post_hours" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"claim_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"place_path" text NOT NULL,
	"served_on" date NOT NULL,
	"hours" numeric(4, 1) NOT NULL,
	"note" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"reject_reason" text,
	"points" numeric(8, 1) DEFAULT 0 NOT NULL,
	"logged_by" uuid NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_post_hours_seq_unique" UNIQUE("seq"),
	CONSTRAINT "service_post_hours_range" CHECK ("service_post_hours"."hours" > 0 AND "service_post_hours"."hours" <= 24)
);
--> statement-breakpoint
CREATE TABLE "service_posts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"place_id" uuid NOT NULL,
	"place_path" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"capacity" integer NOT NULL,
	"claimed_count" integer DEFAULT 0 NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_by" uuid NOT NULL,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_posts_seq_unique" UNIQUE("seq"),
	CONSTRAINT "service_posts_claimed_within_capacity" CHECK ("service_posts"."claimed_count" >= 0 AND "service_posts"."claimed_count" <= "service_posts"."capacity")
);
--> statement-breakpoint
ALTER TABLE "party_enrolments" ADD CONSTRAINT "party_enrolments_member_id_party_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."party_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_post_claims" ADD CONSTRAINT "service_post_claims_post_id_service_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."service_posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_post_claims" ADD CONSTRAINT "service_post_claims_member_id_party_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."party_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_post_hours" ADD CONSTRAINT "service_post_hours_claim_id_service_post_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."service_post_claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "party_enrolments_live_uq" ON "party_enrolments" USING btree ("user_id") WHERE "party_enrolments"."state" <> 'rejected';--> statement-breakpoint
CREATE INDEX "party_enrolments_path_idx" ON "party_enrolments" USING btree ("place_path" text_pattern_ops,"seq");--> statement-breakpoint
CREATE INDEX "party_enrolments_user_idx" ON "party_enrolments" USING btree ("user_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "service_post_claims_member_uq" ON "service_post_claims" USING btree ("post_id","member_id");--> statement-breakpoint
CREATE INDEX "service_post_claims_member_idx" ON "service_post_claims" USING btree ("member_id","seq");--> statement-breakpoint
CREATE INDEX "service_post_hours_claim_idx" ON "service_post_hours" USING btree ("claim_id","served_on");--> statement-breakpoint
CREATE INDEX "service_post_hours_path_idx" ON "service_post_hours" USING btree ("place_path" text_pattern_ops,"status","seq");--> statement-breakpoint
CREATE INDEX "service_posts_path_idx" ON "service_posts" USING btree ("place_path" text_pattern_ops,"seq");