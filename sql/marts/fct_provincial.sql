-- Province-level indicators without an item (GDP, population, area, R&D, loans, FDI, trade, road and rail
-- length, the USD/CNY rate at province 0), one row per (province, year, indicator), in the canonical unit,
-- after source precedence, with the file and cell each value came from.
with

current_observations as (
    select * from intermediate.int_observations_current
    where item is null
),

final as (
    select
        province_code,
        year,
        indicator,
        value,
        unit,
        source,
        edition,
        table_id,
        raw_sha256,
        cell
    from current_observations
)

select * from final
order by province_code, year, indicator
