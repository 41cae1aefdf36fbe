-- Provinces (GB/T 2260) with Chinese and English names, the three belts used by the paper, and whether
-- the province is in the estimation sample. Code 0 is the national total row some tables print.
with

provinces as (
    select * from seeds.province
),

sample as (
    select * from intermediate.int_sample_provinces
),

final as (
    select
        provinces.province_code,
        provinces.name_zh,
        provinces.name_zh_full,
        provinces.name_en,
        provinces.region,
        provinces.province_code in (select province_code from sample) as in_sample
    from provinces
)

select * from final
order by province_code
