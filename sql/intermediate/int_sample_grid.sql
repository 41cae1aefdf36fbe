-- Every (province, year) the panel must have: sample provinces x sample years from the configuration.
with

provinces as (
    select * from intermediate.int_sample_provinces
),

years as (
    select * from cfg.sample_year
),

final as (
    select
        provinces.province_code,
        years.year
    from provinces
    cross join years
)

select * from final
