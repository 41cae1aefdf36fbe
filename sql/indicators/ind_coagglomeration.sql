-- Co-agglomeration of manufacturing and producer services (Chen Jianjun's index):
-- CO = [1 - |LQm - LQs| / (LQm + LQs)] + (LQm + LQs), with both terms exposed.
-- co_quality measures how balanced the two agglomerations are (1 = equal), co_level how strong they are.
with

quotients as (
    select * from ind_location_quotient
),

terms as (
    select
        province_code,
        year,
        lq_manufacturing,
        lq_producer_services,
        1 - abs(lq_manufacturing - lq_producer_services)
            / nullif(lq_manufacturing + lq_producer_services, 0) as co_quality,
        lq_manufacturing + lq_producer_services as co_level
    from quotients
),

final as (
    select
        *,
        co_quality + co_level as co
    from terms
)

select * from final
order by province_code, year
