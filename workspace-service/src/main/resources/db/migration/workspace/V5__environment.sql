-- Environment versions. Rows with a null workspace_id are Kiln's curated environments, seen by
-- every workspace; a version never changes once written, except for being archived.
create table environment (
    id                    uuid primary key,
    workspace_id          uuid references workspace (id) on delete cascade,
    name                  varchar(255) not null,
    version               varchar(64) not null,
    curated               boolean not null default false,
    description           varchar(1000),
    tags                  text not null,
    image                 varchar(512) not null,
    python_version        varchar(16),
    conda_file            text,
    -- The canonical, merged pip requirements (JSON array), as hashed and installed.
    pip_requirements      text not null,
    environment_variables text not null,
    -- sha256 of the canonical content; compute-service caches materialised environments by it.
    content_hash          varchar(64) not null,
    created_at            timestamp(6) with time zone not null,
    archived_at           timestamp(6) with time zone,
    constraint environment_curated_has_no_workspace check (curated = (workspace_id is null))
);

create unique index environment_workspace_name_version
    on environment (workspace_id, lower(name), version) where workspace_id is not null;
create unique index environment_curated_name_version
    on environment (lower(name), version) where workspace_id is null;
create index environment_content_hash on environment (content_hash);
