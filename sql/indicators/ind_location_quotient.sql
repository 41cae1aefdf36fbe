-- Location quotients of manufacturing and producer services: LQ_ij = (E_ij / E_i) / (E_j / E).
-- E_i is the printed total employment of the province (the sum of its sections when no total is printed);
-- E_ij sums the configured sections of group j and is missing when any of them is missing, because a
-- partial sum would bias the quotient. National totals E_j and E are sums over the sample provinces that
-- have a complete row that year, never the printed national row. Provinces without a complete row, or with
-- zero total employment, get no LQ that year.
with

employment as (
    select * from fct_employment
),

sectors as (
    select * from dim_sector
),

sample as (
    select province_code from dim_province where in_sample
),

group_sizes as (
    select
        count(*) filter (where is_manufacturing) as manufacturing_sections,
        count(*) filter (where is_producer_service) as producer_service_sections
    from sectors
),

by_province as (
    select
        employment.province_code,
        employment.year,
        coalesce(
            max(employment.persons_10k) filter (where sectors.is_total),
            sum(employment.persons_10k) filter (where not sectors.is_total)
        ) as employment_total,
        sum(employment.persons_10k) filter (where sectors.is_manufacturing) as manufacturing,
        count(employment.persons_10k) filter (where sectors.is_manufacturing) as manufacturing_reported,
        sum(employment.persons_10k) filter (where sectors.is_producer_service) as producer_services,
        count(employment.persons_10k) filter (where sectors.is_producer_service) as producer_services_reported
    from employment
    inner join sectors on employment.sector_code = sectors.sector_code
    where employment.province_code in (select province_code from sample)
    group by employment.province_code, employment.year
),

complete as (
    select
        by_province.province_code,
        by_province.year,
        by_province.employment_total,
        by_province.manufacturing,
        by_province.producer_services
    from by_province
    cross join group_sizes
    where by_province.employment_total > 0
        and by_province.manufacturing_reported = group_sizes.manufacturing_sections
        and by_province.producer_services_reported = group_sizes.producer_service_sections
),

national as (
    select
        year,
        sum(employment_total) as employment_total,
        sum(manufacturing) as manufacturing,
        sum(producer_services) as producer_services
    from complete
    group by year
),

final as (
    select
        complete.province_code,
        complete.year,
        (complete.manufacturing / complete.employment_total)
            / nullif(national.manufacturing / national.employment_total, 0) as lq_manufacturing,
        (complete.producer_services / complete.employment_total)
            / nullif(national.producer_services / national.employment_total, 0) as lq_producer_services
    from complete
    inner join national on complete.year = national.year
)

select * from final
order by province_code, year
