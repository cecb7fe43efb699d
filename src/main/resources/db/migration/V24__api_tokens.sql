-- Personal API tokens: scripts send `Authorization: Bearer <token>`; only the SHA-256 of a token is kept (it is shown
-- once, when made). A token goes with its user: removed with the user, renamed with the user.
create table api_token (
    id           bigserial   primary key,
    user_name    text        not null references app_user (name) on delete cascade on update cascade,
    label        text        not null,
    token_hash   bytea       not null unique,
    -- the first characters of the token, to tell tokens apart on the user's page
    prefix       text        not null,
    created_at   timestamptz not null default now(),
    last_used_at timestamptz
);
create index api_token_user on api_token (user_name);
