-- High-tech manufacturing by province, year and group: export delivery value (10k yuan) and average
-- employed persons, after source precedence, each with the file and cell it came from.
with

current_observations as (
    select * from intermediate.int_observations_current
    where indicator in ('hightech_export_delivery', 'hightech_employment')
        and item in (select group_code from seeds.hightech_group)
),

exports as (
    select * from current_observations where indicator = 'hightech_export_delivery'
),

employment as (
    select * from current_observations where indicator = 'hightech_employment'
),

final as (
    select
        coalesce(exports.province_code, employment.province_code) as province_code,
        coalesce(exports.year, employment.year) as year,
        coalesce(exports.item, employment.item) as group_code,
        exports.value as export_delivery,
        employment.value as employment,
        exports.raw_sha256 as export_delivery_raw_sha256,
        exports.cell as export_delivery_cell,
        employment.raw_sha256 as employment_raw_sha256,
        employment.cell as employment_cell
    from exports
    full outer join employment
        on exports.province_code = employment.province_code
        and exports.year = employment.year
        and exports.item = employment.item
)

select * from final
order by province_code, year, group_code
