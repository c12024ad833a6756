-- Administration: versions for optimistic concurrency, service and location details, counters'
-- services, closure ranges and local holidays.

-- AlterTable
ALTER TABLE "Location" ADD COLUMN     "checkinEarlyMinutes" INTEGER,
ADD COLUMN     "checkinLateMinutes" INTEGER,
ADD COLUMN     "contactDe" VARCHAR(1000),
ADD COLUMN     "contactEn" VARCHAR(1000),
ADD COLUMN     "directionsDe" VARCHAR(2000),
ADD COLUMN     "directionsEn" VARCHAR(2000),
ADD COLUMN     "rulesVersion" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "Service" ADD COLUMN     "documentsDe" VARCHAR(2000),
ADD COLUMN     "documentsEn" VARCHAR(2000),
ADD COLUMN     "feeCents" INTEGER,
ADD COLUMN     "internalPlaces" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "slotCapacity" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "Counter" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "Closure" ADD COLUMN     "endDate" DATE,
ADD COLUMN     "reasonEn" VARCHAR(200);

-- CreateTable
CREATE TABLE "LocalHoliday" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "date" DATE NOT NULL,
    "nameDe" VARCHAR(200) NOT NULL,
    "nameEn" VARCHAR(200) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LocalHoliday_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CounterService" (
    "counterId" UUID NOT NULL,
    "serviceId" UUID NOT NULL,

    CONSTRAINT "CounterService_pkey" PRIMARY KEY ("counterId","serviceId")
);

-- CreateIndex
CREATE UNIQUE INDEX "LocalHoliday_tenantId_date_key" ON "LocalHoliday"("tenantId", "date");

-- CreateIndex
CREATE INDEX "CounterService_serviceId_idx" ON "CounterService"("serviceId");

-- CreateIndex
CREATE UNIQUE INDEX "Service_tenantId_ticketPrefix_key" ON "Service"("tenantId", "ticketPrefix");

-- AddForeignKey
ALTER TABLE "LocalHoliday" ADD CONSTRAINT "LocalHoliday_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CounterService" ADD CONSTRAINT "CounterService_counterId_fkey" FOREIGN KEY ("counterId") REFERENCES "Counter"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CounterService" ADD CONSTRAINT "CounterService_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Counters that existed before served every service of their location: keep it so.
INSERT INTO "CounterService" ("counterId", "serviceId")
SELECT c.id, ls."serviceId" FROM "Counter" c JOIN "LocationService" ls ON ls."locationId" = c."locationId"
ON CONFLICT DO NOTHING;

ALTER TABLE "Service" ADD CONSTRAINT "Service_slot_capacity_positive" CHECK ("slotCapacity" >= 1);
ALTER TABLE "Service" ADD CONSTRAINT "Service_internal_places_within_capacity" CHECK ("internalPlaces" >= 0 AND "internalPlaces" <= "slotCapacity");
ALTER TABLE "Service" ADD CONSTRAINT "Service_fee_nonnegative" CHECK ("feeCents" IS NULL OR "feeCents" >= 0);
ALTER TABLE "Location" ADD CONSTRAINT "Location_slot_minutes_positive" CHECK ("slotMinutes" > 0);
ALTER TABLE "Closure" ADD CONSTRAINT "Closure_range_ordered" CHECK ("endDate" IS NULL OR "endDate" >= "date");
