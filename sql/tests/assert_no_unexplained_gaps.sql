-- Every sample province has every sample year with all model variables that the sources publish for that year
-- (some other province has it), unless seeds/known_gap.csv records a reason for that province-year. A variable
-- or a year no source covers at all is not a gap but coverage: the build's coverage report (meta.coverage) says it.
with

panel_rows as (
    select * from panel
),

gaps as (
    select
        province_code,
        year,
        concat_ws(', ',
            case when ln_etc is null and count(ln_etc) over same_year > 0 then 'ln_etc' end,
            case when co is null and count(co) over same_year > 0 then 'co' end,
            case when rd is null and count(rd) over same_year > 0 then 'rd' end,
            case when fin is null and count(fin) over same_year > 0 then 'fin' end,
            case when fdi is null and count(fdi) over same_year > 0 then 'fdi' end,
            case when ti is null and count(ti) over same_year > 0 then 'ti' end,
            case when open is null and count(open) over same_year > 0 then 'open' end,
            case when ln_gdp_pc is null and count(ln_gdp_pc) over same_year > 0 then 'ln_gdp_pc' end
        ) as missing
    from panel_rows
    window same_year as (partition by year)
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
