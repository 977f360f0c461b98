ALTER TABLE "study_material_orgs" DROP CONSTRAINT "study_material_orgs_org_id_party_orgs_id_fk";
--> statement-breakpoint
ALTER TABLE "quiz_orgs" DROP CONSTRAINT "quiz_orgs_org_id_party_orgs_id_fk";
--> statement-breakpoint
ALTER TABLE "study_material_orgs" ADD CONSTRAINT "study_material_orgs_org_id_party_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."party_orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quiz_orgs" ADD CONSTRAINT "quiz_orgs_org_id_party_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."party_orgs"("id") ON DELETE cascade ON UPDATE no action;