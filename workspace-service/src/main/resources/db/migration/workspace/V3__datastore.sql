create table datastore (
    id                uuid primary key,
    workspace_id      uuid not null references workspace (id) on delete cascade,
    name              varchar(255) not null,
    type              varchar(16) not null,
    description       varchar(1000),
    path              varchar(4096),
    endpoint          varchar(1000),
    bucket            varchar(63),
    region            varchar(64),
    prefix            varchar(1024),
    -- AES-256-GCM under the master key, bound to the datastore id; never returned by the API.
    secret_ciphertext text,
    created_at        timestamp(6) with time zone not null,
    updated_at        timestamp(6) with time zone not null
);

create unique index datastore_workspace_name on datastore (workspace_id, lower(name));
