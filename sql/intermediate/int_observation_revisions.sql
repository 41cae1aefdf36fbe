-- Consecutive editions of the same (province, year, indicator, item) whose values differ: what each
-- yearbook edition restated relative to the edition before it.
with

ranked as (
    select * from intermediate.int_observations_ranked
    where edition is not null
),

sequenced as (
    select
        province_code,
        year,
        indicator,
        item,
        lag(edition) over vintages as old_edition,
        lag(value) over vintages as old_value,
        edition as new_edition,
        value as new_value
    from ranked
    window vintages as (partition by province_code, year, indicator, item order by edition, source, table_id)
),

final as (
    select *
    from sequenced
    where old_edition is not null
        and old_edition <> new_edition
        and old_value is distinct from new_value
)

select * from final
