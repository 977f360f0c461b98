CREATE TABLE "party_member_transfers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"from_org_id" uuid,
	"from_org_name" text,
	"to_org_id" uuid,
	"to_org_name" text NOT NULL,
	"transferred_on" date NOT NULL,
	"reason" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "party_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"org_id" uuid,
	"place_id" uuid NOT NULL,
	"place_path" text NOT NULL,
	"resident_id" uuid,
	"user_id" uuid,
	"name" text NOT NULL,
	"gender" text,
	"phone_enc" text,
	"phone_masked" text,
	"status" text NOT NULL,
	"type" text NOT NULL,
	"position" text,
	"applied_on" date,
	"activist_on" date,
	"candidate_on" date,
	"probationary_on" date,
	"full_on" date,
	"employer" text,
	"home_org_name" text,
	"mobile_whereabouts" text,
	"mobile_contact" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "party_members_seq_unique" UNIQUE("seq")
);
--> statement-breakpoint
CREATE TABLE "member_score_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"org_id" uuid,
	"place_path" text NOT NULL,
	"item_id" uuid NOT NULL,
	"dimension" text NOT NULL,
	"points" numeric(8, 1) NOT NULL,
	"year" integer NOT NULL,
	"source_type" text NOT NULL,
	"source_id" uuid,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"entered_by" uuid,
	"approved_by" uuid,
	"decided_at" timestamp with time zone,
	"occurred_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "member_score_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"dimension" text NOT NULL,
	"name" text NOT NULL,
	"points" numeric(6, 1) NOT NULL,
	"per" text DEFAULT 'each' NOT NULL,
	"auto" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "member_score_items_code_unique" UNIQUE("code")
);
--> statement-breakpoint
ALTER TABLE "party_member_transfers" ADD CONSTRAINT "party_member_transfers_member_id_party_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."party_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_members" ADD CONSTRAINT "party_members_org_id_party_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."party_orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_score_entries" ADD CONSTRAINT "member_score_entries_member_id_party_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."party_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_score_entries" ADD CONSTRAINT "member_score_entries_item_id_member_score_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."member_score_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "party_member_transfers_member_idx" ON "party_member_transfers" USING btree ("member_id","created_at");--> statement-breakpoint
CREATE INDEX "party_members_path_idx" ON "party_members" USING btree ("place_path" text_pattern_ops,"seq");--> statement-breakpoint
CREATE INDEX "party_members_org_idx" ON "party_members" USING btree ("org_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "party_members_user_uq" ON "party_members" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "party_members_resident_uq" ON "party_members" USING btree ("resident_id");--> statement-breakpoint
CREATE UNIQUE INDEX "member_score_entries_source_uq" ON "member_score_entries" USING btree ("member_id","item_id","source_type","source_id") WHERE "member_score_entries"."source_type" <> 'manual';--> statement-breakpoint
CREATE INDEX "member_score_entries_member_idx" ON "member_score_entries" USING btree ("member_id","year");--> statement-breakpoint
CREATE INDEX "member_score_entries_path_idx" ON "member_score_entries" USING btree ("place_path" text_pattern_ops,"year");--> statement-breakpoint
INSERT INTO "member_score_items" ("code", "dimension", "name", "points", "per", "auto", "sort_order") VALUES
	('session-attendance', 'organisation', '参加三会一课、主题党日', 2, 'each', true, 10),
	('session-absence', 'organisation', '无故缺席组织生活', -2, 'each', true, 20),
	('enrolment', 'organisation', '在职党员到社区报到', 5, 'each', true, 30),
	('study', 'party_spirit', '完成学习任务', 1, 'each', true, 40),
	('quiz-passed', 'party_spirit', '知识测试合格', 2, 'each', true, 50),
	('post-hours', 'purpose', '服务岗位服务（每小时）', 1, 'hour', true, 60),
	('wish-fulfilled', 'purpose', '认领并完成微心愿', 3, 'each', true, 70),
	('request-resolved', 'vanguard', '办结群众诉求', 2, 'each', true, 80),
	('commendation', 'vanguard', '受到表彰或表扬', 5, 'each', false, 90),
	('pioneer-deed', 'vanguard', '急难险重任务中发挥先锋作用', 3, 'each', false, 100),
	('discipline-deduction', 'party_spirit', '违反纪律规定', -5, 'each', false, 110);
