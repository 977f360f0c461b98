CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"link" text,
	"dedupe_key" text,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notifications_dedupe_key_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"caller" text NOT NULL,
	"key" text NOT NULL,
	"scope" text NOT NULL,
	"fingerprint" text NOT NULL,
	"status" integer NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_caller_scope_key_pk" PRIMARY KEY("caller","scope","key")
);
--> statement-breakpoint
CREATE TABLE "request_categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"parent_id" uuid,
	"name" text NOT NULL,
	"default_triage" text NOT NULL,
	"keywords" text[] DEFAULT '{}'::text[] NOT NULL,
	"sla_hours" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "request_categories_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "request_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"actor_id" uuid,
	"actor_name" text,
	"note" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "request_photos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid,
	"event_id" uuid,
	"place_path" text,
	"uploader_user_id" uuid NOT NULL,
	"kind" text DEFAULT 'report' NOT NULL,
	"mime" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"byte_size" integer NOT NULL,
	"data" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "request_stat_deltas" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"place_path" text NOT NULL,
	"day" date NOT NULL,
	"category_code" text NOT NULL,
	"triage" text NOT NULL,
	"received" integer DEFAULT 0 NOT NULL,
	"resolved" integer DEFAULT 0 NOT NULL,
	"resolved_on_time" integer DEFAULT 0 NOT NULL,
	"handling_seconds" bigint DEFAULT 0 NOT NULL,
	"followed_up" integer DEFAULT 0 NOT NULL,
	"satisfaction_sum" integer DEFAULT 0 NOT NULL,
	"open_delta" integer DEFAULT 0 NOT NULL,
	"overdue_delta" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "request_stats" (
	"place_path" text NOT NULL,
	"day" date NOT NULL,
	"category_code" text NOT NULL,
	"triage" text NOT NULL,
	"received" integer DEFAULT 0 NOT NULL,
	"resolved" integer DEFAULT 0 NOT NULL,
	"resolved_on_time" integer DEFAULT 0 NOT NULL,
	"handling_seconds" bigint DEFAULT 0 NOT NULL,
	"followed_up" integer DEFAULT 0 NOT NULL,
	"satisfaction_sum" integer DEFAULT 0 NOT NULL,
	"open_delta" integer DEFAULT 0 NOT NULL,
	"overdue_delta" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "request_stats_place_path_day_category_code_triage_pk" PRIMARY KEY("place_path","day","category_code","triage")
);
--> statement-breakpoint
CREATE TABLE "service_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"category_id" uuid NOT NULL,
	"category_code" text NOT NULL,
	"triage" text NOT NULL,
	"triage_confirmed" boolean DEFAULT false NOT NULL,
	"channel" text NOT NULL,
	"urgency" text NOT NULL,
	"status" text NOT NULL,
	"description" text NOT NULL,
	"lng" double precision,
	"lat" double precision,
	"address" text,
	"place_id" uuid NOT NULL,
	"place_path" text NOT NULL,
	"subject_place_id" uuid,
	"responsible_place_id" uuid NOT NULL,
	"responsible_path" text NOT NULL,
	"escalation_level" integer DEFAULT 0 NOT NULL,
	"resident_id" uuid,
	"reporter_user_id" uuid,
	"contact_name" text,
	"contact_phone_enc" text,
	"contact_phone_masked" text,
	"anonymous" boolean DEFAULT false NOT NULL,
	"public_consent" boolean DEFAULT true NOT NULL,
	"owner_user_id" uuid,
	"owner_name" text,
	"owner_unit" text,
	"deadline" timestamp with time zone,
	"due_state" text DEFAULT 'none' NOT NULL,
	"result" text,
	"satisfaction" integer,
	"follow_up_comment" text,
	"resolved_at" timestamp with time zone,
	"resolved_on_time" boolean,
	"followed_up_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"open311_token" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_requests_seq_unique" UNIQUE("seq"),
	CONSTRAINT "service_requests_open311_token_unique" UNIQUE("open311_token")
);
--> statement-breakpoint
CREATE TABLE "wishes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"place_id" uuid NOT NULL,
	"place_path" text NOT NULL,
	"beneficiary" text NOT NULL,
	"resident_id" uuid,
	"poster_user_id" uuid NOT NULL,
	"claimant_user_id" uuid,
	"claimant_name" text,
	"claimed_at" timestamp with time zone,
	"claim_expires_at" timestamp with time zone,
	"fulfilment_note" text,
	"fulfilled_at" timestamp with time zone,
	"confirmed_at" timestamp with time zone,
	"confirmed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "open311_api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"key_hash" text NOT NULL,
	"key_prefix" text NOT NULL,
	"place_id" uuid NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "open311_api_keys_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at") WHERE "notifications"."read_at" IS NULL;--> statement-breakpoint
CREATE INDEX "notifications_user_all_idx" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "request_events_request_idx" ON "request_events" USING btree ("request_id","at");--> statement-breakpoint
CREATE INDEX "request_photos_request_idx" ON "request_photos" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "request_photos_staged_idx" ON "request_photos" USING btree ("uploader_user_id") WHERE "request_photos"."request_id" IS NULL;--> statement-breakpoint
CREATE INDEX "request_stats_path_idx" ON "request_stats" USING btree ("place_path" text_pattern_ops,"day");--> statement-breakpoint
CREATE INDEX "service_requests_path_idx" ON "service_requests" USING btree ("place_path" text_pattern_ops,"created_at","id");--> statement-breakpoint
CREATE INDEX "service_requests_created_idx" ON "service_requests" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "service_requests_open_idx" ON "service_requests" USING btree ("place_path" text_pattern_ops,"created_at","id") WHERE "service_requests"."status" IN ('submitted', 'accepted', 'assigned', 'in_progress', 'resolved', 'followed_up');--> statement-breakpoint
CREATE INDEX "service_requests_owner_idx" ON "service_requests" USING btree ("owner_user_id","created_at","id") WHERE "service_requests"."owner_user_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "service_requests_reporter_idx" ON "service_requests" USING btree ("reporter_user_id","created_at","id") WHERE "service_requests"."reporter_user_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "service_requests_due_idx" ON "service_requests" USING btree ("deadline") WHERE "service_requests"."status" IN ('accepted', 'assigned', 'in_progress') AND "service_requests"."deadline" IS NOT NULL AND "service_requests"."due_state" <> 'overdue';--> statement-breakpoint
CREATE INDEX "service_requests_nearby_idx" ON "service_requests" USING btree ("category_code","lat","lng") WHERE "service_requests"."lat" IS NOT NULL AND "service_requests"."status" NOT IN ('closed', 'rejected');--> statement-breakpoint
CREATE INDEX "service_requests_follow_up_idx" ON "service_requests" USING btree ("resolved_at") WHERE "service_requests"."status" = 'resolved';--> statement-breakpoint
CREATE INDEX "wishes_path_idx" ON "wishes" USING btree ("place_path" text_pattern_ops,"created_at");--> statement-breakpoint
CREATE INDEX "wishes_claim_expiry_idx" ON "wishes" USING btree ("claim_expires_at") WHERE "wishes"."status" = 'claimed';