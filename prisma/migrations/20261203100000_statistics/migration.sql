-- Who cancelled: the statistics split cancellations by citizen and by office. Cancellations from
-- before this migration stay NULL ("not recorded"); the cancel paths set it from now on.
CREATE TYPE "CancelledBy" AS ENUM ('CITIZEN', 'OFFICE');

ALTER TABLE "Appointment" ADD COLUMN "cancelledBy" "CancelledBy";

-- Only a cancelled appointment names who cancelled it.
ALTER TABLE "Appointment" ADD CONSTRAINT "Appointment_cancelledBy_check" CHECK ("cancelledBy" IS NULL OR status = 'CANCELLED');
