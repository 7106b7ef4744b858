-- The compute targets of each workspace: where jobs run (backend), how many nodes a cluster may
-- grow to, and how many jobs one node runs at once (slots). The scheduler reads these columns.
-- cpus and memory_mb are per node; null means "not limited" (the backend's own default).
create table compute_target (
    id             uuid primary key,
    workspace_id   uuid             not null,
    name           text             not null,
    backend        text             not null,
    kind           text             not null,
    min_nodes      int              not null,
    max_nodes      int              not null,
    idle_seconds   int              not null,
    slots_per_node int              not null,
    cpus           double precision,
    memory_mb      bigint,
    gpus           int              not null default 0,
    description    text,
    tags           jsonb            not null default '{}',
    created_at     timestamptz      not null,
    created_by     text             not null,
    updated_at     timestamptz      not null,
    constraint compute_target_backend check (backend in ('local', 'docker', 'kubernetes')),
    constraint compute_target_kind check (kind in ('instance', 'cluster')),
    constraint compute_target_nodes check (min_nodes >= 0 and min_nodes <= max_nodes and max_nodes between 1 and 1000),
    constraint compute_target_slots check (slots_per_node between 1 and 256),
    constraint compute_target_idle check (idle_seconds >= 0),
    constraint compute_target_gpus check (gpus >= 0)
);

-- Names are unique per workspace whatever their case, as Azure ML's are.
create unique index compute_target_name on compute_target (workspace_id, lower(name));
