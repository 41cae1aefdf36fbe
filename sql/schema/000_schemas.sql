-- Schemas of the warehouse. Applied first by the migration runner; idempotent.
-- meta: run history and lineage; staging: the C# ⇄ SQL boundary; cfg: settings copied from pipelines.yml
-- so that views can read them; intermediate/marts: model layers. Analyst-facing relations live in main.
create schema if not exists meta;
create schema if not exists staging;
create schema if not exists cfg;
create schema if not exists intermediate;
create schema if not exists marts;
