-- High-tech manufacturing groups (NBS classification) and whether each is in the PRODY/EXPY product set.
with

groups as (
    select * from seeds.hightech_group
),

product_set as (
    select * from cfg.hightech_product
),

final as (
    select
        groups.group_code,
        groups.name_zh,
        groups.name_en,
        groups.classified_since,
        groups.group_code in (select group_code from product_set) as in_product_set
    from groups
)

select * from final
order by group_code
