-- Sample province-years that publish high-tech data but drop out of PRODY/EXPY, because their exports over
-- the product set sum to zero or their GDP per capita is missing.
with

published as (
    select distinct hightech.province_code, hightech.year
    from fct_hightech as hightech
    inner join dim_province as provinces on hightech.province_code = provinces.province_code
    where provinces.in_sample
)

select
    published.province_code,
    published.year,
    case
        when gdp_pc.value is null then 'no gdp_per_capita'
        else 'exports over the product set are zero or missing'
    end as reason
from published
left join fct_provincial as gdp_pc
    on gdp_pc.province_code = published.province_code
    and gdp_pc.year = published.year
    and gdp_pc.indicator = 'gdp_per_capita'
anti join (select distinct province_code, year from ind_export_basket) as basket
    on basket.province_code = published.province_code and basket.year = published.year
