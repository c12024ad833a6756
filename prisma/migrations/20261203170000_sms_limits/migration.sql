-- SMS only to the tenant's country calling codes, and at most a daily budget of SMS per tenant.
ALTER TABLE "Tenant" ADD COLUMN "smsCountryCodes" VARCHAR(5)[] NOT NULL DEFAULT ARRAY['+49']::VARCHAR(5)[];
ALTER TABLE "Tenant" ADD COLUMN "smsDailyBudget" INTEGER NOT NULL DEFAULT 500;
ALTER TABLE "Tenant" ADD CONSTRAINT "Tenant_smsDailyBudget_check" CHECK ("smsDailyBudget" >= 0);
ALTER TABLE "Tenant" ADD CONSTRAINT "Tenant_smsCountryCodes_check" CHECK ("smsCountryCodes" <@ ARRAY[]::VARCHAR(5)[] OR array_to_string("smsCountryCodes", ',') ~ '^(\+[1-9][0-9]{0,3})(,\+[1-9][0-9]{0,3})*$');

CREATE TABLE "SmsDailyUsage" (
    "tenantId" UUID NOT NULL,
    "day" DATE NOT NULL,
    "sent" INTEGER NOT NULL DEFAULT 0,
    "exhaustedAt" TIMESTAMPTZ(3),

    CONSTRAINT "SmsDailyUsage_pkey" PRIMARY KEY ("tenantId","day"),
    CONSTRAINT "SmsDailyUsage_sent_check" CHECK ("sent" >= 0)
);

ALTER TABLE "SmsDailyUsage" ADD CONSTRAINT "SmsDailyUsage_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
