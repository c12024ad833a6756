-- What each nightly retention run erased per municipality (counts only), shown on the admin's data-protection page.
CREATE TABLE "RetentionRun" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "ranAt" TIMESTAMPTZ(3) NOT NULL,
    "anonymisedAppointments" INTEGER NOT NULL,
    "forgottenContacts" INTEGER NOT NULL,

    CONSTRAINT "RetentionRun_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "RetentionRun_tenantId_ranAt_idx" ON "RetentionRun"("tenantId", "ranAt");

ALTER TABLE "RetentionRun" ADD CONSTRAINT "RetentionRun_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "RetentionRun" ADD CONSTRAINT "RetentionRun_counts_not_negative" CHECK ("anonymisedAppointments" >= 0 AND "forgottenContacts" >= 0);
