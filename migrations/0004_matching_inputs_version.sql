-- A number that moves whenever anything the matcher reads changes: members, requests and the
-- placements' states (and a proposal being shown to a director). A rematch solves over a
-- snapshot outside the database lock and applies its result only if the number is still the
-- one it read; otherwise it solves again. Triggers catch every writer, other processes included.

CREATE TABLE matching_inputs (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
INSERT INTO matching_inputs (id, version) VALUES (1, 0);

CREATE TRIGGER workers_inserted_for_matching AFTER INSERT ON workers
BEGIN UPDATE matching_inputs SET version = version + 1; END;
CREATE TRIGGER workers_updated_for_matching AFTER UPDATE ON workers
BEGIN UPDATE matching_inputs SET version = version + 1; END;
CREATE TRIGGER workers_deleted_for_matching AFTER DELETE ON workers
BEGIN UPDATE matching_inputs SET version = version + 1; END;

CREATE TRIGGER ngos_updated_for_matching AFTER UPDATE OF status ON ngos
BEGIN UPDATE matching_inputs SET version = version + 1; END;
CREATE TRIGGER ngos_deleted_for_matching AFTER DELETE ON ngos
BEGIN UPDATE matching_inputs SET version = version + 1; END;

CREATE TRIGGER requests_inserted_for_matching AFTER INSERT ON requests
BEGIN UPDATE matching_inputs SET version = version + 1; END;
CREATE TRIGGER requests_updated_for_matching AFTER UPDATE ON requests
BEGIN UPDATE matching_inputs SET version = version + 1; END;
CREATE TRIGGER requests_deleted_for_matching AFTER DELETE ON requests
BEGIN UPDATE matching_inputs SET version = version + 1; END;

CREATE TRIGGER placements_inserted_for_matching AFTER INSERT ON placements
BEGIN UPDATE matching_inputs SET version = version + 1; END;
CREATE TRIGGER placements_updated_for_matching AFTER UPDATE OF status, shown_at ON placements
BEGIN UPDATE matching_inputs SET version = version + 1; END;
CREATE TRIGGER placements_deleted_for_matching AFTER DELETE ON placements
BEGIN UPDATE matching_inputs SET version = version + 1; END;
