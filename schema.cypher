// reformkg schema for Neo4j 5: applied idempotently by `reformkg load` (and by the tests).
// Only CREATE CONSTRAINT / CREATE INDEX ... IF NOT EXISTS; one statement per semicolon.

// Natural keys: every node label has a unique id, so loads MERGE and never duplicate.
CREATE CONSTRAINT policy_id IF NOT EXISTS FOR (n:Policy) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT task_id IF NOT EXISTS FOR (n:Task) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT unit_id IF NOT EXISTS FOR (n:Unit) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT indicator_id IF NOT EXISTS FOR (n:Indicator) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT reform_id IF NOT EXISTS FOR (n:Reform) REQUIRE n.id IS UNIQUE;

// What the catalogue queries filter and sort on.
CREATE INDEX unit_name IF NOT EXISTS FOR (n:Unit) ON (n.name);
CREATE INDEX unit_jurisdiction IF NOT EXISTS FOR (n:Unit) ON (n.jurisdiction);
CREATE INDEX unit_type IF NOT EXISTS FOR (n:Unit) ON (n.unit_type);
CREATE INDEX task_deadline_date IF NOT EXISTS FOR (n:Task) ON (n.deadline_date);
CREATE INDEX task_document IF NOT EXISTS FOR (n:Task) ON (n.document_id);
CREATE INDEX task_lead_count IF NOT EXISTS FOR (n:Task) ON (n.lead_count);
CREATE INDEX task_ranked_lead_count IF NOT EXISTS FOR (n:Task) ON (n.ranked_lead_count);
CREATE INDEX indicator_name IF NOT EXISTS FOR (n:Indicator) ON (n.name);
CREATE INDEX policy_title IF NOT EXISTS FOR (n:Policy) ON (n.title);
// Links are listed best first: the score index gives them in order, so a list stops at its limit.
CREATE INDEX similar_score IF NOT EXISTS FOR ()-[r:SIMILAR_TO]-() ON (r.score);

// Full-text search over task titles and text and unit names; cjk splits Chinese into bigrams.
CREATE FULLTEXT INDEX task_text IF NOT EXISTS FOR (n:Task) ON EACH [n.title, n.text]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
CREATE FULLTEXT INDEX unit_text IF NOT EXISTS FOR (n:Unit) ON EACH [n.name]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};

// Not declared here, derived after every load (graph_build/store_neo4j.py, refresh_shared_tasks):
// (:Unit)-[:SHARES_TASKS {tasks}]->(:Unit) between units holding tasks together, and Unit.task_count.
