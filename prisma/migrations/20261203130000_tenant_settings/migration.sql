-- Tenant settings: branding of the citizen portal, legal texts, and a version for optimistic concurrency.

-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "accessibilityContactAddress" VARCHAR(500),
ADD COLUMN     "accessibilityContactEmail" VARCHAR(254),
ADD COLUMN     "accessibilityDe" TEXT,
ADD COLUMN     "accessibilityEn" TEXT,
ADD COLUMN     "imprintDe" TEXT,
ADD COLUMN     "imprintEn" TEXT,
ADD COLUMN     "logo" BYTEA,
ADD COLUMN     "logoContentType" VARCHAR(32),
ADD COLUMN     "primaryColor" VARCHAR(7),
ADD COLUMN     "privacyDe" TEXT,
ADD COLUMN     "privacyEn" TEXT,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- A logo always comes with its type; colours are #rrggbb; booking rules stay in sensible bounds.
ALTER TABLE "Tenant" ADD CONSTRAINT "Tenant_logo_type" CHECK (("logo" IS NULL) = ("logoContentType" IS NULL));
ALTER TABLE "Tenant" ADD CONSTRAINT "Tenant_primaryColor_hex" CHECK ("primaryColor" IS NULL OR "primaryColor" ~ '^#[0-9a-f]{6}$');
ALTER TABLE "Tenant" ADD CONSTRAINT "Tenant_logo_size" CHECK ("logo" IS NULL OR octet_length("logo") <= 262144);
