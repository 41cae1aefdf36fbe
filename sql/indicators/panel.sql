-- The analysis input: one row per sample province and sample year (30 x 14 = 420 on the default
-- configuration), whether or not every variable is present, so gaps show as nulls the data tests catch.
with

grid as (
    select * from intermediate.int_sample_grid
),

provinces as (
    select * from dim_province
),

coagglomeration as (
    select * from ind_coagglomeration
),

expy as (
    select * from ind_expy
),

controls as (
    select * from ind_controls
),

final as (
    select
        cast(grid.province_code as integer) as province_code,
        provinces.name_en as province,
        provinces.region,
        cast(grid.year as integer) as year,
        expy.ln_expy as ln_etc,
        coagglomeration.co,
        coagglomeration.co * coagglomeration.co as co_sq,
        controls.rd,
        controls.fin,
        controls.fdi,
        controls.ti,
        controls.open,
        controls.ln_gdp_pc
    from grid
    inner join provinces on grid.province_code = provinces.province_code
    left join expy on grid.province_code = expy.province_code and grid.year = expy.year
    left join coagglomeration
        on grid.province_code = coagglomeration.province_code and grid.year = coagglomeration.year
    left join controls on grid.province_code = controls.province_code and grid.year = controls.year
)

select * from final
order by province_code, year
