-- Settings copied from pipelines.yml (cfg) and reference data shipped with sql/ (seeds).
-- SqlModel.Apply rewrites their contents on every transform; the tables exist from the first migration so
-- that analysts' tools can see their shape. Idempotent.
create schema if not exists seeds;

create table if not exists cfg.sample_year (
    year smallint primary key
);

create table if not exists cfg.excluded_province (
    province_code smallint primary key
);

-- Which GB/T 4754-2017 section letters form the manufacturing and producer-services groups of the LQ.
create table if not exists cfg.sector_group (
    sector_code varchar not null,
    sector_group varchar not null          -- manufacturing | producer_services
);

create table if not exists cfg.hightech_product (
    group_code varchar primary key
);

-- Scalar settings: precedence (newest_edition | oldest_edition), yoy_jump_factor.
create table if not exists cfg.setting (
    key varchar primary key,
    value varchar not null
);

-- Reference data: provinces (GB/T 2260), sectors (GB/T 4754 sections per classification edition),
-- high-tech manufacturing groups, the indicator vocabulary, and the recorded reasons for known gaps in the panel.
create table if not exists seeds.province (
    province_code smallint primary key,
    name_zh varchar not null,
    name_zh_full varchar not null,
    name_en varchar not null,
    region varchar
);

create table if not exists seeds.sector (
    sector_code varchar primary key,
    name_zh varchar not null,
    name_en varchar not null,
    gbt2002_code varchar,
    gbt2002_name_zh varchar,
    gbt2002_name_en varchar
);

create table if not exists seeds.hightech_group (
    group_code varchar primary key,
    name_zh varchar not null,
    name_en varchar not null,
    classified_since smallint not null
);

create table if not exists seeds.indicator (
    indicator varchar primary key,
    items varchar not null,  -- none | sectors | hightech_groups (a group code, or total)
    unit varchar not null,   -- canonical unit of staging.observation.value
    description varchar not null
);

create table if not exists seeds.known_gap (
    province_code smallint not null,
    year smallint not null,
    reason varchar not null
);
