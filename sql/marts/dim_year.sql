-- Every data year from the earliest observed or configured year to the latest, and whether it is a
-- sample year of the panel.
with

observed as (
    select distinct year from intermediate.int_observations_current
),

configured as (
    select year from cfg.sample_year
),

bounds as (
    select min(year) as first_year, max(year) as last_year
    from (select year from observed union all select year from configured)
),

years as (
    select cast(range as smallint) as year
    from bounds, range(bounds.first_year, bounds.last_year + 1)
),

final as (
    select
        years.year,
        years.year in (select year from configured) as in_sample,
        case when years.year < 2012 then 'GB/T 4754-2002' else 'GB/T 4754-2011/2017' end as sector_classification
    from years
)

select * from final
order by year
