"""Create the site's and the bot tracker's PostgreSQL databases if they do not exist yet.

DATABASE_URL names the site's database; TRACKER_DB_NAME (default: the site's name + "_tracker") the
one Rasa keeps conversations in, on the same server. Needs a role allowed to create databases;
where the databases are made by hand (managed PostgreSQL), this does nothing because they exist.
"""
import os
import sys

import dj_database_url
import psycopg
from psycopg import sql


def main():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return
    config = dj_database_url.parse(url)
    names = [config["NAME"], os.environ.get("TRACKER_DB_NAME") or f"{config['NAME']}_tracker"]
    params = {"host": config["HOST"] or "127.0.0.1", "port": config["PORT"] or 5432, "user": config["USER"],
              "password": config["PASSWORD"], "dbname": "postgres", "autocommit": True}
    with psycopg.connect(**params) as connection:
        for name in names:
            if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
                print(f"Created database {name}", file=sys.stderr)


if __name__ == "__main__":
    main()
