-- Year-on-year ratios beyond the configured factor (analysis.yoy_jump_factor) in either direction: likely a
-- unit slip (10k vs 100M yuan) or a misread cell. Checked on the provincial indicators, total employment and
-- high-tech exports.
with

factor as (
    select cast(value as double) as factor from cfg.setting where key = 'yoy_jump_factor'
),

series as (
    select province_code, year, indicator as series, value from fct_provincial
    union all
    select province_code, year, 'urban_employment total', persons_10k from fct_employment where sector_code = 'total'
    union all
    select province_code, year, 'hightech_export_delivery ' || group_code, export_delivery from fct_hightech
),

paired as (
    select
        province_code,
        series,
        year,
        value,
        lag(year) over (partition by province_code, series order by year) as previous_year,
        lag(value) over (partition by province_code, series order by year) as previous_value
    from series
)

select paired.*, paired.value / paired.previous_value as ratio
from paired
cross join factor
where paired.previous_year = paired.year - 1
    and paired.previous_value > 0
    and paired.value > 0
    and (paired.value / paired.previous_value > factor.factor
        or paired.previous_value / paired.value > factor.factor)
