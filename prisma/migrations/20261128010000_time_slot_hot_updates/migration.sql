-- Every booking, cancellation and reschedule changes "booked" on its slots. With "booked" in an
-- index, each of those updates wrote a new entry into all three indexes of the table; without it
-- PostgreSQL can update the row in place on its page (a HOT update), which needs room on the page:
-- hence the fill factor. Free-time reads find slots through ("locationId", "startsAt") and check
-- booked < capacity on the row, which that index cannot answer anyway.
DROP INDEX "TimeSlot_locationId_startsAt_booked_idx";
ALTER TABLE "TimeSlot" SET (fillfactor = 80);
