-- Run history. Every row carries the run id, so the JSON-lines run log joins to these tables.
create table if not exists meta.run (
    run_id        varchar primary key,
    pipeline      varchar not null,
    started_at    timestamptz not null,
    finished_at   timestamptz,
    status        varchar not null,          -- running | succeeded | failed | cancelled
    config_sha256 varchar,
    is_demo       boolean not null default false,
    message       varchar,
    inputs_sha256 varchar,                   -- what the build read and ran with (input files, config, profiles, sql, binary); null: not knowable
    inputs        varchar                    -- the same, per part, as JSON {"part": "sha256"}: says which part changed
);
-- A warehouse file an older binary wrote lacks the two columns; migrating it adds them.
alter table meta.run add column if not exists inputs_sha256 varchar;
alter table meta.run add column if not exists inputs varchar;

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

-- What the panel holds for each model variable after a build's transform: which sample provinces and years have
-- a value. Rows 'spec <name>' count the rows where every variable of that model spec is present — the rows it can
-- estimate on. The build prints the same lines and writes them to its run log.
create table if not exists meta.coverage (
    run_id         varchar not null,
    variable       varchar not null,     -- a panel column a model spec uses (ln_etc, co, rd, …) or 'spec <name>'
    provinces      integer not null,     -- sample provinces with at least one value
    years          integer not null,     -- sample years with at least one value
    rows_present   bigint not null,      -- panel rows with a value (for a spec: with every variable)
    rows_expected  bigint not null,      -- panel rows: sample provinces × sample years
    province_codes varchar not null,     -- JSON list of the provinces present (GB/T 2260 codes)
    year_list      varchar not null,     -- JSON list of the years present
    recorded_at    timestamptz not null
);
