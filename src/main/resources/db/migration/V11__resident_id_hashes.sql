-- Resident IDs are stored as keyed hashes: HMAC-SHA256 of the normalised ID under reporting.privacy.id-key, unpadded
-- Base64url (43 characters), in the column that held the ID, so that deduplication and distinct counts work unchanged;
-- credit codes in recipient_id stay as they are. Beside each, the masked form (first 6 and last 4 characters) that
-- the review sheet shows. Rows staged before this version are hashed by migration 4.1 (privacy.ResidentIdMigration).
alter table stage_visits add column person_id_masked text;
alter table stage_subsidies add column recipient_id_masked text;

-- The fingerprint of the key the stored hashes were made with (a hash of a fixed text under it): a different key is
-- refused at start-up, as its hashes would never match those already stored.
create table id_key (
    single      boolean primary key default true check (single),
    fingerprint text    not null
);
