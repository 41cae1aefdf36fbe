-- Sections of a province-year add up to the printed total within rounding: at most 0.5 (10k persons) or
-- 0.5 % of the total, whichever is larger. Province-years with a section published as missing are skipped,
-- because their sum is known to be short.
with

employment as (
    select * from fct_employment
),

sums as (
    select
        province_code,
        year,
        max(persons_10k) filter (where sector_code = 'total') as printed_total,
        sum(persons_10k) filter (where sector_code <> 'total') as sections_sum,
        count(*) filter (where sector_code <> 'total' and persons_10k is null) as sections_missing
    from employment
    group by province_code, year
)

select *
from sums
where printed_total is not null
    and sections_sum is not null
    and sections_missing = 0
    and abs(sections_sum - printed_total) > greatest(0.5, 0.005 * printed_total)
