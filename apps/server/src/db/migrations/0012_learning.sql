CREATE TABLE "study_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"material_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"byte_size" integer NOT NULL,
	"data" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "study_material_orgs" (
	"material_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	CONSTRAINT "study_material_orgs_material_id_org_id_pk" PRIMARY KEY("material_id","org_id")
);
--> statement-breakpoint
CREATE TABLE "study_materials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"links" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"study_points" integer NOT NULL,
	"created_by" uuid,
	"created_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "study_materials_seq_unique" UNIQUE("seq")
);
--> statement-breakpoint
CREATE TABLE "study_points" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"source_type" text NOT NULL,
	"source_id" uuid NOT NULL,
	"points" integer NOT NULL,
	"reason" text NOT NULL,
	"earned_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "study_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"material_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"mode" text NOT NULL,
	"note" text,
	"recorded_by" uuid NOT NULL,
	"recorded_by_name" text,
	"studied_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quiz_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"quiz_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"attempt_no" integer NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"deadline" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone,
	"answers" jsonb,
	"score" integer,
	"passed" boolean
);
--> statement-breakpoint
CREATE TABLE "quiz_orgs" (
	"quiz_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	CONSTRAINT "quiz_orgs_quiz_id_org_id_pk" PRIMARY KEY("quiz_id","org_id")
);
--> statement-breakpoint
CREATE TABLE "quizzes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"time_limit_seconds" integer NOT NULL,
	"attempt_policy" text NOT NULL,
	"pass_score" integer NOT NULL,
	"total_points" integer NOT NULL,
	"study_points" integer NOT NULL,
	"questions" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quizzes_seq_unique" UNIQUE("seq")
);
--> statement-breakpoint
ALTER TABLE "study_attachments" ADD CONSTRAINT "study_attachments_material_id_study_materials_id_fk" FOREIGN KEY ("material_id") REFERENCES "public"."study_materials"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_material_orgs" ADD CONSTRAINT "study_material_orgs_material_id_study_materials_id_fk" FOREIGN KEY ("material_id") REFERENCES "public"."study_materials"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_material_orgs" ADD CONSTRAINT "study_material_orgs_org_id_party_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."party_orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_points" ADD CONSTRAINT "study_points_member_id_party_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."party_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_records" ADD CONSTRAINT "study_records_material_id_study_materials_id_fk" FOREIGN KEY ("material_id") REFERENCES "public"."study_materials"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "study_records" ADD CONSTRAINT "study_records_member_id_party_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."party_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quiz_attempts" ADD CONSTRAINT "quiz_attempts_quiz_id_quizzes_id_fk" FOREIGN KEY ("quiz_id") REFERENCES "public"."quizzes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quiz_attempts" ADD CONSTRAINT "quiz_attempts_member_id_party_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."party_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quiz_orgs" ADD CONSTRAINT "quiz_orgs_quiz_id_quizzes_id_fk" FOREIGN KEY ("quiz_id") REFERENCES "public"."quizzes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quiz_orgs" ADD CONSTRAINT "quiz_orgs_org_id_party_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."party_orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "study_attachments_material_idx" ON "study_attachments" USING btree ("material_id","created_at");--> statement-breakpoint
CREATE INDEX "study_material_orgs_org_idx" ON "study_material_orgs" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "study_points_source_uq" ON "study_points" USING btree ("member_id","source_type","source_id");--> statement-breakpoint
CREATE INDEX "study_points_earned_idx" ON "study_points" USING btree ("earned_at","member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "study_records_member_material_uq" ON "study_records" USING btree ("material_id","member_id");--> statement-breakpoint
CREATE INDEX "study_records_member_idx" ON "study_records" USING btree ("member_id","studied_at");--> statement-breakpoint
CREATE UNIQUE INDEX "quiz_attempts_member_no_uq" ON "quiz_attempts" USING btree ("quiz_id","member_id","attempt_no");--> statement-breakpoint
CREATE INDEX "quiz_attempts_quiz_idx" ON "quiz_attempts" USING btree ("quiz_id","started_at");--> statement-breakpoint
CREATE INDEX "quiz_orgs_org_idx" ON "quiz_orgs" USING btree ("org_id");