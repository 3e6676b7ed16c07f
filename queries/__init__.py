"""The catalogue of named queries, each answered by the embedded graph and by Neo4j."""
