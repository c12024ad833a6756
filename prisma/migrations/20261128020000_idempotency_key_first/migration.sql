-- The idempotency key's unique index now starts with the key. Led by "tenantId", it also matched
-- the booking limit's count (tenant, contact hash, day): PostgreSQL plans the statements of
-- termin_book_appointment once per connection, and on a young table without statistics it chose
-- this index for the count, reading every appointment of the tenant on each booking. In the booking
-- benchmark that was most of PostgreSQL's time (packages/booking/BENCHMARK.md). Led by the key, the
-- index is useless for the count, and the contact index (tenant, contact hash, start) is left.
DROP INDEX "Appointment_tenantId_idempotencyKey_key";
CREATE UNIQUE INDEX "Appointment_idempotencyKey_tenantId_key" ON "Appointment"("idempotencyKey", "tenantId");
