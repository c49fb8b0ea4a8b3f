"""PostgreSQL access: numbered SQL migrations, connection pools, the key/value state store."""
