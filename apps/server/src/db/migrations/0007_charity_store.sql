CREATE TABLE "store_donations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"place_id" uuid NOT NULL,
	"place_path" text NOT NULL,
	"donor_type" text NOT NULL,
	"donor_name" text NOT NULL,
	"goods_id" uuid,
	"quantity" integer,
	"value_fen" bigint NOT NULL,
	"purpose" text,
	"note" text,
	"recorded_by" uuid,
	"recorded_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "store_donations_shape" CHECK (("store_donations"."kind" = 'goods' AND "store_donations"."goods_id" IS NOT NULL AND "store_donations"."quantity" > 0 AND "store_donations"."value_fen" >= 0) OR ("store_donations"."kind" = 'cash' AND "store_donations"."goods_id" IS NULL AND "store_donations"."quantity" IS NULL AND "store_donations"."value_fen" > 0))
);
--> statement-breakpoint
CREATE TABLE "store_goods" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"place_id" uuid NOT NULL,
	"place_path" text NOT NULL,
	"name" text NOT NULL,
	"category" text NOT NULL,
	"points_price" integer NOT NULL,
	"stock" integer DEFAULT 0 NOT NULL,
	"unit" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "store_goods_stock_not_negative" CHECK ("store_goods"."stock" >= 0),
	CONSTRAINT "store_goods_price_positive" CHECK ("store_goods"."points_price" > 0)
);
--> statement-breakpoint
CREATE TABLE "store_redemptions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"resident_id" uuid NOT NULL,
	"goods_id" uuid NOT NULL,
	"place_id" uuid NOT NULL,
	"place_path" text NOT NULL,
	"quantity" integer NOT NULL,
	"points_price" integer NOT NULL,
	"points" integer NOT NULL,
	"status" text NOT NULL,
	"channel" text NOT NULL,
	"points_entry_id" uuid NOT NULL,
	"refund_entry_id" uuid,
	"created_by" uuid NOT NULL,
	"handled_by" uuid,
	"handled_by_name" text,
	"picked_up_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancelled_by" uuid,
	"cancel_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "store_redemptions_amounts" CHECK ("store_redemptions"."quantity" > 0 AND "store_redemptions"."points_price" > 0 AND "store_redemptions"."points" = "store_redemptions"."quantity" * "store_redemptions"."points_price")
);
--> statement-breakpoint
CREATE INDEX "store_donations_path_idx" ON "store_donations" USING btree ("place_path" text_pattern_ops,"created_at");--> statement-breakpoint
CREATE INDEX "store_donations_goods_idx" ON "store_donations" USING btree ("goods_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "store_goods_place_name_unique" ON "store_goods" USING btree ("place_id","name");--> statement-breakpoint
CREATE INDEX "store_goods_path_idx" ON "store_goods" USING btree ("place_path" text_pattern_ops,"category","name");--> statement-breakpoint
CREATE INDEX "store_redemptions_path_idx" ON "store_redemptions" USING btree ("place_path" text_pattern_ops,"created_at");--> statement-breakpoint
CREATE INDEX "store_redemptions_resident_idx" ON "store_redemptions" USING btree ("resident_id","created_at");--> statement-breakpoint
CREATE INDEX "store_redemptions_goods_idx" ON "store_redemptions" USING btree ("goods_id","created_at");