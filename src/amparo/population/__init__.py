"""Populations: many rows of facts through compiled frameworks, out of core.

A table (CSV or Parquet) becomes facts through a mapping (:mod:`.mapping`,
written as SQL by :mod:`.mapping_sql`, checked against the table in
:mod:`.check`); the frameworks, compiled to SQL (:mod:`amparo.rules.sql`), add
one column per factor, category and outcome (:mod:`.plan`); an engine (:mod:`.engine`: DuckDB in process, :mod:`.duck`, or
Spark, :mod:`.spark`) runs the query and writes the results; :mod:`.run` adds the
summary (:mod:`.summary`), provenance and charts (:mod:`.charts`). :mod:`.synth`
writes a synthetic population of facts, in the shape :mod:`.table` describes.

Nothing here imports Spark or matplotlib at import time.
"""
