-- The staging contract (docs/architecture.md#the-staging-contract): parsers and normalisers emit observations; everything after is SQL.
-- Loading is idempotent per (source, edition, table_id): delete then insert in one transaction.
create table if not exists staging.observation (
    source        varchar  not null,  -- 'labour_yearbook' | 'hightech_yearbook' | 'nbs_provincial' | ...
    edition       integer,            -- yearbook edition year (null for portal exports)
    table_id      varchar  not null,  -- the table's id within its source, e.g. '4-6'
    province_code smallint not null,  -- GB/T 2260 two digits; 0 = national total
    year          smallint not null,  -- data year (an edition usually carries year = edition - 1)
    indicator     varchar  not null,  -- see docs/architecture.md#vocabulary
    item          varchar,            -- sector / group code where the indicator has one, else null
    value         double,             -- in the canonical unit; null = published as missing
    unit          varchar  not null,  -- canonical unit
    raw_unit      varchar,            -- the unit as printed
    raw_sha256    varchar  not null,  -- the archived page/file this came from
    cell          varchar,            -- where in it: 'row 12, col 5' or an A1 reference
    release       varchar,            -- the release (vintage) of a portal export's value: 'econ_census_5' (a footnote
                                      -- says it was revised after that census), 'before_econ_census_4', 'spec 2024-03'
                                      -- (pipelines.yml `release:`), 'archived 2026-11-30' (only the archive date is known);
                                      -- null for yearbook tables, whose edition is their release
    release_date  date                -- when that release was published (footnote or spec); null when only the edition
                                      -- or the archive date says it
);
-- Warehouses built before releases were recorded gain the two columns (null: what was known then).
alter table staging.observation add column if not exists release varchar;
alter table staging.observation add column if not exists release_date date;
