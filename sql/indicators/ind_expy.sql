-- Export sophistication of a province's high-tech basket: EXPY_j = sum_k (x_jk / X_j) * PRODY_k, and its
-- logarithm, the dependent variable of the paper (ln_etc in the panel).
with

basket as (
    select * from ind_export_basket
),

prody as (
    select * from ind_prody
),

sums as (
    select
        basket.province_code,
        basket.year,
        sum(basket.basket_share * prody.prody) as expy
    from basket
    inner join prody on basket.year = prody.year and basket.item = prody.item
    group by basket.province_code, basket.year
),

final as (
    select
        province_code,
        year,
        expy,
        case when expy > 0 then ln(expy) end as ln_expy
    from sums
)

select * from final
order by province_code, year
