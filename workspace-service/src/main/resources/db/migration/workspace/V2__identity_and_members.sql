create table app_user (
    id           uuid primary key,
    name         varchar(64) not null,
    display_name varchar(200),
    admin        boolean not null default false,
    created_at   timestamp(6) with time zone not null
);

create unique index app_user_name on app_user (lower(name));

-- Personal access tokens, kept only as SHA-256 hashes of the secret.
create table access_token (
    id           uuid primary key,
    user_id      uuid not null references app_user (id) on delete cascade,
    name         varchar(100) not null,
    prefix       varchar(16) not null,
    secret_hash  varchar(64) not null,
    created_at   timestamp(6) with time zone not null,
    expires_at   timestamp(6) with time zone,
    revoked_at   timestamp(6) with time zone,
    last_used_at timestamp(6) with time zone
);

create unique index access_token_secret_hash on access_token (secret_hash);
create index access_token_user on access_token (user_id);

create table workspace_member (
    workspace_id uuid not null references workspace (id) on delete cascade,
    user_id      uuid not null references app_user (id) on delete cascade,
    role         varchar(16) not null,
    added_at     timestamp(6) with time zone not null,
    primary key (workspace_id, user_id)
);

create index workspace_member_user on workspace_member (user_id);
