-- The clerk's workstation: a counter can be paused or closed for the day, a visit can carry the
-- clerk's note (erased with the citizen's data by the retention job), and each location's
-- waiting-room display has its settings.
ALTER TABLE "Counter" ADD COLUMN "pausedAt" TIMESTAMPTZ(3),
                      ADD COLUMN "closedOn" DATE;

ALTER TABLE "QueueEntry" ADD COLUMN "visitNote" VARCHAR(1000);

CREATE TABLE "DisplaySettings" (
    "locationId" UUID NOT NULL,
    "recentCalls" SMALLINT NOT NULL DEFAULT 5,
    "counterIds" UUID[],
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DisplaySettings_pkey" PRIMARY KEY ("locationId"),
    CONSTRAINT "DisplaySettings_recentCalls_check" CHECK ("recentCalls" BETWEEN 1 AND 10)
);

ALTER TABLE "DisplaySettings" ADD CONSTRAINT "DisplaySettings_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "Location"("id") ON DELETE CASCADE ON UPDATE CASCADE;
