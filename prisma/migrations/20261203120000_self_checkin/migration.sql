-- Self-check-in with the booking code on the public route is a tenant's choice, off by default.

-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "selfCheckinEnabled" BOOLEAN NOT NULL DEFAULT false;
