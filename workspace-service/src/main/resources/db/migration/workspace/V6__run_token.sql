-- Run tokens: what a job's workload uses to call the platform as its submitter, confined to its
-- run. Kept, like personal access tokens, only as SHA-256 hashes of the secret. Deleting the
-- workspace or the user ends them.
create table run_token (
    id             uuid primary key,
    run_id         uuid not null,
    run_name       varchar(255) not null,
    workspace_id   uuid not null references workspace (id) on delete cascade,
    workspace_name varchar(33) not null,
    user_id        uuid not null references app_user (id) on delete cascade,
    secret_hash    varchar(64) not null,
    created_at     timestamp(6) with time zone not null,
    expires_at     timestamp(6) with time zone not null,
    revoked_at     timestamp(6) with time zone,
    last_used_at   timestamp(6) with time zone
);

create unique index run_token_secret_hash on run_token (secret_hash);
create index run_token_run on run_token (run_id);
create index run_token_workspace on run_token (workspace_id);
create index run_token_user on run_token (user_id);
