-- Observations with their vintage rank among every row that publishes the same
-- (province, year, indicator, item). Rank 1 is the one the facts take.
-- Precedence (cfg.setting 'precedence'): newest_edition (default) or oldest_edition. Rows that carry a value
-- rank before rows published as missing, so a later "—" never erases a number; rows without an edition
-- (portal exports) rank after every edition; source, table and file break the remaining ties so the
-- choice is deterministic.
with

observations as (
    select * from staging.stg_observation
),

precedence as (
    select coalesce(max(value), 'newest_edition') as rule
    from cfg.setting
    where key = 'precedence'
),

ranked as (
    select
        observations.*,
        row_number() over (
            partition by province_code, year, indicator, item
            order by
                value is null,
                edition is null,
                case when precedence.rule = 'oldest_edition' then edition else -edition end,
                source,
                table_id,
                raw_sha256,
                cell
        ) as vintage_rank,
        count(*) over (partition by province_code, year, indicator, item) as vintages
    from observations
    cross join precedence
)

select * from ranked
