"""selon past one machine: the analysis as a Spark job (:mod:`selon.spark.job`), its output as Parquet
tables (:mod:`selon.spark.rows`), and those tables taken into a store (:mod:`selon.spark.load`).

pyspark is needed by the job only (``scripts/setup.sh --spark``); the rows and the load read no Spark.
"""
