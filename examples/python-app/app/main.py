import os

from fastapi import FastAPI
from sqlalchemy import create_engine, text

engine = create_engine(os.environ.get("DATABASE_URL", "postgresql+psycopg2://app@db/app"))
app = FastAPI()


@app.get("/healthz")
def health() -> dict[str, str]:
    with engine.connect() as conn:
        conn.execute(text("select 1"))
    return {"status": "ok"}
