-- Every value a later yearbook edition or portal release restated: the vintage before (edition or release)
-- and its value, the restating vintage and its value, and the relative change (new - old) / |old| (missing
-- when the old value is zero or missing).
with

revisions as (
    select * from intermediate.int_observation_revisions
),

final as (
    select
        province_code,
        year,
        indicator,
        item,
        old_edition,
        old_release,
        old_vintage_date,
        old_value,
        new_edition,
        new_release,
        new_vintage_date,
        new_value,
        (new_value - old_value) / nullif(abs(old_value), 0) as rel_change
    from revisions
)

select * from final
order by province_code, year, indicator, item, new_vintage_date
