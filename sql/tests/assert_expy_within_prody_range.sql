-- EXPY is a weighted mean of PRODY: min PRODY <= EXPY_j <= max PRODY within the year (1e-9 relative slack).
with

bounds as (
    select year, min(prody) as min_prody, max(prody) as max_prody
    from ind_prody
    group by year
)

select expy.*, bounds.min_prody, bounds.max_prody
from ind_expy as expy
left join bounds on expy.year = bounds.year
where bounds.year is null
    or expy.expy < bounds.min_prody * (1 - 1e-9)
    or expy.expy > bounds.max_prody * (1 + 1e-9)
    or isnan(expy.expy)
