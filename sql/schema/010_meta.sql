-- Run history. Every row carries the run id, so the JSON-lines run log joins to these tables.
create table if not exists meta.run (
    run_id        varchar primary key,
    pipeline      varchar not null,
    started_at    timestamptz not null,
    finished_at   timestamptz,
    status        varchar not null,          -- running | succeeded | failed | cancelled
    config_sha256 varchar,
    is_demo       boolean not null default false,
    message       varchar
);

create table if not exists meta.run_step (
    run_id      varchar not null,
    step        varchar not null,            -- extract | load | transform | test | analyze | report
    pipeline    varchar not null,
    source      varchar,
    edition     integer,
    table_id    varchar,
    status      varchar not null,            -- succeeded | failed
    attempt     integer not null default 1,
    rows_in     bigint,
    rows_out    bigint,
    started_at  timestamptz not null,
    duration_ms bigint,
    error       varchar
);

create table if not exists meta.raw_page (
    sha256           varchar primary key,
    location         varchar not null,       -- URL or file path it was read from
    http_status      integer,
    http_headers     varchar,                -- JSON object
    declared_charset varchar,
    detected_charset varchar,
    size_bytes       bigint not null,
    fetched_at       timestamptz not null,
    archive_path     varchar not null        -- where the bytes sit in the raw archive
);

create table if not exists meta.test_result (
    run_id      varchar not null,
    test_name   varchar not null,
    relation    varchar,
    severity    varchar not null,            -- warn | error
    status      varchar not null,            -- pass | warn | fail
    failing_rows bigint not null,
    sample      varchar,                     -- a few failing rows as JSON
    executed_at timestamptz not null
);

create table if not exists meta.schema_fingerprint (
    source       varchar not null,
    edition      integer,
    table_id     varchar not null,
    fingerprint  varchar not null,           -- sha256 over header labels, unit and row-label set
    header       varchar not null,           -- JSON: column labels
    unit         varchar,
    row_labels   varchar,                    -- JSON: stub labels
    first_seen_run varchar,
    recorded_at  timestamptz not null
);
