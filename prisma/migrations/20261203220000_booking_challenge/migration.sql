-- Rush days: a tenant may require a proof-of-work challenge (or, without JavaScript, a short wait) before an online booking.
ALTER TABLE "Tenant" ADD COLUMN "bookingChallenge" BOOLEAN NOT NULL DEFAULT false;
