-- Product sophistication (Hausmann, Hwang & Rodrik 2007):
-- PRODY_k = sum_j [ (x_jk / X_j) / sum_j' (x_j'k / X_j') ] * Y_j, weights are basket shares (RCA-style),
-- not market shares. A product nobody in the year's basket exports gets no PRODY.
with

basket as (
    select * from ind_export_basket
),

share_sums as (
    select year, item, sum(basket_share) as share_sum
    from basket
    group by year, item
),

final as (
    select
        basket.year,
        basket.item,
        sum(basket.basket_share / share_sums.share_sum * basket.gdp_per_capita) as prody
    from basket
    inner join share_sums on basket.year = share_sums.year and basket.item = share_sums.item
    where share_sums.share_sum > 0
    group by basket.year, basket.item
)

select * from final
order by year, item
