-- Only what a rematch reads moves matching_inputs.version on workers: a verified worker changed,
-- or a worker becoming or ceasing to be verified (the matcher reads verified workers only). A new
-- profile waiting for verification, or one edited while it waits, changes nothing a rematch
-- reads; it used to make a rematch running while people submit profiles stale again and again,
-- down to its last attempt, which solves holding the database lock and so holds up every reply.

DROP TRIGGER workers_inserted_for_matching;
CREATE TRIGGER workers_inserted_for_matching AFTER INSERT ON workers
WHEN NEW.status = 'verified'
BEGIN UPDATE matching_inputs SET version = version + 1; END;

DROP TRIGGER workers_updated_for_matching;
CREATE TRIGGER workers_updated_for_matching AFTER UPDATE ON workers
WHEN OLD.status = 'verified' OR NEW.status = 'verified'
BEGIN UPDATE matching_inputs SET version = version + 1; END;
