-- The day a product was finished or stopped, so the insights can compare the skin before and
-- after a product leaves the routine as well as when it joins it.

ALTER TABLE product ADD COLUMN status_changed TEXT;
