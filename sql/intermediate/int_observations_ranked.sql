-- Observations with their vintage rank among every row that publishes the same
-- (province, year, indicator, item). Rank 1 is the one the facts take.
-- A row's vintage date is its release date (a portal export's footnote or spec) or else its yearbook edition
-- (1 January of the edition year). Precedence (cfg.setting 'precedence'): newest_edition (default: the newest
-- vintage wins) or oldest_edition. Rows that carry a value rank before rows published as missing, so a later
-- "—" never erases a number; rows with no vintage date (undated portal exports) rank after every dated row,
-- the later archive first; source, table and file break the remaining ties so the choice is deterministic.
with

observations as (
    select * from staging.stg_observation
),

precedence as (
    select coalesce(max(value), 'newest_edition') as rule
    from cfg.setting
    where key = 'precedence'
),

dated as (
    select
        observations.*,
        coalesce(release_date, make_date(edition, 1, 1)) as vintage_date
    from observations
),

ranked as (
    select
        dated.*,
        row_number() over (
            partition by province_code, year, indicator, item
            order by
                value is null,
                vintage_date is null,
                case when precedence.rule = 'oldest_edition' then vintage_date end asc,
                case when precedence.rule = 'oldest_edition' then null else vintage_date end desc,
                release desc,
                source,
                table_id,
                raw_sha256,
                cell
        ) as vintage_rank,
        count(*) over (partition by province_code, year, indicator, item) as vintages
    from dated
    cross join precedence
)

select * from ranked
