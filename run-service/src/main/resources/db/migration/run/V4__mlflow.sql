-- What the MLflow API keeps beyond Kiln's runs: MLflow 3 logged models, and the datasets and
-- models a run records as its inputs and outputs.
-- Design: docs/adr/0012-tracking-store.md; the mapping: package dev.kiln.run.mlflow.

-- A logged model (MLflow 3): an experiment's model with its own id ("m-" and 32 hex digits),
-- params, tags and metrics. Its files are objects under runs/{source_run_id}/models/{id}/ when it
-- came from a run (so they go with the run), else under logged-models/{workspace_id}/{id}/.
create table logged_model (
    id             varchar(64)  primary key,
    workspace_id   uuid         not null,
    experiment_id  uuid         not null references experiment (id) on delete cascade,
    name           varchar(256) not null,
    model_type     varchar(256),
    source_run_id  uuid references run (id) on delete cascade,
    status         varchar(32)  not null,
    status_message text,
    lifecycle      varchar(16)  not null,
    created_by     varchar(128),
    created_at     timestamp(6) with time zone not null,
    updated_at     timestamp(6) with time zone not null
);

create index logged_model_by_experiment on logged_model (experiment_id, created_at desc, id);
create index logged_model_by_run on logged_model (source_run_id);

create table logged_model_param (
    model_id varchar(64)   not null references logged_model (id) on delete cascade,
    key      varchar(250)  not null,
    value    varchar(6000) not null,
    primary key (model_id, key)
);

create table logged_model_tag (
    model_id varchar(64)  not null references logged_model (id) on delete cascade,
    key      varchar(250) not null,
    value    text         not null,
    primary key (model_id, key)
);

-- Metric points linked to a model (MLflow logs them with a model_id); one row per distinct point.
create table logged_model_metric (
    model_id       varchar(64)      not null references logged_model (id) on delete cascade,
    key            varchar(250)     not null,
    value          double precision not null,
    step           bigint           not null,
    timestamp      bigint           not null,
    run_name       varchar(256),
    dataset_name   varchar(500),
    dataset_digest varchar(36),
    primary key (model_id, key, step, timestamp, value)
);

-- The datasets a run used (MLflow's log-inputs), once per (name, digest).
create table run_dataset_input (
    run_id      uuid         not null references run (id) on delete cascade,
    name        varchar(500) not null,
    digest      varchar(36)  not null,
    source_type varchar(64)  not null,
    source      text         not null,
    schema      text,
    profile     text,
    tags        text         not null default '{}',
    created_at  timestamp(6) with time zone not null,
    primary key (run_id, name, digest)
);

-- The logged models a run read (direction 'input') or produced at a step ('output').
create table run_model_io (
    run_id     uuid        not null references run (id) on delete cascade,
    direction  varchar(8)  not null,
    model_id   varchar(64) not null references logged_model (id) on delete cascade,
    step       bigint,
    created_at timestamp(6) with time zone not null,
    primary key (run_id, direction, model_id)
);

create index run_model_io_by_model on run_model_io (model_id);
