-- Experiments and runs (jobs), with their params, tags, metrics, logs and code snapshots.
-- Design: docs/adr/0012-tracking-store.md.

create table experiment (
    id           uuid primary key,
    workspace_id uuid         not null,
    name         varchar(256) not null,
    description  text,
    lifecycle    varchar(16)  not null,
    tags         text         not null default '{}',
    created_by   varchar(128),
    created_at   timestamp(6) with time zone not null,
    updated_at   timestamp(6) with time zone not null,
    constraint experiment_name_unique unique (workspace_id, name)
);

create table run (
    id             uuid primary key,
    workspace_id   uuid         not null,
    experiment_id  uuid         not null references experiment (id),
    name           varchar(256) not null,
    display_name   varchar(256),
    description    text,
    status         varchar(16)  not null,
    lifecycle      varchar(16)  not null,
    parent_id      uuid references run (id) on delete cascade,
    submitted_by   varchar(128),
    submitted_name varchar(128),
    created_at     timestamp(6) with time zone not null,
    updated_at     timestamp(6) with time zone not null,
    start_time     timestamp(6) with time zone,
    end_time       timestamp(6) with time zone,
    error_code     varchar(64),
    error_message  text,
    properties     text         not null default '{}',
    snapshot_id    varchar(64),
    version        bigint       not null default 0,
    constraint run_name_unique unique (workspace_id, name)
);

create index run_by_experiment on run (experiment_id, created_at desc, id);
create index run_by_workspace on run (workspace_id, created_at desc, id);
create index run_by_parent on run (parent_id);

create table run_param (
    run_id uuid          not null references run (id) on delete cascade,
    key    varchar(250)  not null,
    value  varchar(6000) not null,
    primary key (run_id, key)
);

create index run_param_by_key on run_param (key, run_id);

create table run_tag (
    run_id uuid         not null references run (id) on delete cascade,
    key    varchar(250) not null,
    value  text         not null,
    primary key (run_id, key)
);

create index run_tag_by_key on run_tag (key, run_id);

-- The latest point of each metric of a run: the one with the largest (step, timestamp, value).
create table metric_latest (
    run_id    uuid             not null references run (id) on delete cascade,
    key       varchar(250)     not null,
    value     double precision not null,
    step      bigint           not null,
    timestamp bigint           not null,
    primary key (run_id, key)
);

create index metric_latest_by_key_value on metric_latest (key, value, run_id);

-- Metric series are stored in chunks: the points of one key from one batch, packed as 24-byte
-- big-endian (step, timestamp, value) triples, with a summary of four such points (smallest step,
-- smallest value, largest value, largest step) so that a chart can be drawn without the points.
create table metric_chunk (
    run_id      uuid         not null references run (id) on delete cascade,
    key         varchar(250) not null,
    id          bigint generated always as identity,
    point_count integer      not null,
    min_step    bigint       not null,
    max_step    bigint       not null,
    summary     bytea        not null,
    points      bytea        not null,
    primary key (run_id, key, id)
);

alter table metric_chunk alter column points set storage external;

-- Digests of the batches a run has taken, so that a retried batch writes nothing twice.
create table batch_receipt (
    run_id     uuid        not null references run (id) on delete cascade,
    digest     varchar(64) not null,
    created_at timestamp(6) with time zone not null,
    primary key (run_id, digest)
);

create index batch_receipt_by_age on batch_receipt (created_at);

create table run_log (
    run_id uuid        not null references run (id) on delete cascade,
    id     bigint generated always as identity,
    stream varchar(16) not null,
    time   timestamp(6) with time zone not null,
    line   text        not null,
    primary key (run_id, id)
);

-- A code snapshot: a manifest of (path, sha256, size) entries, named by the hash of the manifest.
-- Blobs are kept once per workspace under snapshots/{workspace}/blobs/{sha256}.
create table snapshot (
    workspace_id uuid        not null,
    id           varchar(64) not null,
    file_count   integer     not null,
    total_bytes  bigint      not null,
    manifest     text        not null,
    created_by   varchar(128),
    created_at   timestamp(6) with time zone not null,
    primary key (workspace_id, id)
);

create table snapshot_blob (
    workspace_id uuid        not null,
    sha256       varchar(64) not null,
    size         bigint      not null,
    created_at   timestamp(6) with time zone not null,
    primary key (workspace_id, sha256)
);
