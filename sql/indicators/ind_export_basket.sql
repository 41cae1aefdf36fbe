-- Each sample province's high-tech export basket over the configured product set: exports x_jk, basket
-- total X_j = sum_k x_jk over the same product set, basket share x_jk / X_j, and GDP per capita Y_j.
-- Only province-years that enter PRODY/EXPY are here: a province with X_j = 0 (or no exports at all) or
-- without GDP per capita drops out of that year (the data test assert_prody_dropouts lists them).
-- A product published as missing, or not printed, counts as zero exports of that product.
with

hightech as (
    select * from fct_hightech
),

products as (
    select group_code from dim_hightech_group where in_product_set
),

sample as (
    select province_code from dim_province where in_sample
),

gdp_per_capita as (
    select province_code, year, value as gdp_per_capita
    from fct_provincial
    where indicator = 'gdp_per_capita'
),

exports as (
    select
        province_code,
        year,
        group_code as item,
        coalesce(export_delivery, 0) as export_delivery
    from hightech
    where group_code in (select group_code from products)
        and province_code in (select province_code from sample)
),

baskets as (
    select province_code, year, sum(export_delivery) as basket_total
    from exports
    group by province_code, year
),

final as (
    select
        exports.province_code,
        exports.year,
        exports.item,
        exports.export_delivery,
        baskets.basket_total,
        exports.export_delivery / baskets.basket_total as basket_share,
        gdp_per_capita.gdp_per_capita
    from exports
    inner join baskets
        on exports.province_code = baskets.province_code and exports.year = baskets.year
    inner join gdp_per_capita
        on exports.province_code = gdp_per_capita.province_code and exports.year = gdp_per_capita.year
    where baskets.basket_total > 0
        and gdp_per_capita.gdp_per_capita is not null
)

select * from final
order by province_code, year, item
