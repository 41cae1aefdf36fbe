-- Control variables of the regressions, with the units cancelled explicitly:
--   gdp 100M yuan = 10^4 x 10k yuan = 10^5 x 1000 yuan; rd_expenditure 10k yuan; loans_balance 100M yuan;
--   fdi_actual 10k USD and trade_total 1000 USD converted at the year's usd_cny (yuan per USD, province 0);
--   road and rail length km; area km2; gdp_per_capita yuan.
-- rd: where no R&D expenditure is loaded for a province-year, the published R&D intensity (rd_intensity, % of
-- GDP, the S&T yearbook's 经费投入强度 = R&D expenditure / GDP x 100) divided by 100: the same ratio, as printed.
with

provincial as (
    select * from fct_provincial
),

pivoted as (
    select
        province_code,
        year,
        max(value) filter (where indicator = 'gdp') as gdp,
        max(value) filter (where indicator = 'gdp_per_capita') as gdp_per_capita,
        max(value) filter (where indicator = 'rd_expenditure') as rd_expenditure,
        max(value) filter (where indicator = 'rd_intensity') as rd_intensity,
        max(value) filter (where indicator = 'loans_balance') as loans_balance,
        max(value) filter (where indicator = 'fdi_actual') as fdi_actual,
        max(value) filter (where indicator = 'trade_total') as trade_total,
        max(value) filter (where indicator = 'road_length') as road_length,
        max(value) filter (where indicator = 'rail_length') as rail_length,
        max(value) filter (where indicator = 'area') as area
    from provincial
    where province_code <> 0
    group by province_code, year
),

rates as (
    select year, value as usd_cny
    from provincial
    where province_code = 0 and indicator = 'usd_cny'
),

final as (
    select
        pivoted.province_code,
        pivoted.year,
        coalesce(pivoted.rd_expenditure / (nullif(pivoted.gdp, 0) * 1e4), pivoted.rd_intensity / 100) as rd,
        pivoted.loans_balance / nullif(pivoted.gdp, 0) as fin,
        pivoted.fdi_actual * rates.usd_cny / (nullif(pivoted.gdp, 0) * 1e4) as fdi,
        (pivoted.road_length + pivoted.rail_length) / nullif(pivoted.area, 0) as ti,
        pivoted.trade_total * rates.usd_cny / (nullif(pivoted.gdp, 0) * 1e5) as open,
        case when pivoted.gdp_per_capita > 0 then ln(pivoted.gdp_per_capita) end as ln_gdp_pc
    from pivoted
    left join rates on pivoted.year = rates.year
)

select * from final
order by province_code, year
