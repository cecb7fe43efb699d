-- Who may use the web application and the API, and what the admins did there.

-- Accounts of `serve`, managed with `user add|list|remove`: BCrypt hashes only, no default account.
create table app_user (
    name          text        primary key,
    password_hash text        not null,
    role          text        not null check (role in ('admin', 'staff')),
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);

-- Every admin action (launch, restart, stop, user changes): who, what, when. Nothing is deleted from here.
create table audit_event (
    id          bigserial   primary key,
    occurred_at timestamptz not null default now(),
    actor       text        not null,
    action      text        not null,
    detail      text        not null
);
create index audit_event_occurred on audit_event (occurred_at desc);
