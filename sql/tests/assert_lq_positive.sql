-- Location quotients are strictly positive wherever computed; zero or missing means a sector group with no
-- employment slipped through or a national total was zero.
select *
from ind_location_quotient
where not (lq_manufacturing > 0)
    or not (lq_producer_services > 0)
    or lq_manufacturing is null
    or lq_producer_services is null
    or isinf(lq_manufacturing)
    or isinf(lq_producer_services)
