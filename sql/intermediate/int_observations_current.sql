-- The one observation per (province, year, indicator, item) that the facts take: vintage rank 1.
with

ranked as (
    select * from intermediate.int_observations_ranked
),

final as (
    select
        province_code,
        year,
        indicator,
        item,
        value,
        unit,
        source,
        edition,
        table_id,
        raw_sha256,
        cell,
        release,
        release_date,
        vintages
    from ranked
    where vintage_rank = 1
)

select * from final
