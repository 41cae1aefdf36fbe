-- Every observation of the staging contract, typed for the layers above: renames and casts only.
with

source as (
    select * from staging.observation
),

renamed as (
    select
        ---------- keys
        cast(province_code as smallint) as province_code,
        cast(year as smallint) as year,
        indicator,
        item,
        ---------- measure
        cast(value as double) as value,
        unit,
        raw_unit,
        ---------- vintage and lineage
        source,
        cast(edition as integer) as edition,
        table_id,
        raw_sha256,
        cell,
        release,
        cast(release_date as date) as release_date
    from source
)

select * from renamed
