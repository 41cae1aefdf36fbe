-- Provinces of the estimation sample: every province of the seed list (not the national row) minus the
-- configured exclusions (Tibet by default).
with

provinces as (
    select * from seeds.province
),

excluded as (
    select * from cfg.excluded_province
),

final as (
    select provinces.province_code
    from provinces
    where provinces.province_code <> 0
        and provinces.province_code not in (select province_code from excluded)
)

select * from final
