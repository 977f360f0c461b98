CREATE TABLE "volunteer_team_members" (
	"team_id" uuid NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteer_team_members_team_id_volunteer_id_pk" PRIMARY KEY("team_id","volunteer_id")
);
--> statement-breakpoint
CREATE TABLE "volunteer_teams" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"colour" text NOT NULL,
	"description" text,
	"place_id" uuid NOT NULL,
	"place_path" text NOT NULL,
	"leader_resident_id" uuid,
	"leader_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "volunteers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"resident_id" uuid NOT NULL,
	"name" text NOT NULL,
	"place_id" uuid NOT NULL,
	"place_path" text NOT NULL,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"availability" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_attendances" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"signup_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"resident_name" text NOT NULL,
	"place_path" text NOT NULL,
	"status" text NOT NULL,
	"check_in_at" timestamp with time zone NOT NULL,
	"check_out_at" timestamp with time zone,
	"counted_from" timestamp with time zone,
	"counted_to" timestamp with time zone,
	"half_hours" integer,
	"points" integer,
	"points_entry_id" uuid,
	"confirmed_at" timestamp with time zone,
	"confirmed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_signups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"resident_name" text NOT NULL,
	"place_path" text NOT NULL,
	"status" text NOT NULL,
	"position" integer,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"type" text NOT NULL,
	"colour" text NOT NULL,
	"place_id" uuid NOT NULL,
	"place_path" text NOT NULL,
	"address" text,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"capacity" integer NOT NULL,
	"signup_opens_at" timestamp with time zone NOT NULL,
	"signup_closes_at" timestamp with time zone NOT NULL,
	"points_per_hour" integer NOT NULL,
	"description" text,
	"status" text NOT NULL,
	"check_in_secret" text NOT NULL,
	"organiser_user_id" uuid NOT NULL,
	"organiser_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "events_time_order" CHECK ("events"."ends_at" > "events"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "lecture_topics" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"place_id" uuid NOT NULL,
	"place_path" text NOT NULL,
	"proposer_user_id" uuid NOT NULL,
	"proposer_name" text NOT NULL,
	"votes" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lecture_votes" (
	"topic_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lecture_votes_topic_id_user_id_pk" PRIMARY KEY("topic_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "volunteer_team_members" ADD CONSTRAINT "volunteer_team_members_team_id_volunteer_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."volunteer_teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_team_members" ADD CONSTRAINT "volunteer_team_members_volunteer_id_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_attendances" ADD CONSTRAINT "event_attendances_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_signups" ADD CONSTRAINT "event_signups_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lecture_votes" ADD CONSTRAINT "lecture_votes_topic_id_lecture_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."lecture_topics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "volunteer_team_members_volunteer_idx" ON "volunteer_team_members" USING btree ("volunteer_id");--> statement-breakpoint
CREATE INDEX "volunteer_teams_path_idx" ON "volunteer_teams" USING btree ("place_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "volunteers_resident_uq" ON "volunteers" USING btree ("resident_id");--> statement-breakpoint
CREATE INDEX "volunteers_path_idx" ON "volunteers" USING btree ("place_path" text_pattern_ops,"created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "event_attendances_event_resident_uq" ON "event_attendances" USING btree ("event_id","resident_id");--> statement-breakpoint
CREATE INDEX "event_attendances_resident_idx" ON "event_attendances" USING btree ("resident_id","counted_from");--> statement-breakpoint
CREATE INDEX "event_attendances_path_idx" ON "event_attendances" USING btree ("place_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "event_signups_live_uq" ON "event_signups" USING btree ("event_id","resident_id") WHERE "event_signups"."status" <> 'cancelled';--> statement-breakpoint
CREATE INDEX "event_signups_resident_idx" ON "event_signups" USING btree ("resident_id");--> statement-breakpoint
CREATE INDEX "event_signups_path_idx" ON "event_signups" USING btree ("place_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "events_path_idx" ON "events" USING btree ("place_path" text_pattern_ops,"starts_at");--> statement-breakpoint
CREATE INDEX "events_starts_idx" ON "events" USING btree ("starts_at");--> statement-breakpoint
CREATE INDEX "lecture_topics_path_idx" ON "lecture_topics" USING btree ("place_path" text_pattern_ops,"votes");