-- Employed persons in urban non-private units by province, year and sector (GB/T 4754-2017 section, or
-- 'total' for the printed total), after source precedence, with the file and cell each value came from.
with

current_observations as (
    select * from intermediate.int_observations_current
    where indicator = 'urban_employment'
),

sectors as (
    select sector_code from seeds.sector
),

final as (
    select
        province_code,
        year,
        item as sector_code,
        value as persons_10k,
        source,
        edition,
        table_id,
        raw_sha256,
        cell
    from current_observations
    where item in (select sector_code from sectors)
)

select * from final
order by province_code, year, sector_code
