-- Staging rows the facts cannot place: an unknown province code, an unknown sector or high-tech group, or
-- an unknown indicator. They are kept in staging but appear in no fact, so they are listed here.
with

observations as (
    select * from staging.observation
),

known_indicators as (
    select * from (values
        ('urban_employment'), ('hightech_export_delivery'), ('hightech_employment'), ('gdp'), ('gdp_per_capita'),
        ('population'), ('area'), ('rd_expenditure'), ('loans_balance'), ('fdi_actual'), ('trade_total'),
        ('road_length'), ('rail_length'), ('usd_cny')
    ) as t (indicator)
)

select observations.source, observations.table_id, observations.edition, observations.province_code,
    observations.year, observations.indicator, observations.item, observations.cell,
    case
        when observations.province_code not in (select province_code from seeds.province) then 'unknown province'
        when observations.indicator not in (select indicator from known_indicators) then 'unknown indicator'
        when observations.indicator = 'urban_employment' then 'unknown sector'
        when observations.indicator like 'hightech_%' then 'unknown high-tech group'
        else 'unexpected item'
    end as problem
from observations
where observations.province_code not in (select province_code from seeds.province)
    or observations.indicator not in (select indicator from known_indicators)
    or (observations.indicator = 'urban_employment'
        and observations.item not in (select sector_code from seeds.sector))
    or (observations.indicator like 'hightech_%'
        and observations.item not in (select group_code from seeds.hightech_group))
    or (observations.indicator not in ('urban_employment', 'hightech_export_delivery', 'hightech_employment')
        and observations.item is not null)
