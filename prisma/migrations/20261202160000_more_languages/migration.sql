-- Bookings may be made in Turkish, Arabic and Ukrainian; their e-mails and SMS follow that choice.
ALTER TYPE "Language" ADD VALUE IF NOT EXISTS 'tr';
ALTER TYPE "Language" ADD VALUE IF NOT EXISTS 'ar';
ALTER TYPE "Language" ADD VALUE IF NOT EXISTS 'uk';
