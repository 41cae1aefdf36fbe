-- Consecutive vintages of the same (province, year, indicator, item) whose values differ: what each yearbook
-- edition or portal release restated relative to the vintage before it. Vintages are ordered by their vintage
-- date (release date, else edition), oldest first; rows with neither (undated portal exports) are left out.
with

ranked as (
    select * from intermediate.int_observations_ranked
    where vintage_date is not null
),

sequenced as (
    select
        province_code,
        year,
        indicator,
        item,
        lag(edition) over vintages as old_edition,
        lag(release) over vintages as old_release,
        lag(vintage_date) over vintages as old_vintage_date,
        lag(value) over vintages as old_value,
        edition as new_edition,
        release as new_release,
        vintage_date as new_vintage_date,
        value as new_value
    from ranked
    window vintages as (partition by province_code, year, indicator, item order by vintage_date, source, table_id, raw_sha256)
),

final as (
    select *
    from sequenced
    where old_vintage_date is not null
        and old_vintage_date <> new_vintage_date
        and old_value is distinct from new_value
)

select * from final
