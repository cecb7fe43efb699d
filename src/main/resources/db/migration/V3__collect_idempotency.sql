-- Files already collected from each source: the idempotent repository of the collection routes (camel-sql's
-- JdbcMessageIdRepository, configured with these names). processor_name is the source URL with the password masked,
-- message_id the file's path below the source, its size and its modification time. A row is written only after the
-- file was archived and registered, so a file whose collection was interrupted is fetched again.
create table collected_file (
    processor_name text        not null,
    message_id     text        not null,
    created_at     timestamptz not null,
    primary key (processor_name, message_id)
);
