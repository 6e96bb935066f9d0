"""An app without migrations: its table is made from the model (migrate --run-syncdb)."""
