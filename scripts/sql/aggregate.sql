-- aggregate.sql — daily aggregates of a corpus's entities, from one table of mentions:
--
--   mentions(article VARCHAR, day DATE, type VARCHAR, name VARCHAR, mentions INTEGER)
--
-- one row per article and entity it mentions (canonical name and type as `explorer entities --jsonl
-- --canonical --counts` prints them; undated articles are left out). Document scope: an entity or a pair
-- counts once per article that mentions it. Plain SQL (GROUP BY, COUNT(DISTINCT), a self-join): it runs
-- unchanged wherever `mentions` is a table or view, in DuckDB (scripts/aggregate.mjs), Spark SQL or
-- BigQuery (docs/SCALING.md). Each statement is one query; the driver names its result after the
-- comment line above it.

-- daily_entities
SELECT day, type, name,
       COUNT(DISTINCT article) AS articles,
       SUM(mentions) AS mentions
FROM mentions
GROUP BY day, type, name;

-- daily_pairs
SELECT a.day AS day,
       a.type AS source_type, a.name AS source,
       b.type AS target_type, b.name AS target,
       COUNT(DISTINCT a.article) AS articles
FROM mentions a
JOIN mentions b
  ON a.article = b.article
 AND (a.name < b.name OR (a.name = b.name AND a.type < b.type))
GROUP BY a.day, a.type, a.name, b.type, b.name;
