-- Files uploaded into a workspace's workspaceblobstore, with their content hashes.
create table blob_file (
    workspace_id uuid not null references workspace (id) on delete cascade,
    path         varchar(1024) not null,
    sha256       varchar(64) not null,
    size_bytes   bigint not null,
    updated_at   timestamp(6) with time zone not null,
    primary key (workspace_id, path)
);

create table data_asset (
    id           uuid primary key,
    workspace_id uuid not null references workspace (id) on delete cascade,
    name         varchar(255) not null,
    version      varchar(64) not null,
    type         varchar(16) not null,
    path         varchar(2048) not null,
    description  varchar(1000),
    tags         text,
    content_hash varchar(64),
    archived     boolean not null default false,
    created_at   timestamp(6) with time zone not null
);

create unique index data_asset_version on data_asset (workspace_id, lower(name), version);
