CREATE TABLE "resident_accounts" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"resident_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resident_accounts_resident_id_unique" UNIQUE("resident_id")
);
--> statement-breakpoint
CREATE TABLE "points_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"resident_id" uuid,
	"system_kind" text,
	"place_path" text,
	"balance" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "points_accounts_resident_id_unique" UNIQUE("resident_id"),
	CONSTRAINT "points_accounts_system_kind_unique" UNIQUE("system_kind"),
	CONSTRAINT "points_accounts_resident_not_negative" CHECK ("points_accounts"."resident_id" IS NULL OR "points_accounts"."balance" >= 0)
);
--> statement-breakpoint
CREATE TABLE "points_lots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"transaction_id" uuid NOT NULL,
	"amount" bigint NOT NULL,
	"remaining" bigint NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "points_lots_remaining_in_range" CHECK ("points_lots"."remaining" >= 0 AND "points_lots"."remaining" <= "points_lots"."amount")
);
--> statement-breakpoint
CREATE TABLE "points_postings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"transaction_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"amount" bigint NOT NULL,
	"balance_after" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "points_transactions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"kind" text NOT NULL,
	"source_type" text NOT NULL,
	"source_id" text,
	"reason" text,
	"actor_id" uuid,
	"actor_name" text,
	"reverses_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "points_transactions_key_unique" UNIQUE("key"),
	CONSTRAINT "points_transactions_reverses_id_unique" UNIQUE("reverses_id")
);
--> statement-breakpoint
CREATE INDEX "points_accounts_path_idx" ON "points_accounts" USING btree ("place_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "points_lots_account_idx" ON "points_lots" USING btree ("account_id","expires_at") WHERE "points_lots"."remaining" > 0;--> statement-breakpoint
CREATE INDEX "points_lots_expiry_idx" ON "points_lots" USING btree ("expires_at") WHERE "points_lots"."remaining" > 0;--> statement-breakpoint
CREATE UNIQUE INDEX "points_lots_transaction_idx" ON "points_lots" USING btree ("transaction_id");--> statement-breakpoint
CREATE INDEX "points_postings_account_idx" ON "points_postings" USING btree ("account_id","id");--> statement-breakpoint
CREATE INDEX "points_postings_transaction_idx" ON "points_postings" USING btree ("transaction_id");--> statement-breakpoint
CREATE INDEX "points_transactions_source_idx" ON "points_transactions" USING btree ("source_type","source_id");