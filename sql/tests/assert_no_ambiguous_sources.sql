-- Two sources (or two tables of one source) publishing the same (province, year, indicator, item) for the same
-- vintage (edition or release date, or both undated) with different values: precedence cannot decide, so the
-- facts fell back to the source name. Listed so that the choice is never silent; fix it by dropping one table
-- from pipelines.yml or pinning its `release:`.
with

ranked as (
    select * from intermediate.int_observations_ranked
    where vintage_rank <= 2 and vintages > 1
),

chosen as (
    select * from ranked where vintage_rank = 1
),

runner_up as (
    select * from ranked where vintage_rank = 2
)

select
    chosen.province_code,
    chosen.year,
    chosen.indicator,
    chosen.item,
    chosen.source as chosen_source,
    chosen.value as chosen_value,
    runner_up.source as other_source,
    runner_up.value as other_value,
    chosen.edition
from chosen
inner join runner_up
    on chosen.province_code = runner_up.province_code
    and chosen.year = runner_up.year
    and chosen.indicator = runner_up.indicator
    and chosen.item is not distinct from runner_up.item
where (chosen.source <> runner_up.source or chosen.table_id <> runner_up.table_id)
    and chosen.vintage_date is not distinct from runner_up.vintage_date
    and chosen.value is distinct from runner_up.value
    and runner_up.value is not null
