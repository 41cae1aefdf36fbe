-- Every sample province has every sample year with all model variables, unless seeds/known_gap.csv records
-- a reason for that province-year.
with

panel_rows as (
    select * from panel
),

gaps as (
    select
        province_code,
        year,
        concat_ws(', ',
            case when ln_etc is null then 'ln_etc' end,
            case when co is null then 'co' end,
            case when rd is null then 'rd' end,
            case when fin is null then 'fin' end,
            case when fdi is null then 'fdi' end,
            case when ti is null then 'ti' end,
            case when open is null then 'open' end,
            case when ln_gdp_pc is null then 'ln_gdp_pc' end
        ) as missing
    from panel_rows
),

grid_rows as (
    select * from intermediate.int_sample_grid
),

absent as (
    select grid_rows.province_code, grid_rows.year, 'the whole row' as missing
    from grid_rows
    anti join panel_rows
        on grid_rows.province_code = panel_rows.province_code and grid_rows.year = panel_rows.year
)

select candidates.*
from (select * from gaps where missing <> '' union all select * from absent) as candidates
anti join seeds.known_gap as known
    on candidates.province_code = known.province_code and candidates.year = known.year
