-- What to bring in Leichte Sprache (easy German), shown where a German reader chose it.
ALTER TABLE "Service" ADD COLUMN "documentsEasy" VARCHAR(2000);
