-- Sectors: GB/T 4754-2017 section letters (the canonical codes) with their names and the letter and names
-- the same section had in GB/T 4754-2002, and the groups of the location quotients from configuration.
with

sectors as (
    select * from seeds.sector
),

groups as (
    select * from cfg.sector_group
),

final as (
    select
        sectors.sector_code,
        sectors.name_zh,
        sectors.name_en,
        sectors.gbt2002_code,
        sectors.gbt2002_name_zh,
        sectors.gbt2002_name_en,
        sectors.sector_code = 'total' as is_total,
        sectors.sector_code in (
            select sector_code from groups where sector_group = 'manufacturing'
        ) as is_manufacturing,
        sectors.sector_code in (
            select sector_code from groups where sector_group = 'producer_services'
        ) as is_producer_service
    from sectors
)

select * from final
order by sector_code
