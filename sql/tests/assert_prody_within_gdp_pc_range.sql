-- PRODY is a weighted mean of GDP per capita: min Y <= PRODY_k <= max Y within the year (1e-9 relative slack).
with

bounds as (
    select year, min(gdp_per_capita) as min_y, max(gdp_per_capita) as max_y
    from ind_export_basket
    group by year
)

select prody.*, bounds.min_y, bounds.max_y
from ind_prody as prody
inner join bounds on prody.year = bounds.year
where prody.prody < bounds.min_y * (1 - 1e-9)
    or prody.prody > bounds.max_y * (1 + 1e-9)
    or isnan(prody.prody)
