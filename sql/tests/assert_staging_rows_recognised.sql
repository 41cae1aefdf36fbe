-- Staging rows the facts cannot place: an unknown province code, an unknown sector or high-tech group, or
-- an unknown indicator. They are kept in staging but appear in no fact, so they are listed here.
with

observations as (
    select * from staging.observation
),

known_indicators as (
    select * from seeds.indicator
)

select observations.source, observations.table_id, observations.edition, observations.province_code,
    observations.year, observations.indicator, observations.item, observations.cell,
    case
        when observations.province_code not in (select province_code from seeds.province) then 'unknown province'
        when observations.indicator not in (select indicator from known_indicators) then 'unknown indicator'
        when vocabulary.items = 'sectors' then 'unknown sector'
        when vocabulary.items = 'hightech_groups' then 'unknown high-tech group'
        else 'unexpected item'
    end as problem
from observations
left join known_indicators as vocabulary on observations.indicator = vocabulary.indicator
where observations.province_code not in (select province_code from seeds.province)
    or observations.indicator not in (select indicator from known_indicators)
    or (vocabulary.items = 'sectors'
        and observations.item not in (select sector_code from seeds.sector))
    or (vocabulary.items = 'hightech_groups'
        and observations.item <> 'total'
        and observations.item not in (select group_code from seeds.hightech_group))
    or (vocabulary.items = 'none'
        and observations.item is not null)
